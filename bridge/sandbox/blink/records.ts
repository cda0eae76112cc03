// What the Blink sandbox remembers per terminal and day, to serve it back as Blink documents it:
// the request log (https://api-docs.blinkpayment.co.uk/docs/requestsdata-data) and the EOD report
// (https://api-docs.blinkpayment.co.uk/docs/eod-reports-data). Both are written from what the sandbox
// really received and answered, including answers whose connection was already gone.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { SandboxResponse } from '../kit.js';

export interface LoggedExchange {
  readonly id: string;
  readonly terminalId: string;
  readonly day: string;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly body: unknown;
    readonly timestamp: string;
  };
  /** null while the terminal has not answered (assumption: the page shows no such entry). */
  response: { readonly code: string; readonly message: string; readonly body: unknown } | null;
}

export interface EodLine {
  readonly day: string;
  readonly line: {
    readonly request_timestamp: unknown;
    readonly currency: unknown;
    readonly site_branch_id: unknown;
    readonly payment_method: string;
    readonly pos_location: unknown;
    readonly operator_id: unknown;
    readonly status: 'Success' | 'Failure';
    readonly requested_amount: number;
    readonly transaction_id: string;
    readonly terminal_id: string;
    readonly metadata: unknown;
  };
}

/**
 * The calendar day a moment falls on in `timeZone`. Assumption: Blink files by the UK calendar day
 * (a UK acquirer; its examples carry +01:00), because the pages do not name a zone.
 */
export function dayIn(timeZone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (ms) => f.format(new Date(ms));
}

function refOf(e: EodLine): unknown {
  const m = e.line.metadata;
  return typeof m === 'object' && m !== null ? (m as Record<string, unknown>).reference : undefined;
}

/** Oldest records are dropped past this many, so a long chaos run cannot fill memory. */
const KEEP = 100_000;

export class TerminalRecords {
  private readonly log: LoggedExchange[] = [];
  private readonly eod: EodLine[] = [];

  constructor(
    private readonly now: () => number,
    private readonly dayOf: (ms: number) => string,
  ) {}

  /** Files a request the moment it arrives, with no answer yet. Credentials are never written back. */
  received(
    terminalId: string,
    request: { method: string; url: string; headers: Record<string, unknown>; body: unknown },
  ): LoggedExchange {
    const at = this.now();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers))
      if (k !== 'authorization' && typeof v === 'string') headers[k] = v;
    const entry: LoggedExchange = {
      id: randomUUID(),
      terminalId,
      day: this.dayOf(at),
      request: {
        method: request.method,
        url: request.url,
        headers,
        body: request.body,
        timestamp: new Date(at).toISOString(),
      },
      response: null,
    };
    this.log.push(entry);
    if (this.log.length > KEEP) this.log.splice(0, this.log.length - KEEP);
    return entry;
  }

  /** Records the answer Blink gave, whether or not anyone was still connected to hear it. */
  answered(entry: LoggedExchange, r: SandboxResponse): void {
    entry.response = { code: String(r.status), message: STATUS_CODES[r.status] ?? '', body: r.body };
  }

  /** A card operation the terminal finished (approved or declined): a line of its EOD report. */
  finished(line: EodLine['line']): void {
    this.eod.push({ day: this.dayOf(this.now()), line });
    if (this.eod.length > KEEP) this.eod.splice(0, this.eod.length - KEEP);
  }

  /** Test control, not Blink behaviour: the amount of a payment's pre-auth line changes (major units of its currency). */
  setAmount(reference: string, amountIn: (currency: string) => number): boolean {
    const i = this.eod.findIndex((e) => e.line.payment_method === 'preauth-transactions' && refOf(e) === reference);
    const e = this.eod[i];
    if (!e) return false;
    this.eod[i] = { day: e.day, line: { ...e.line, requested_amount: amountIn(String(e.line.currency)) } };
    return true;
  }

  /** Test control, not Blink behaviour: every EOD line of a payment goes. */
  drop(reference: string): boolean {
    const before = this.eod.length;
    for (let i = this.eod.length - 1; i >= 0; i--) if (refOf(this.eod[i]!) === reference) this.eod.splice(i, 1);
    return this.eod.length < before;
  }

  /** Test control, not Blink behaviour: a line of a pre-auth the bridge never sent. */
  addForeign(line: EodLine['line']): void {
    this.finished(line);
  }

  requests(terminalId: string, day: string): object[] {
    return this.log
      .filter((e) => e.terminalId === terminalId && e.day === day)
      .map((e) => ({ id: e.id, request: e.request, response: e.response }));
  }

  eodReport(terminalId: string, day: string): object[] {
    return this.eod.filter((e) => e.line.terminal_id === terminalId && e.day === day).map((e) => e.line);
  }

  today(): string {
    return this.dayOf(this.now());
  }
}
