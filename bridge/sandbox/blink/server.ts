// The Blink card-present sandbox, written from Blink's pages (see README.md for each behaviour and its
// source): Basic auth and User-Agent, the pre-auth page's field validation and errors, terminals that
// are busy while a card is read (429), the three 503s, completions that take the pre-auth's
// SaleToPOIData, voids, the terminal list, and each terminal's request log and EOD report, served from
// what the sandbox really received and answered.
import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currencyExponent } from '../../core/money.js';
import { sleep } from '../faults.js';
import { listenSandbox, SandboxKit, type LedgerHold, type RunningServer, type SandboxResponse } from '../kit.js';
import { BLINK_ERRORS as E, BLINK_FOLLOW_UP_ERRORS as F } from './errors.js';
import { dayIn, TerminalRecords, type EodLine } from './records.js';

export const SANDBOX_BLINK_KEY = 'blink_pos_key';
export const SANDBOX_BLINK_SECRET = 'blink_pos_secret';
export const SANDBOX_BLINK_TERMINAL = 'T650M-451-962-212';
export const SANDBOX_BLINK_OFFLINE_TERMINAL = 'T650M-000-000-000';
/** requested_amount values (GBP) that script the terminal's answer; see README.md. */
export const BLINK_MAGIC = {
  DECLINE: '51.01',
  UNREACHABLE: '503.01',
  TIMEOUT: '503.02',
  LOST_AFTER_APPROVAL: '503.03',
  LOST_AFTER_DECLINE: '503.04',
} as const;

/** The live API (seed 001: /v1/card-present, 201 Created) and Blink's sandbox (apidocs pages: /sandbox/v1/card-present, 200). */
export const BLINK_LIVE_PROFILE = { prefix: '/v1/card-present', createdStatus: 201 } as const;
export const BLINK_SANDBOX_PROFILE = { prefix: '/sandbox/v1/card-present', createdStatus: 200 } as const;

export interface BlinkSandboxOptions {
  readonly now?: () => number;
  /** How long the customer takes at the terminal. */
  readonly cardMs?: number;
  readonly prefix?: string;
  readonly createdStatus?: 200 | 201;
  /** Refuse a completion without the pre-auth's SaleToPOIData (post-preauth-completions, guide step 2). */
  readonly requireSaleToPOIData?: boolean;
  /** The zone whose calendar day files the request log and EOD report. */
  readonly timeZone?: string;
}

interface Hold {
  transaction_id: string;
  reference: string;
  terminal_id: string;
  amount: number;
  currency: string;
  state: 'authorized' | 'captured' | 'voided';
  captured: number;
  created_at: number;
  sale_to_poi: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const AMOUNT = /^\d{1,6}\.\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CARD = { card_type: 'MasterCard', card_number: '546097******4213', card_mode: 'CONTACTLESS' } as const;
const TERMINALS: readonly string[] = [SANDBOX_BLINK_TERMINAL, SANDBOX_BLINK_OFFLINE_TERMINAL];
const isTerminal = (v: unknown): v is string => typeof v === 'string' && TERMINALS.includes(v);

function txId(): string {
  const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let id = '';
  for (const b of randomBytes(16)) id += ALNUM[b % ALNUM.length];
  return id;
}

/** A SaleToPOIData in the form the completions guide shows: JSON text in a string. Its keys are the guide's. */
function saleToPoi(): string {
  const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
  return JSON.stringify({ c: digits(5), p: 'CREDIT', r: 'APPROVED', rc: '5', ts: 'SUCCESS', t: digits(10) });
}

export class BlinkSandbox {
  readonly kit: SandboxKit;
  readonly holds = new Map<string, Hold>();
  readonly records: TerminalRecords;
  private readonly busy = new Set<string>();
  private readonly now: () => number;
  private readonly cardMs: number;
  private readonly prefix: string;
  private readonly created: number;
  private readonly requireSale: boolean;

  constructor(opts: BlinkSandboxOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.cardMs = opts.cardMs ?? 300;
    this.prefix = (opts.prefix ?? BLINK_LIVE_PROFILE.prefix).replace(/\/+$/, '');
    this.created = opts.createdStatus ?? BLINK_LIVE_PROFILE.createdStatus;
    this.requireSale = opts.requireSaleToPOIData ?? true;
    this.records = new TerminalRecords(this.now, dayIn(opts.timeZone ?? 'Europe/London'));
    this.kit = new SandboxKit({ now: this.now, ledger: () => this.ledger(), serverError: () => E.generic });
  }

