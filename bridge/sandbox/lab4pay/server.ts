// The Lab4Pay Pay-Connect sandbox: one-time-password pairing, client-credentials tokens, the integrator
// header on every call, and the asynchronous terminal of terminal.ts behind the documented paths.
// Lab4Pay documents status codes only; bodies follow Django REST framework ({detail} or field lists).
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listenSandbox, SandboxKit, type RunningServer, type SandboxResponse } from '../kit.js';
import { Lab4PayTerminal, type TerminalTiming } from './terminal.js';

export const SANDBOX_LAB4PAY_INTEGRATOR = 'posbridge-sandbox-integrator';
export const SANDBOX_LAB4PAY_FIRST_OTP = '246810';
export const SANDBOX_LAB4PAY_CURRENCY = 'EUR';

const detail = (status: number, text: string): SandboxResponse => ({ status, body: { detail: text } });

interface Client { secret: string; terminal: string }

export interface Lab4PaySandboxOptions extends Partial<TerminalTiming> {
  readonly now?: () => number;
  readonly currency?: string;
  readonly tokenTtlS?: number;
}

export class Lab4PaySandbox {
  readonly kit: SandboxKit;
  readonly terminal: Lab4PayTerminal;
  private readonly otps = new Set<string>([SANDBOX_LAB4PAY_FIRST_OTP]);
  private readonly clients = new Map<string, Client>();
  private readonly tokens = new Map<string, { client: string; expires: number }>();
  private readonly now: () => number;
  private readonly tokenTtlS: number;

  constructor(opts: Lab4PaySandboxOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.tokenTtlS = opts.tokenTtlS ?? 3600;
    this.terminal = new Lab4PayTerminal(this.now, {
      queueMs: opts.queueMs ?? 100, cardMs: opts.cardMs ?? 400, cancelSignalMs: opts.cancelSignalMs ?? 150, operationMs: opts.operationMs ?? 200,
    }, opts.currency ?? SANDBOX_LAB4PAY_CURRENCY);
    this.kit = new SandboxKit({ now: this.now, ledger: () => this.terminal.holds(), serverError: () => detail(500, 'A server error occurred.') });
  }

  /** A fresh one-time password, as a terminal would show it to a technician. */
  mintOtp(): string {
    const otp = String(100000 + (randomBytes(4).readUInt32BE() % 900000));
    this.otps.add(otp);
    return otp;
  }

  private integrator(request: FastifyRequest): SandboxResponse | undefined {
    return request.headers['x-pay-connect-integrator-id'] === SANDBOX_LAB4PAY_INTEGRATOR ? undefined : detail(401, 'Invalid or missing X-Pay-Connect-Integrator-Id.');
  }

