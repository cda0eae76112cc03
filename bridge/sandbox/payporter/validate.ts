// Field checks of the PayPorter sandbox, from the parameter tables of commitup/api-doc-v2
// docs/pos-api/pre-auth.md and capture-auth.md (types, "2 digits", required flags) and 3ds.md (CVV
// "3 or 4 digits"). The limits the pages do not state (PAN length) are marked in README.md.
import { currencyExponent } from '../../core/money.js';

export interface PpFieldProblem {
  readonly field: string;
  readonly problem: string;
}

type Obj = Record<string, unknown>;

/** A positive major-unit amount with no more decimals than the currency has (100.50 TRY, not 100.505). */
export function isMajorAmount(v: unknown, exponent: number | undefined): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return false;
  if (exponent === undefined) return true;
  const minor = v * 10 ** exponent;
  return Math.abs(minor - Math.round(minor)) < 1e-6;
}

export function preauthProblems(body: Obj): PpFieldProblem[] {
  const out: PpFieldProblem[] = [];
  const need = (field: string, ok: boolean, problem: string) => {
    if (!ok) out.push({ field, problem });
  };
  const exponent = typeof body.currency === 'string' ? currencyExponent(body.currency) : undefined;
  need('orderId', typeof body.orderId === 'string' && body.orderId.length > 0, 'is required');
  need('currency', exponent !== undefined, 'must be a currency code, e.g. TRY');
  need('amount', isMajorAmount(body.amount, exponent), 'must be a positive number, e.g. 100.50');
  need('cardHolderName', typeof body.cardHolderName === 'string' && body.cardHolderName.length > 0, 'is required');
  need('pan', typeof body.pan === 'string' && /^\d{12,19}$/.test(body.pan), 'must be the card number');
  need(
    'expiryMonth',
    typeof body.expiryMonth === 'string' && /^(0[1-9]|1[0-2])$/.test(body.expiryMonth),
    'must be 2 digits, e.g. 04',
  );
  need(
    'expiryYear',
    typeof body.expiryYear === 'string' && /^\d{2}$/.test(body.expiryYear),
    'must be 2 digits, e.g. 28',
  );
  need('cvv', typeof body.cvv === 'string' && /^\d{3,4}$/.test(body.cvv), 'must be 3 or 4 digits');
  need('requestIp', typeof body.requestIp === 'string' && body.requestIp.length > 0, 'is required');
  need(
    'requestPort',
    typeof body.requestPort === 'number' && Number.isInteger(body.requestPort),
    'must be a number, e.g. 8080',
  );
  need(
    'customerId',
    body.customerId === undefined || body.customerId === null || typeof body.customerId === 'string',
    'must be a string',
  );
  return out;
}

/** The single `message` the sandbox answers with (cancel-payment.md reads only `error.message`). */
export function problemsMessage(problems: readonly PpFieldProblem[]): string {
  return `Invalid request: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`;
}
