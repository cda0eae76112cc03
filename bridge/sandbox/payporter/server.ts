// The PayPorter sandbox, built from PayPorter's documentation (commitup/api-doc-v2, docs/pos-api/*.md
// and api.html), not from the connector: X-API-KEY + X-API-SECRET, synchronous pre-authorisation,
// capture answering SUCCESS, same-day cancel of SUCCESS payments creating a CANCEL record, and
// GET /api/payment/{id}. README.md beside this file gives the source of every behaviour and marks
// what the docs leave open as an assumption.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currencyExponent } from '../../core/money.js';
import {
  listenSandbox,
  SandboxKit,
  toMinor,
  type LedgerHold,
  type RunningServer,
  type SandboxResponse,
} from '../kit.js';
import { isMajorAmount, preauthProblems, problemsMessage } from './validate.js';

export const SANDBOX_PAYPORTER_KEY = 'pp_sandbox_key';
export const SANDBOX_PAYPORTER_SECRET = 'pp_sandbox_secret';
export const PP_MAGIC = { INSUFFICIENT: 51.01, DO_NOT_HONOR: 51.02, EXPIRED: 51.03, INVALID: 51.05 } as const;
export const PP_DECLINED_PAN = '4000000000000002';

type Status = 'SUCCESS' | 'FAILED' | 'CAPTURED' | 'CANCELLED';

interface PpPayment {
  paymentId: string;
  orderId: string;
  /** The record's amount: what was pre-authorised (or, for a CANCEL record, cancelled). */
  amount: number;
  /** What a capture took, in major units; null until captured. */
  captured: number | null;
  currency: string;
  exponent: number;
  status: Status;
  /** CANCEL records carry transactionType (cancel-payment.md); the pre-auth examples carry none. */
  kind: 'preauth' | 'cancel';
  parentPaymentId: string | null;
  cardHolderName: string;
  pan: string;
  cardScheme: string;
  authCode: string | null;
  resultCode: string;
  resultMessage: string;
  customerId: string | null;
  paymentDate: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** cancel-payment.md's example reads a failed answer as `error.message`: that is the whole error body here. */
export function ppError(status: number, message: string): SandboxResponse {
  return { status, body: { message } };
}

/** The calendar day in Türkiye, where PayPorter's "same day" is reckoned (our reading; README). */
function istanbulDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Istanbul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

function scheme(pan: string): string {
  return pan.startsWith('4')
    ? 'VISA'
    : /^(5[1-5]|2[2-7])/.test(pan)
      ? 'MASTERCARD'
      : pan.startsWith('9792')
        ? 'TROY'
        : 'UNKNOWN';
}

/** Declines by magic amount or card; resultCode "FAILED" mirrors the status, as SUCCESS does in the examples. */
function declineOf(amount: number, pan: string): string | undefined {
  if (amount === PP_MAGIC.INSUFFICIENT || pan === PP_DECLINED_PAN) return 'Insufficient funds';
  if (amount === PP_MAGIC.DO_NOT_HONOR) return 'Do not honor';
  if (amount === PP_MAGIC.EXPIRED) return 'Expired card';
  return undefined;
}

export class PayPorterSandbox {
  readonly payments = new Map<string, PpPayment>();
  readonly kit: SandboxKit;
  private readonly now: () => number;

  constructor(opts: { now?: () => number } = {}) {
    this.now = opts.now ?? Date.now;
    this.kit = new SandboxKit({
      now: this.now,
      ledger: () => this.holds(),
      serverError: () => ppError(500, 'An unexpected error occurred'),
    });
  }

  holds(): LedgerHold[] {
    return [...this.payments.values()]
      .filter((p) => p.kind === 'preauth' && p.status !== 'FAILED')
      .map((p) => ({
        id: p.paymentId,
        reference: p.orderId,
        amount: toMinor(p.amount, p.exponent),
        currency: p.currency,
        state: p.status === 'CANCELLED' ? 'voided' : p.status === 'CAPTURED' ? 'captured' : 'authorized',
        captured: p.captured === null ? 0 : toMinor(p.captured, p.exponent),
        created_at: new Date(p.paymentDate).toISOString(),
      }));
  }

  /** An ApiPaymentResponse with the fields of the docs' examples; `status` may differ from the stored one (a capture answer). */
  private json(p: PpPayment, status: string = p.status) {
    return {
      paymentId: p.paymentId,
      ...(p.parentPaymentId ? { parentPaymentId: p.parentPaymentId } : {}),
      orderId: p.orderId,
      amount: p.amount,
      installmentCount: 1,
      currency: p.currency,
      merchantCommission: 0,
      status,
      ...(p.kind === 'cancel' ? { transactionType: 'CANCEL' } : {}),
      paymentDate: new Date(p.paymentDate).toISOString(),
      cardHolderName: p.cardHolderName,
      pan: p.pan,
      domInt: p.currency === 'TRY' ? 'DOM' : 'INT',
      cardScheme: p.cardScheme,
      cardType: 'CREDIT',
      loyaltyCode: null,
      externalTransactionId: `EXT${p.paymentId.slice(0, 8).toUpperCase()}`,
      authCode: p.authCode,
      resultCode: p.resultCode,
      resultMessage: p.resultMessage,
      customerId: p.customerId,
    };
  }

  private authorized(request: FastifyRequest): boolean {
    return (
      request.headers['x-api-key'] === SANDBOX_PAYPORTER_KEY &&
      request.headers['x-api-secret'] === SANDBOX_PAYPORTER_SECRET
    );
  }

