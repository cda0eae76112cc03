// The Lab4Pay Pay-Connect sandbox: the paths, fields and status codes of Lab4Pay's documentation
// (https://docs.lab4pay.com, each route names its page; README.md lists every behaviour and its source),
// in front of the asynchronous terminal of terminal.ts. Where the docs are silent (error bodies, unknown
// ids), it answers as the Django REST framework the trailing-slash paths suggest, and README.md says so.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listenSandbox, SandboxKit, type RunningServer, type SandboxResponse } from '../kit.js';
import { Lab4PayTerminal, type TerminalTiming } from './terminal.js';

export const SANDBOX_LAB4PAY_INTEGRATOR = 'posbridge-sandbox-integrator';
export const SANDBOX_LAB4PAY_FIRST_OTP = '246810';
export const SANDBOX_LAB4PAY_CURRENCY = 'EUR';

const detail = (status: number, text: string): SandboxResponse => ({ status, body: { detail: text } });
const NOT_FOUND = detail(404, 'Not found.');

interface Client {
  secret: string;
  terminal: string;
}

export interface Lab4PaySandboxOptions extends Partial<TerminalTiming> {
  readonly now?: () => number;
  readonly currency?: string;
  readonly tokenTtlS?: number;
}

interface RouteOptions {
  /** Every endpoint page lists X-Pay-Connect-Integrator-Id as required, except the token's. */
  readonly integrator?: boolean;
  /** Every endpoint but pairing and the token needs the bearer token (authorization/token). */
  readonly bearer?: boolean;
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
    this.terminal = new Lab4PayTerminal(
      this.now,
      {
        queueMs: opts.queueMs ?? 100,
        cardMs: opts.cardMs ?? 400,
        cancelSignalMs: opts.cancelSignalMs ?? 150,
        operationMs: opts.operationMs ?? 200,
      },
      opts.currency ?? SANDBOX_LAB4PAY_CURRENCY,
    );
    this.kit = new SandboxKit({
      now: this.now,
      ledger: () => this.terminal.holds(),
      serverError: () => detail(500, 'A server error occurred.'),
    });
  }

  /** A fresh one-time password, as a terminal would show it to a technician. */
  mintOtp(): string {
    const otp = String(100000 + (randomBytes(4).readUInt32BE() % 900000));
    this.otps.add(otp);
    return otp;
  }

  private integrator(request: FastifyRequest): SandboxResponse | undefined {
    return request.headers['x-pay-connect-integrator-id'] === SANDBOX_LAB4PAY_INTEGRATOR
      ? undefined
      : detail(401, 'Invalid or missing X-Pay-Connect-Integrator-Id.');
  }

  /** The paired client behind the bearer token, or the 401 to answer. */
  private bearer(request: FastifyRequest): { client: string; terminal: string } | SandboxResponse {
    const m = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!m?.[1]) return detail(401, 'Authentication credentials were not provided.');
    const t = this.tokens.get(m[1]);
    const client = t ? this.clients.get(t.client) : undefined;
    if (!t || !client || this.now() >= t.expires) return detail(401, 'Given token not valid for any token type');
    return { client: t.client, terminal: client.terminal };
  }

  private route(
    request: FastifyRequest,
    reply: FastifyReply,
    work: (who: { client: string; terminal: string }, body: Record<string, unknown>) => SandboxResponse,
    opts: RouteOptions = {},
  ): Promise<void> {
    const denied = opts.integrator === false ? undefined : this.integrator(request);
    if (denied) return Promise.resolve(this.kit.send(reply, denied));
    let who = { client: '', terminal: '' };
    if (opts.bearer !== false) {
      const b = this.bearer(request);
      if ('status' in b) return Promise.resolve(this.kit.send(reply, b));
      who = b;
    }
    const body =
      typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
    return this.kit.handle(request, reply, async (delay) => {
      await delay();
      return work(who, body);
    });
  }

  private transaction(request: FastifyRequest, terminal: string) {
    const t = this.terminal.transactions.get((request.params as { id: string }).id);
    return t && t.terminal === terminal ? t : undefined;
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    // Test controls, not Lab4Pay behaviour: change Lab4Pay's books behind the bridge's back, so a
    // reconciliation has a difference to find. `reference` is the client_transaction_id, `amount` cents.
    app.post('/__sandbox/records', async (request, reply) => {
      const b = (request.body ?? {}) as { action?: string; reference?: string; amount?: number };
      const t = [...this.terminal.transactions.values()].find((x) => x.client_transaction_id === b.reference);
      if (!t)
        return reply.code(b.action ? 404 : 400).send({
          error: b.action
            ? 'no transaction with that client_transaction_id'
            : 'action: set_amount {reference, amount (minor units)} | drop {reference}',
        });
      if (b.action === 'set_amount' && Number.isInteger(b.amount)) {
        t.amount = b.amount!;
        return { ok: true };
      }
      if (b.action === 'drop') {
        this.terminal.transactions.delete(t.id);
        return { ok: true };
      }
      return reply.code(400).send({ error: 'action: set_amount {reference, amount (minor units)} | drop {reference}' });
    });
    // Paths nobody documents (the old GET …/transactions/{id}/) answer as an unknown DRF route.
    app.setNotFoundHandler((_request, reply) => this.kit.send(reply, NOT_FOUND));

    // pay-connect/pairing: {name, otp, webhook_url?} → the credentials, once; the OTP is then used up.
    app.post('/v1/pay-connect/pair/', (request, reply) =>
      this.route(
        request,
        reply,
        (_who, b) => {
          const errors: Record<string, string[]> = {};
          if (typeof b.name !== 'string' || !b.name) errors.name = ['This field is required.'];
          if (typeof b.otp !== 'string' || !b.otp) errors.otp = ['This field is required.'];
          else if (!this.otps.has(b.otp)) errors.otp = ['Invalid or expired OTP.'];
          if (b.webhook_url !== undefined && typeof b.webhook_url !== 'string')
            errors.webhook_url = ['Not a valid string.'];
          if (Object.keys(errors).length) return { status: 400, body: errors };
          this.otps.delete(b.otp as string);
          const clientId = randomUUID();
          const terminal = `L4P-${randomBytes(3).toString('hex').toUpperCase()}`;
          const secret = randomBytes(24).toString('base64url');
          this.clients.set(clientId, { secret, terminal });
          return {
            status: 200,
            body: {
              pay_connect_id: randomUUID(),
              pay_connect_name: b.name,
              terminal_id: terminal,
              client_id: clientId,
              client_secret: secret,
              // Typed `string | null`; a key only signs webhooks, so without a webhook_url there is none (assumption).
              webhook_secret_key:
                typeof b.webhook_url === 'string' && b.webhook_url ? randomBytes(16).toString('hex') : null,
            },
          };
        },
        { bearer: false },
      ),
    );

    // authorization/token: JSON only (the requestBody lists application/json alone); 400 and 500 are the
    // only errors the page lists, so bad credentials are a 400 too.
    app.post('/v1/auth/token/', (request, reply) =>
      this.route(
        request,
        reply,
        (_who, b) => {
          const type = request.headers['content-type'] ?? '';
          if (!/^application\/json\b/i.test(type)) return detail(400, `Unsupported media type "${type}" in request.`);
          if (b.grant_type !== 'client_credentials')
            return { status: 400, body: { grant_type: ['Only client_credentials is supported.'] } };
          const client = typeof b.client_id === 'string' ? this.clients.get(b.client_id) : undefined;
          if (!client || client.secret !== b.client_secret) return detail(400, 'Invalid client credentials.');
          const token = randomBytes(24).toString('base64url');
          this.tokens.set(token, { client: b.client_id as string, expires: this.now() + this.tokenTtlS * 1000 });
          return {
            status: 200,
            body: { access_token: token, expires_in: String(this.tokenTtlS), token_type: 'Bearer', scope: 'default' },
          };
        },
        { integrator: false, bearer: false },
      ),
    );

    // pay-connect/unpair: bearer only, no body; the credentials stop working (a new OTP is needed).
    app.post('/v1/pay-connect/unpair/', (request, reply) =>
      this.route(request, reply, (who) => {
        this.clients.delete(who.client);
        for (const [token, t] of this.tokens) if (t.client === who.client) this.tokens.delete(token);
        return { status: 200, body: undefined };
      }),
    );

    // pay-connect/preauthorization-transaction: {amount (cents), client_transaction_id?} → {transaction_id}.
    app.post('/v1/pay-connect/transactions/preauth/', (request, reply) =>
      this.route(request, reply, (who, b) => {
        if (!Number.isInteger(b.amount) || (b.amount as number) <= 0)
          return { status: 400, body: { amount: ['A valid positive integer (cents) is required.'] } };
        if (b.client_transaction_id !== undefined && typeof b.client_transaction_id !== 'string')
          return { status: 400, body: { client_transaction_id: ['Not a valid string.'] } };
        const t = this.terminal.preauth(
          who.terminal,
          b.amount as number,
          (b.client_transaction_id as string | undefined) ?? null,
        );
        return { status: 200, body: { transaction_id: t.id } };
      }),
    );

    // pay-connect/payment-flows.md: GET …/transactions/{id}/status/ → 200 { status }.
    app.get('/v1/pay-connect/transactions/:id/status/', (request, reply) =>
      this.route(request, reply, (who) => {
        const t = this.transaction(request, who.terminal);
        return t ? { status: 200, body: { status: this.terminal.statusOf(t) } } : NOT_FOUND;
      }),
    );

    // pay-connect/transaction-print-slip: the documented record (transaction_id, card_type, …).
    app.get('/v1/pay-connect/transactions/:id/print-slip/', (request, reply) =>
      this.route(request, reply, (who) => {
        const t = this.transaction(request, who.terminal);
        return t ? { status: 200, body: this.terminal.printSlip(t) } : NOT_FOUND;
      }),
    );

    // pay-connect/cancel-transaction: no body either way; "returns 200 before the transaction was canceled on terminal".
    app.post('/v1/pay-connect/transactions/:id/cancel/', (request, reply) =>
      this.route(request, reply, (who) => {
        const t = this.transaction(request, who.terminal);
        if (!t) return NOT_FOUND;
        if (!this.terminal.cancel(t)) return detail(400, 'Transaction can not be cancelled.');
        return { status: 200, body: undefined };
      }),
    );

    // pay-connect/preauth-complete-operation: {amount} = original + increment → {operation_id, transaction_id}.
    app.post('/v1/pay-connect/transaction-operations/:id/preauth-complete/', (request, reply) =>
      this.route(request, reply, (who, b) => {
        const t = this.transaction(request, who.terminal);
        if (!t) return NOT_FOUND;
        if (!this.terminal.succeeded(t) || t.completed || t.revertedAt !== undefined)
          return detail(400, 'Only a successful, open pre-authorisation can be completed.');
        if (!Number.isInteger(b.amount) || (b.amount as number) <= 0)
          return { status: 400, body: { amount: ['A valid positive integer (cents) is required.'] } };
        const op = this.terminal.operation('transaction.preauth_complete', t, b.amount as number);
        return { status: 200, body: { operation_id: op.id, transaction_id: t.id } };
      }),
    );

    // pay-connect/revert-operation: no body; "only the most recent successfully completed transaction".
    app.post('/v1/pay-connect/transaction-operations/:id/revert/', (request, reply) =>
      this.route(request, reply, (who) => {
        const t = this.transaction(request, who.terminal);
        if (!t) return NOT_FOUND;
        if (this.terminal.lastSuccessful(who.terminal)?.id !== t.id || t.revertedAt !== undefined)
          return detail(400, 'Only the most recent successfully completed transaction can be reverted.');
        const op = this.terminal.operation('transaction.revert', t);
        return { status: 200, body: { operation_id: op.id, transaction_id: t.id } };
      }),
    );

    // pay-connect/operation-status: exactly {operation_id, operation_type, transaction_id, status}.
    app.get('/v1/pay-connect/transaction-operations/:id/', (request, reply) =>
      this.route(request, reply, (who) => {
        const op = this.terminal.operations.get((request.params as { id: string }).id);
        if (!op || this.terminal.transactions.get(op.transaction_id)?.terminal !== who.terminal) return NOT_FOUND;
        return {
          status: 200,
          body: {
            operation_id: op.id,
            operation_type: op.type,
            transaction_id: op.transaction_id,
            status: this.terminal.operationStatus(op),
          },
        };
      }),
    );

    app.post('/__sandbox/otp', async () => ({ otp: this.mintOtp() }));
    return app;
  }
}

export async function startLab4PaySandbox(
  port = 0,
  opts: Lab4PaySandboxOptions = {},
): Promise<RunningServer & { sandbox: Lab4PaySandbox }> {
  const sandbox = new Lab4PaySandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
