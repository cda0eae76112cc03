// The Blink card-present sandbox: Basic auth and User-Agent, the seed's field validation and errors,
// terminals that are busy while a card is being read (429), the three 503s, completions and voids.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currencyExponent } from '../../core/money.js';
import { sleep } from '../faults.js';
import { listenSandbox, SandboxKit, type LedgerHold, type RunningServer, type SandboxResponse } from '../kit.js';
import { BLINK_ERRORS as E } from './errors.js';

export const SANDBOX_BLINK_KEY = 'blink_pos_key';
export const SANDBOX_BLINK_SECRET = 'blink_pos_secret';
export const SANDBOX_BLINK_TERMINAL = 'T650M-451-962-212';
export const SANDBOX_BLINK_OFFLINE_TERMINAL = 'T650M-000-000-000';
/** requested_amount values (GBP) that script the terminal's answer; see README.md. */
export const BLINK_MAGIC = { DECLINE: '51.01', UNREACHABLE: '503.01', TIMEOUT: '503.02', LOST_AFTER_APPROVAL: '503.03' } as const;

interface Hold {
  transaction_id: string;
  reference: string;
  terminal_id: string;
  amount: number;
  currency: string;
  state: 'authorized' | 'captured' | 'voided';
  captured: number;
  created_at: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const AMOUNT = /^\d{1,6}\.\d{2}$/;

function txId(): string {
  const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let id = '';
  for (const b of randomBytes(16)) id += ALNUM[b % ALNUM.length];
  return id;
}

export class BlinkSandbox {
  readonly kit: SandboxKit;
  readonly holds = new Map<string, Hold>();
  private readonly busy = new Set<string>();
  private readonly now: () => number;
  private readonly cardMs: number;

  constructor(opts: { now?: () => number; cardMs?: number } = {}) {
    this.now = opts.now ?? Date.now;
    this.cardMs = opts.cardMs ?? 300;
    this.kit = new SandboxKit({ now: this.now, ledger: () => this.ledger(), serverError: () => E.generic });
  }

  ledger(): LedgerHold[] {
    return [...this.holds.values()].map((h) => ({
      id: h.transaction_id, reference: h.reference, amount: Math.round(h.amount * 100), currency: h.currency, state: h.state,
      captured: Math.round(h.captured * 100), created_at: new Date(h.created_at).toISOString(),
    }));
  }

  /** 400 missing header, 401 malformed or a magic acquirer key, 403 wrong key or secret; User-Agent is mandatory. */
  private auth(request: FastifyRequest): SandboxResponse | undefined {
    const header = request.headers.authorization;
    if (!header) return E.missingAuthorization;
    const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
    const decoded = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 1) return E.invalidAuthorization;
    const [key, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (key === 'no-acquirer') return E.acquirerTokenNotFound;
    if (key === 'bad-acquirer') return E.acquirerTokenInvalid;
    if (key !== SANDBOX_BLINK_KEY || secret !== SANDBOX_BLINK_SECRET) return E.invalidCredentials;
    if (!request.headers['user-agent']) return { status: 400, body: { result: 'FAILURE', message: 'Field validation failed', errors: { 'User-Agent': 'The User-Agent header is required.' } } };
    return undefined;
  }

  /** The fields every card-present request shares, checked in the seed's order: missing (400), then invalid (422). */
  private terminalFields(b: Obj): SandboxResponse | undefined {
    if (b.site_branch_id === undefined || b.site_branch_id === '') return E.missingSiteBranchId;
    if (b.pos_location === undefined || b.pos_location === '') return E.missingPosLocation;
    if (b.terminal_id === undefined || b.terminal_id === '') return E.missingTerminalId;
    if (b.request_timestamp === undefined || b.request_timestamp === '') return E.missingRequestTimestamp;
    if (typeof b.site_branch_id !== 'string' || b.site_branch_id.length > 16) return E.invalidSiteBranchId;
    if (typeof b.pos_location !== 'string' || b.pos_location.length > 16) return E.invalidPosLocation;
    if (typeof b.terminal_id !== 'string' || b.terminal_id.length > 35) return E.invalidTerminalId;
    if (typeof b.request_timestamp !== 'string' || !ISO_8601.test(b.request_timestamp)) return E.invalidRequestTimestamp;
    if (b.operator_id !== undefined && b.operator_id !== null && (typeof b.operator_id !== 'string' || b.operator_id.length > 255)) return E.invalidOperatorId;
    if (b.metadata !== undefined && b.metadata !== null && (!isObj(b.metadata) || JSON.stringify(b.metadata).length > 1024)) return E.invalidMetadata;
    if (b.terminal_id !== SANDBOX_BLINK_TERMINAL && b.terminal_id !== SANDBOX_BLINK_OFFLINE_TERMINAL) return E.unknownTerminal;
    return undefined;
  }

  private amountFields(b: Obj): SandboxResponse | undefined {
    if (b.currency === undefined || b.currency === '') return E.missingCurrency;
    if (b.requested_amount === undefined || b.requested_amount === '') return E.missingRequestedAmount;
    if (typeof b.currency !== 'string' || currencyExponent(b.currency) === undefined) return E.invalidCurrency;
    const n = Number(b.requested_amount);
    if (typeof b.requested_amount !== 'string' || !AMOUNT.test(b.requested_amount) || n < 0.01 || n > 999_999.99) return E.invalidRequestedAmount;
    return undefined;
  }