  /** The paired terminal behind the bearer token, or the 401 to answer. */
  private bearer(request: FastifyRequest): { terminal: string } | SandboxResponse {
    const m = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!m?.[1]) return detail(401, 'Authentication credentials were not provided.');
    const t = this.tokens.get(m[1]);
    if (!t || this.now() >= t.expires) return detail(401, 'Given token not valid for any token type');
    return { terminal: this.clients.get(t.client)!.terminal };
  }

  private route(request: FastifyRequest, reply: FastifyReply, work: (terminal: string, body: Record<string, unknown>) => SandboxResponse, authenticated = true): Promise<void> {
    const denied = this.integrator(request);
    if (denied) return Promise.resolve(this.kit.send(reply, denied));
    let terminal = '';
    if (authenticated) {
      const who = this.bearer(request);
      if ('status' in who) return Promise.resolve(this.kit.send(reply, who));
      terminal = who.terminal;
    }
    const body = typeof request.body === 'object' && request.body !== null ? request.body as Record<string, unknown> : {};
    return this.kit.handle(request, reply, async (delay) => { await delay(); return work(terminal, body); });
  }

  private transaction(id: string, terminal: string) {
    const t = this.terminal.transactions.get(id);
    return t && t.terminal === terminal ? t : undefined;
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    app.post('/v1/pay-connect/pair/', (request, reply) => this.route(request, reply, (_t, b) => {
      const errors: Record<string, string[]> = {};
      if (typeof b.name !== 'string' || !b.name) errors.name = ['This field is required.'];
      if (typeof b.otp !== 'string' || !b.otp) errors.otp = ['This field is required.'];
      else if (!this.otps.has(b.otp)) errors.otp = ['Invalid or expired OTP.'];
      if (Object.keys(errors).length) return { status: 400, body: errors };
      this.otps.delete(b.otp as string);
      const clientId = randomUUID();
      const terminal = `L4P-${randomBytes(3).toString('hex').toUpperCase()}`;
      const secret = randomBytes(24).toString('base64url');
      this.clients.set(clientId, { secret, terminal });
      return { status: 200, body: { pay_connect_id: randomUUID(), terminal_id: terminal, client_id: clientId, client_secret: secret, webhook_secret_key: randomBytes(16).toString('hex') } };
    }, false));
    app.post('/v1/auth/token/', (request, reply) => this.route(request, reply, (_t, b) => {
      if (b.grant_type !== 'client_credentials') return { status: 400, body: { grant_type: ['Only client_credentials is supported.'] } };
      const client = typeof b.client_id === 'string' ? this.clients.get(b.client_id) : undefined;
      if (!client || client.secret !== b.client_secret) return detail(401, 'Invalid client credentials.');
      const token = randomBytes(24).toString('base64url');
      this.tokens.set(token, { client: b.client_id as string, expires: this.now() + this.tokenTtlS * 1000 });
      return { status: 200, body: { access_token: token, expires_in: String(this.tokenTtlS), token_type: 'Bearer', scope: 'default' } };
    }, false));
    app.post('/v1/pay-connect/transactions/preauth/', (request, reply) => this.route(request, reply, (terminal, b) => {
      if (!Number.isInteger(b.amount) || (b.amount as number) <= 0) return { status: 400, body: { amount: ['A valid positive integer (cents) is required.'] } };
      if (b.client_transaction_id !== undefined && typeof b.client_transaction_id !== 'string') return { status: 400, body: { client_transaction_id: ['Not a valid string.'] } };
      const t = this.terminal.preauth(terminal, b.amount as number, (b.client_transaction_id as string | undefined) ?? null);
      return { status: 200, body: { transaction_id: t.id } };
    }));
    app.get('/v1/pay-connect/transactions/:id/', (request, reply) => this.route(request, reply, (terminal) => {
      const t = this.transaction((request.params as { id: string }).id, terminal);
      return t ? { status: 200, body: this.terminal.record(t) } : detail(404, 'Not found.');
    }));
    app.get('/v1/pay-connect/transactions/:id/print-slip/', (request, reply) => this.route(request, reply, (terminal) => {
      const t = this.transaction((request.params as { id: string }).id, terminal);
      return t ? { status: 200, body: this.terminal.record(t) } : detail(404, 'Not found.');
    }));
    app.post('/v1/pay-connect/transactions/:id/cancel/', (request, reply) => this.route(request, reply, (terminal) => {
      const t = this.transaction((request.params as { id: string }).id, terminal);
      if (!t) return detail(404, 'Not found.');
      if (!this.terminal.cancel(t)) return detail(400, 'Transaction can not be cancelled.');
      return { status: 200, body: { transaction_id: t.id } };
    }));
    app.post('/v1/pay-connect/transaction-operations/:id/preauth-complete/', (request, reply) => this.route(request, reply, (terminal, b) => {
      const t = this.transaction((request.params as { id: string }).id, terminal);
      if (!t) return detail(404, 'Not found.');
      if (this.terminal.statusOf(t) !== 'SUCCESS' || t.completed || t.revertedAt !== undefined) return detail(400, 'Only a successful, open pre-authorisation can be completed.');
      if (!Number.isInteger(b.amount) || (b.amount as number) <= 0) return { status: 400, body: { amount: ['A valid positive integer (cents) is required.'] } };
      const op = this.terminal.operation('transaction.preauth_complete', t, b.amount as number);
      return { status: 200, body: { operation_id: op.id, transaction_id: t.id } };
    }));
    app.post('/v1/pay-connect/transaction-operations/:id/revert/', (request, reply) => this.route(request, reply, (terminal) => {
      const t = this.transaction((request.params as { id: string }).id, terminal);
      if (!t) return detail(404, 'Not found.');
      if (this.terminal.lastSuccessful(terminal)?.id !== t.id || t.revertedAt !== undefined) return detail(400, 'Only the most recent successfully completed transaction can be reverted.');
      const op = this.terminal.operation('transaction.revert', t);
      return { status: 200, body: { operation_id: op.id, transaction_id: t.id } };
    }));
    app.get('/v1/pay-connect/transaction-operations/:id/', (request, reply) => this.route(request, reply, (terminal) => {
      const op = this.terminal.operations.get((request.params as { id: string }).id);
      if (!op || this.terminal.transactions.get(op.transaction_id)?.terminal !== terminal) return detail(404, 'Not found.');
      return { status: 200, body: { id: op.id, operation_type: op.type, status: this.terminal.operationStatus(op), transaction_id: op.transaction_id, failure_reason: null, created_at: new Date(op.created).toISOString() } };
    }));
    app.post('/__sandbox/otp', async () => ({ otp: this.mintOtp() }));
    return app;
  }
}

export async function startLab4PaySandbox(port = 0, opts: Lab4PaySandboxOptions = {}): Promise<RunningServer & { sandbox: Lab4PaySandbox }> {
  const sandbox = new Lab4PaySandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