  ledger(): LedgerHold[] {
    return [...this.holds.values()].map((h) => ({
      id: h.transaction_id,
      reference: h.reference,
      amount: Math.round(h.amount * 100),
      currency: h.currency,
      state: h.state,
      captured: Math.round(h.captured * 100),
      created_at: new Date(h.created_at).toISOString(),
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
    if (!request.headers['user-agent']) return F.missingUserAgent;
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
    if (typeof b.request_timestamp !== 'string' || !ISO_8601.test(b.request_timestamp))
      return E.invalidRequestTimestamp;
    if (
      b.operator_id !== undefined &&
      b.operator_id !== null &&
      (typeof b.operator_id !== 'string' || b.operator_id.length > 255)
    )
      return E.invalidOperatorId;
    if (
      b.metadata !== undefined &&
      b.metadata !== null &&
      (!isObj(b.metadata) || JSON.stringify(b.metadata).length > 1024)
    )
      return E.invalidMetadata;
    if (!isTerminal(b.terminal_id)) return E.unknownTerminal;
    return undefined;
  }

  private amountFields(b: Obj): SandboxResponse | undefined {
    if (b.currency === undefined || b.currency === '') return E.missingCurrency;
    if (b.requested_amount === undefined || b.requested_amount === '') return E.missingRequestedAmount;
    if (typeof b.currency !== 'string' || currencyExponent(b.currency) === undefined) return E.invalidCurrency;
    const n = Number(b.requested_amount);
    if (typeof b.requested_amount !== 'string' || !AMOUNT.test(b.requested_amount) || n < 0.01 || n > 999_999.99)
      return E.invalidRequestedAmount;
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

  /** The terminal finished a card operation: it goes into that day's EOD report. */
  private finished(
    b: Obj,
    paymentMethod: string,
    status: EodLine['line']['status'],
    id: string,
    amount: number,
    currency: string,
  ): void {
    this.records.finished({
      request_timestamp: b.request_timestamp,
      currency,
      site_branch_id: b.site_branch_id,
      payment_method: paymentMethod,
      pos_location: b.pos_location,
      operator_id: b.operator_id ?? null,
      status,
      requested_amount: amount,
      transaction_id: id,
      terminal_id: b.terminal_id as string,
      metadata: b.metadata ?? {},
    });
  }

  private async preauth(b: Obj): Promise<SandboxResponse> {
    const invalid =
      this.terminalFields(b) ??
      this.amountFields(b) ??
      (b.requested_validity_date === undefined || b.requested_validity_date === null
        ? E.missingRequestedValidityDate
        : undefined) ??
      (typeof b.requested_validity_date !== 'string' || !ISO_8601.test(b.requested_validity_date)
        ? E.invalidRequestedValidityDate
        : undefined);
    if (invalid) return invalid;
    const amount = b.requested_amount as string;
    const currency = b.currency as string;
    if (amount === BLINK_MAGIC.UNREACHABLE) return E.terminalUnreachable;
    return this.atTerminal(b.terminal_id as string, async () => {
      await sleep(this.cardMs); // the customer presents the card
      if (amount === BLINK_MAGIC.TIMEOUT) return E.operationTimeout;
      const id = txId();
      if (amount === BLINK_MAGIC.DECLINE || amount === BLINK_MAGIC.LOST_AFTER_DECLINE) {
        this.finished(b, 'preauth-transactions', 'Failure', id, Number(amount), currency);
        if (amount === BLINK_MAGIC.LOST_AFTER_DECLINE) return E.lostConnection;
        return {
          status: this.created,
          body: { result: 'FAILURE', message: 'Transaction declined', transaction_id: id, ...CARD, data: b },
        };
      }
      const metadata = isObj(b.metadata) ? b.metadata : {};
      const sale = saleToPoi();
      this.holds.set(id, {
        transaction_id: id,
        reference: typeof metadata.reference === 'string' ? metadata.reference : '',
        terminal_id: b.terminal_id as string,
        amount: Number(amount),
        currency,
        state: 'authorized',
        captured: 0,
        created_at: this.now(),
        sale_to_poi: sale,
      });
      this.finished(b, 'preauth-transactions', 'Success', id, Number(amount), currency);
      // The approval happened at the terminal, then the link dropped: the cloud cannot say so.
      if (amount === BLINK_MAGIC.LOST_AFTER_APPROVAL) return E.lostConnection;
      return {
        status: this.created,
        body: { result: 'SUCCESS', transaction_id: id, ...CARD, SaleToPOIData: sale, data: b },
      };
    });
  }

  /** The follow-up's own checks, after the shared fields: the original, its state, SaleToPOIData, the amount. */
  private followUpCheck(kind: 'completion' | 'void', b: Obj, hold: Hold | undefined): SandboxResponse | undefined {
    if (!hold) return F.unknownOriginal;
    if (hold.state !== 'authorized') return F.alreadyFinal(hold.state);
    const sale = b.SaleToPOIData;
    if (sale === undefined || sale === null || sale === '') {
      if (kind === 'completion' && this.requireSale) return F.missingSaleToPOIData;
    } else if ((typeof sale === 'string' ? sale : JSON.stringify(sale)) !== hold.sale_to_poi) {
      return F.invalidSaleToPOIData;
    }
    if (kind === 'completion' && b.requested_amount !== undefined && Number(b.requested_amount) > hold.amount)
      return F.aboveAuthorised;
    return undefined;
  }

  private async followUp(kind: 'completion' | 'void', b: Obj): Promise<SandboxResponse> {
    // The sandbox completion example sends neither amount nor currency (apidocs/preauth-completions): both optional together.
    const amounts =
      kind === 'completion' && (b.currency !== undefined || b.requested_amount !== undefined)
        ? this.amountFields(b)
        : undefined;
    const timestamp = b.original_transaction_timestamp;
    const badTimestamp =
      timestamp !== undefined && (typeof timestamp !== 'string' || !ISO_8601.test(timestamp))
        ? F.invalidOriginalTimestamp
        : undefined;
    const invalid = this.terminalFields(b) ?? amounts ?? badTimestamp;
    if (invalid) return invalid;
    const hold = typeof b.original_transaction_id === 'string' ? this.holds.get(b.original_transaction_id) : undefined;
    const refused = this.followUpCheck(kind, b, hold);
    if (refused || !hold) return refused ?? F.unknownOriginal;
    return this.atTerminal(b.terminal_id as string, async () => {
      const id = txId();
      if (kind === 'completion') {
        hold.state = 'captured';
        hold.captured = b.requested_amount !== undefined ? Number(b.requested_amount) : hold.amount;
        this.finished(b, 'preauth-completions', 'Success', id, hold.captured, hold.currency);
      } else {
        hold.state = 'voided';
        this.finished(b, 'preauth-voids', 'Success', id, hold.amount, hold.currency);
      }
      return { status: this.created, body: { result: 'SUCCESS', transaction_id: id, ...CARD, data: b } };
    });
  }

  /** A request to a terminal: filed in that terminal's request log from arrival to answer (docs/requestsdata-data). */
  private route(
    request: FastifyRequest,
    reply: FastifyReply,
    work: (b: Obj) => Promise<SandboxResponse>,
  ): Promise<void> {
    const denied = this.auth(request);
    if (denied) return Promise.resolve(this.kit.send(reply, denied));
    const body = isObj(request.body) ? request.body : {};
    return this.kit.handle(request, reply, async (delay) => {
      const terminalId = isTerminal(body.terminal_id) ? body.terminal_id : undefined;
      const url = `http://${request.headers.host ?? '127.0.0.1'}${request.url}`;
      const entry = terminalId
        ? this.records.received(terminalId, { method: request.method, url, headers: request.headers, body })
        : undefined;
      await delay();
      const answer = await work(body);
      if (entry) this.records.answered(entry, answer);
      return answer;
    });
  }

  /** A read from the cloud (terminal list, request log, EOD report): never at the terminal, so never busy. */
  private read(request: FastifyRequest, reply: FastifyReply, work: () => SandboxResponse): Promise<void> {
    const denied = this.auth(request);
    if (denied) return Promise.resolve(this.kit.send(reply, denied));
    return this.kit.handle(request, reply, async (delay) => {
      await delay();
      return work();
    });
  }

  /** The terminal and day a report is asked for; `date` defaults to today (docs/request: "The default is the current date"). */
  private reportArgs(request: FastifyRequest): { terminalId: string; day: string } | SandboxResponse {
    const terminalId = (request.params as { terminal_id: string }).terminal_id;
    const date = (request.query as { date?: unknown }).date;
    if (!isTerminal(terminalId)) return E.unknownTerminal;
    if (date === undefined) return { terminalId, day: this.records.today() };
    if (typeof date !== 'string' || !DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      return F.invalidDate;
    return { terminalId, day: date };
  }

  private requestLog(request: FastifyRequest): SandboxResponse {
    const args = this.reportArgs(request);
    if ('status' in args) return args;
    return { status: 200, body: { requests: this.records.requests(args.terminalId, args.day) } };
  }

  private eodReport(request: FastifyRequest): SandboxResponse {
    const args = this.reportArgs(request);
    if ('status' in args) return args;
    return { status: 200, body: this.records.eodReport(args.terminalId, args.day) };
  }

  private terminals(): SandboxResponse {
    const now = this.now();
    return {
      status: 200,
      body: {
        terminals: [
          {
            serial_number: '451-962-212',
            terminal_id: SANDBOX_BLINK_TERMINAL,
            state: 'CONNECTED',
            last_connected_at: new Date(now - 60_000).toISOString(),
            last_active_at: new Date(now).toISOString(),
            last_connected_pos: 'POS-1',
            device_software_version: '5.339.8',
          },
          {
            serial_number: '000-000-000',
            terminal_id: SANDBOX_BLINK_OFFLINE_TERMINAL,
            state: 'DISCONNECTED',
            last_connected_at: new Date(now - 86_400_000).toISOString(),
            last_active_at: null,
            last_connected_pos: null,
            device_software_version: '5.339.8',
          },
        ],
      },
    };
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    const p = this.prefix;
    app.post(`${p}/preauth-transactions`, (request, reply) => this.route(request, reply, (b) => this.preauth(b)));
    app.post(`${p}/preauth-completions`, (request, reply) =>
      this.route(request, reply, (b) => this.followUp('completion', b)),
    );
    app.post(`${p}/preauth-voids`, (request, reply) => this.route(request, reply, (b) => this.followUp('void', b)));
    app.get(`${p}/terminals`, (request, reply) => this.read(request, reply, () => this.terminals()));
    app.get(`${p}/terminals/:terminal_id/requests`, (request, reply) =>
      this.read(request, reply, () => this.requestLog(request)),
    );
    // The older page (docs/request) names the same log under /devices.
    app.get(`${p}/devices/:terminal_id/requests`, (request, reply) =>
      this.read(request, reply, () => this.requestLog(request)),
    );
    // Test controls, not Blink behaviour: change the EOD report behind the bridge's back, so a
    // reconciliation has a difference to find. `reference` is the metadata reference (the bridge's transaction
    // id), `amount` minor units.
    app.post('/__sandbox/records', async (request, reply) => {
      const b = (request.body ?? {}) as {
        action?: string;
        reference?: string;
        amount?: number;
        terminal_id?: string;
        currency?: string;
      };
      const major = (minor: number, currency: string) => minor / 10 ** (currencyExponent(currency) ?? 2);
      if (b.action === 'set_amount' && b.reference && Number.isInteger(b.amount))
        return this.records.setAmount(b.reference, (currency) => major(b.amount!, currency))
          ? { ok: true }
          : reply.code(404).send({ error: 'no EOD line with that reference' });
      if (b.action === 'drop' && b.reference)
        return this.records.drop(b.reference)
          ? { ok: true }
          : reply.code(404).send({ error: 'no EOD line with that reference' });
      if (b.action === 'add' && b.terminal_id && Number.isInteger(b.amount)) {
        const id = txId();
        this.records.addForeign({
          request_timestamp: new Date(this.now()).toISOString(),
          currency: b.currency ?? 'GBP',
          site_branch_id: 'B1',
          payment_method: 'preauth-transactions',
          pos_location: 'till',
          operator_id: null,
          status: 'Success',
          requested_amount: major(b.amount!, b.currency ?? 'GBP'),
          transaction_id: id,
          terminal_id: b.terminal_id,
          metadata: {},
        });
        return { ok: true, transaction_id: id };
      }
      return reply.code(400).send({
        error: 'action: set_amount {reference, amount} | drop {reference} | add {terminal_id, amount, currency?}',
      });
    });
    app.get(`${p}/terminals/:terminal_id/eod-reports`, (request, reply) =>
      this.read(request, reply, () => this.eodReport(request)),
    );
    // docs/eod-reports shows the singular path in its example.
    app.get(`${p}/terminals/:terminal_id/eod-report`, (request, reply) =>
      this.read(request, reply, () => this.eodReport(request)),
    );
    return app;
  }
}

export async function startBlinkSandbox(
  port = 0,
  opts: BlinkSandboxOptions = {},
): Promise<RunningServer & { sandbox: BlinkSandbox }> {
  const sandbox = new BlinkSandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