  /** The terminal does one thing at a time: a second request meanwhile gets 429. */
  private async atTerminal(terminalId: string, work: () => Promise<SandboxResponse>): Promise<SandboxResponse> {
    if (terminalId === SANDBOX_BLINK_OFFLINE_TERMINAL) return E.terminalUnreachable;
    if (this.busy.has(terminalId)) return E.terminalBusy;
    this.busy.add(terminalId);
    try {
      return await work();
    } finally {
      this.busy.delete(terminalId);
    }
  }

  private async preauth(b: Obj): Promise<SandboxResponse> {
    const invalid = this.terminalFields(b) ?? this.amountFields(b)
      ?? (b.requested_validity_date === undefined || b.requested_validity_date === null ? E.missingRequestedValidityDate : undefined)
      ?? (typeof b.requested_validity_date !== 'string' || !ISO_8601.test(b.requested_validity_date) ? E.invalidRequestedValidityDate : undefined);
    if (invalid) return invalid;
    const amount = b.requested_amount as string;
    if (amount === BLINK_MAGIC.UNREACHABLE) return E.terminalUnreachable;
    return this.atTerminal(b.terminal_id as string, async () => {
      await sleep(this.cardMs); // the customer presents the card
      if (amount === BLINK_MAGIC.TIMEOUT) return E.operationTimeout;
      const id = txId();
      const base = { transaction_id: id, card_type: 'MasterCard', card_number: '546097******4213', card_mode: 'CONTACTLESS', data: b };
      if (amount === BLINK_MAGIC.DECLINE) return { status: 201, body: { result: 'FAILURE', message: 'Transaction declined', ...base } };
      const metadata = isObj(b.metadata) ? b.metadata : {};
      this.holds.set(id, {
        transaction_id: id, reference: typeof metadata.reference === 'string' ? metadata.reference : '', terminal_id: b.terminal_id as string,
        amount: Number(amount), currency: b.currency as string, state: 'authorized', captured: 0, created_at: this.now(),
      });
      // The approval happened at the terminal, then the link dropped: the cloud cannot say so.
      if (amount === BLINK_MAGIC.LOST_AFTER_APPROVAL) return E.lostConnection;
      return { status: 201, body: { result: 'SUCCESS', ...base } };
    });
  }

  private async followUp(kind: 'completion' | 'void', b: Obj): Promise<SandboxResponse> {
    const invalid = this.terminalFields(b) ?? (kind === 'completion' ? this.amountFields(b) : undefined);
    if (invalid) return invalid;
    const hold = typeof b.original_transaction_id === 'string' ? this.holds.get(b.original_transaction_id) : undefined;
    if (!hold) return { status: 404, body: { result: 'FAILURE', message: 'Field validation failed', errors: { original_transaction_id: 'The original_transaction_id provided is invalid in our system.' } } };
    if (hold.state !== 'authorized') return { status: 422, body: { result: 'FAILURE', message: 'Field validation failed', errors: { original_transaction_id: `The pre-auth has already been ${hold.state}.` } } };
    if (kind === 'completion' && Number(b.requested_amount) > hold.amount) {
      return { status: 422, body: { result: 'FAILURE', message: 'Field validation failed', errors: { requested_amount: 'The requested_amount must not exceed the pre-authorised amount.' } } };
    }
    return this.atTerminal(b.terminal_id as string, async () => {
      if (kind === 'completion') {
        hold.state = 'captured';
        hold.captured = Number(b.requested_amount);
      } else {
        hold.state = 'voided';
      }
      return { status: 201, body: { result: 'SUCCESS', transaction_id: txId(), data: b } };
    });
  }

  private route(request: FastifyRequest, reply: FastifyReply, work: (b: Obj) => Promise<SandboxResponse>): Promise<void> {
    const denied = this.auth(request);
    if (denied) return Promise.resolve(this.kit.send(reply, denied));
    return this.kit.handle(request, reply, async (delay) => { await delay(); return work(isObj(request.body) ? request.body : {}); });
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    app.post('/v1/card-present/preauth-transactions', (request, reply) => this.route(request, reply, (b) => this.preauth(b)));
    app.post('/v1/card-present/preauth-completions', (request, reply) => this.route(request, reply, (b) => this.followUp('completion', b)));
    app.post('/v1/card-present/preauth-voids', (request, reply) => this.route(request, reply, (b) => this.followUp('void', b)));
    app.get('/v1/card-present/terminals', (request, reply) => this.route(request, reply, async () => ({
      status: 200,
      body: {
        result: 'SUCCESS',
        data: [
          { serial_number: '451-962-212', terminal_id: SANDBOX_BLINK_TERMINAL, state: 'CONNECTED', last_connected_at: new Date(this.now() - 60_000).toISOString(), last_active_at: new Date(this.now()).toISOString(), device_software_version: '2.4.1' },
          { serial_number: '000-000-000', terminal_id: SANDBOX_BLINK_OFFLINE_TERMINAL, state: 'DISCONNECTED', last_connected_at: new Date(this.now() - 86_400_000).toISOString(), last_active_at: null, device_software_version: '2.4.1' },
        ],
      },
    })));
    return app;
  }
}

export async function startBlinkSandbox(port = 0, opts: { now?: () => number; cardMs?: number } = {}): Promise<RunningServer & { sandbox: BlinkSandbox }> {
  const sandbox = new BlinkSandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