  private route(request: FastifyRequest, reply: FastifyReply, process: () => SandboxResponse): Promise<void> {
    if (!this.authorized(request))
      return Promise.resolve(this.kit.send(reply, ppError(401, 'X-API-KEY and X-API-SECRET are missing or invalid')));
    return this.kit.handle(request, reply, async (delay) => {
      await delay();
      return process();
    });
  }

  private preauth(body: Obj): SandboxResponse {
    const problems = preauthProblems(body);
    if (body.amount === PP_MAGIC.INVALID)
      problems.push({ field: 'amount', problem: 'is not allowed for this merchant' });
    if (problems.length) return ppError(400, problemsMessage(problems));
    const amount = body.amount as number;
    const pan = body.pan as string;
    const declined = declineOf(amount, pan);
    const p: PpPayment = {
      paymentId: randomUUID(),
      orderId: body.orderId as string,
      amount,
      captured: null,
      currency: body.currency as string,
      exponent: currencyExponent(body.currency as string)!,
      status: declined ? 'FAILED' : 'SUCCESS',
      resultCode: declined ? 'FAILED' : 'SUCCESS',
      resultMessage: declined ?? 'Successful',
      kind: 'preauth',
      parentPaymentId: null,
      cardHolderName: body.cardHolderName as string,
      pan: `${pan.slice(0, 6)}******${pan.slice(-4)}`,
      cardScheme: scheme(pan),
      authCode: declined ? null : randomBytes(3).toString('hex').toUpperCase(),
      customerId: typeof body.customerId === 'string' ? body.customerId : null,
      paymentDate: this.now(),
    };
    this.payments.set(p.paymentId, p);
    return { status: 200, body: this.json(p) };
  }

  private capture(id: string, body: Obj): SandboxResponse {
    const p = this.payments.get(id);
    if (!p || p.kind !== 'preauth') return ppError(404, 'No pre-authorization with that paymentId');
    if (p.status !== 'SUCCESS') return ppError(409, `A ${p.status} payment cannot be captured`);
    if (!isMajorAmount(body.amount, p.exponent))
      return ppError(400, problemsMessage([{ field: 'amount', problem: 'must be a positive number, e.g. 90.00' }]));
    if (body.currency !== p.currency)
      return ppError(400, problemsMessage([{ field: 'currency', problem: `must be ${p.currency}` }]));
    if (toMinor(body.amount, p.exponent) > toMinor(p.amount, p.exponent))
      return ppError(400, 'The capture amount cannot exceed the pre-authorized amount');
    p.captured = body.amount;
    p.status = 'CAPTURED';
    // capture-auth.md: the answer is the payment with status SUCCESS and, as in its example (90.00
    // captured, 100.50 answered), the record's own amount.
    return { status: 200, body: this.json(p, 'SUCCESS') };
  }

  private cancel(id: string): SandboxResponse {
    const p = this.payments.get(id);
    if (!p || p.kind !== 'preauth') return ppError(404, 'No payment with that paymentId');
    if (p.status !== 'SUCCESS') return ppError(409, `Only SUCCESS payments can be cancelled; this one is ${p.status}`);
    if (istanbulDay(p.paymentDate) !== istanbulDay(this.now()))
      return ppError(409, 'Only same-day transactions can be cancelled; use the refund endpoint instead');
    p.status = 'CANCELLED';
    const record: PpPayment = {
      ...p,
      paymentId: randomUUID(),
      status: 'SUCCESS',
      kind: 'cancel',
      parentPaymentId: p.paymentId,
      paymentDate: this.now(),
    };
    this.payments.set(record.paymentId, record);
    return { status: 200, body: this.json(record) };
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    // Test controls, not PayPorter behaviour: change PayPorter's books behind the bridge's back, so a
    // reconciliation has a difference to find. `reference` is the orderId, `amount` minor units.
    app.post('/__sandbox/records', async (request, reply) => {
      const b = (request.body ?? {}) as { action?: string; reference?: string; amount?: number };
      const p = [...this.payments.values()].find((x) => x.kind === 'preauth' && x.orderId === b.reference);
      if (!p)
        return reply.code(b.action ? 404 : 400).send({
          error: b.action
            ? 'no pre-authorisation with that orderId'
            : 'action: set_amount {reference, amount (minor units)} | drop {reference}',
        });
      if (b.action === 'set_amount' && Number.isInteger(b.amount)) {
        p.amount = b.amount! / 10 ** p.exponent;
        return { ok: true };
      }
      if (b.action === 'drop') {
        this.payments.delete(p.paymentId);
        return { ok: true };
      }
      return reply.code(400).send({ error: 'action: set_amount {reference, amount (minor units)} | drop {reference}' });
    });
    const id = (request: FastifyRequest) => (request.params as { id: string }).id;
    app.post('/api/pre-authorization', (request, reply) =>
      this.route(request, reply, () => this.preauth(isObj(request.body) ? request.body : {})),
    );
    app.post('/api/pre-authorization/:id/capture', (request, reply) =>
      this.route(request, reply, () => this.capture(id(request), isObj(request.body) ? request.body : {})),
    );
    app.post('/api/payment/:id/cancel', (request, reply) => this.route(request, reply, () => this.cancel(id(request))));
    app.get('/api/payment/:id', (request, reply) =>
      this.route(request, reply, () => {
        const p = this.payments.get(id(request));
        return p ? { status: 200, body: this.json(p) } : ppError(404, 'No payment with that paymentId');
      }),
    );
    return app;
  }
}

export async function startPayPorterSandbox(
  port = 0,
  opts: { now?: () => number } = {},
): Promise<RunningServer & { sandbox: PayPorterSandbox }> {
  const sandbox = new PayPorterSandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
