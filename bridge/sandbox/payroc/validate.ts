// Field validation for the Payroc sandbox, producing Payroc's errors[] items
// ({parameter, detail, message}) as its error-response reference shows (payroc/skills
// view-disputes/references/error-response-format.md). Required fields and types: payroc-sdk-js
// PaymentRequest, PaymentOrderBase, PlainTextKeyedDataFormat, PaymentCapture, PaymentReversal,
// OrderAdjustment. Limits no source gives are marked in README.md.

export interface PayrocFieldError {
  parameter: string;
  detail: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function required(errors: PayrocFieldError[], parameter: string): void {
  errors.push({ parameter, detail: 'Required field not populated', message: `The '${parameter}' field is required` });
}

function invalid(errors: PayrocFieldError[], parameter: string, message: string): void {
  errors.push({ parameter, detail: 'Invalid format', message });
}

function str(
  errors: PayrocFieldError[],
  o: Obj,
  key: string,
  path: string,
  min: number,
  max: number,
  req = true,
  sizeMessage?: string,
): string | undefined {
  const v = o[key];
  if (v === undefined) {
    if (req) required(errors, path);
    return undefined;
  }
  if (typeof v !== 'string' || v.length < min || v.length > max) {
    invalid(errors, path, sizeMessage ?? `The '${path}' field must be a string of ${min} to ${max} characters`);
    return undefined;
  }
  return v;
}

function positiveInt(errors: PayrocFieldError[], o: Obj, key: string, path: string, req = true): number | undefined {
  const v = o[key];
  if (v === undefined) {
    if (req) required(errors, path);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    invalid(errors, path, `The '${path}' field must be a positive integer in the currency's lowest denomination`);
    return undefined;
  }
  return v;
}

export interface PaymentRequest {
  channel: string;
  processingTerminalId: string;
  orderId: string;
  amount: number;
  currency: string;
  cardNumber: string;
  expiryDate: string;
  operator?: string;
  autoCapture: boolean;
  processAsSale: boolean;
}

export function validatePayment(body: unknown): { ok: PaymentRequest } | { errors: PayrocFieldError[] } {
  const errors: PayrocFieldError[] = [];
  if (!isObj(body))
    return {
      errors: [{ parameter: 'body', detail: 'Invalid format', message: 'The request body must be a JSON object' }],
    };
  const channel = body.channel;
  if (channel === undefined) required(errors, 'channel');
  else if (channel !== 'pos' && channel !== 'web' && channel !== 'moto')
    invalid(errors, 'channel', "The 'channel' field must be one of pos, web, moto");
  const processingTerminalId = str(errors, body, 'processingTerminalId', 'processingTerminalId', 4, 50);
  const operator = str(errors, body, 'operator', 'operator', 0, 50, false);
  let orderId: string | undefined;
  let amount: number | undefined;
  let currency: string | undefined;
  if (!isObj(body.order)) required(errors, 'order');
  else {
    // 1–24 characters, and the 400's wording: skills integrate-google-pay/references/api-schema.md.
    orderId = str(
      errors,
      body.order,
      'orderId',
      'order.orderId',
      1,
      24,
      true,
      "'orderId' size must be between 1 and 24",
    );
    amount = positiveInt(errors, body.order, 'amount', 'order.amount');
    currency = str(errors, body.order, 'currency', 'order.currency', 3, 3);
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
      invalid(errors, 'order.currency', "The 'order.currency' field must be an ISO 4217 code");
  }
  let cardNumber: string | undefined;
  let expiryDate: string | undefined;
  const pm = body.paymentMethod;
  if (!isObj(pm)) required(errors, 'paymentMethod');
  else if (pm.type !== 'card') invalid(errors, 'paymentMethod.type', 'This sandbox supports paymentMethod.type card');
  else if (!isObj(pm.cardDetails)) required(errors, 'paymentMethod.cardDetails');
  else if (pm.cardDetails.entryMethod !== 'keyed')
    invalid(errors, 'paymentMethod.cardDetails.entryMethod', 'This sandbox supports keyed card details');
  else if (!isObj(pm.cardDetails.keyedData)) required(errors, 'paymentMethod.cardDetails.keyedData');
  else {
    const kd = pm.cardDetails.keyedData;
    if (kd.dataFormat !== 'plainText')
      invalid(errors, 'paymentMethod.cardDetails.keyedData.dataFormat', 'This sandbox supports plainText keyed data');
    cardNumber = str(errors, kd, 'cardNumber', 'paymentMethod.cardDetails.keyedData.cardNumber', 12, 19);
    if (cardNumber !== undefined && !/^\d+$/.test(cardNumber))
      invalid(errors, 'paymentMethod.cardDetails.keyedData.cardNumber', 'The card number must be digits');
    expiryDate = str(errors, kd, 'expiryDate', 'paymentMethod.cardDetails.keyedData.expiryDate', 4, 4);
    if (expiryDate !== undefined && !/^(0[1-9]|1[0-2])\d\d$/.test(expiryDate))
      invalid(errors, 'paymentMethod.cardDetails.keyedData.expiryDate', 'The expiry date must be MMYY');
    if (kd.cvv !== undefined && (typeof kd.cvv !== 'string' || !/^\d{3,4}$/.test(kd.cvv)))
      invalid(errors, 'paymentMethod.cardDetails.keyedData.cvv', 'The CVV must be 3 or 4 digits');
  }
  for (const flag of ['autoCapture', 'processAsSale'] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
      invalid(errors, flag, `The '${flag}' field must be a boolean`);
  }
  if (errors.length) return { errors };
  return {
    ok: {
      channel: channel as string,
      processingTerminalId: processingTerminalId!,
      orderId: orderId!,
      amount: amount!,
      currency: currency!,
      cardNumber: cardNumber!,
      expiryDate: expiryDate!,
      ...(operator ? { operator } : {}),
      autoCapture: body.autoCapture !== false,
      processAsSale: body.processAsSale === true,
    },
  };
}

export function validateAmountBody(
  body: unknown,
  key: 'capture' | 'reverse',
): { amount?: number; operator?: string } | { errors: PayrocFieldError[] } {
  const errors: PayrocFieldError[] = [];
  const o = isObj(body) ? body : {};
  const amount = positiveInt(errors, o, 'amount', 'amount', false);
  const operator = str(errors, o, 'operator', 'operator', 0, 50, false);
  if (key === 'capture') str(errors, o, 'processingTerminalId', 'processingTerminalId', 4, 50, false);
  if (errors.length) return { errors };
  return { ...(amount !== undefined ? { amount } : {}), ...(operator ? { operator } : {}) };
}

export function validateAdjust(body: unknown): { amount: number } | { errors: PayrocFieldError[] } {
  const errors: PayrocFieldError[] = [];
  if (!isObj(body) || !Array.isArray(body.adjustments) || body.adjustments.length === 0) {
    required(errors, 'adjustments');
    return { errors };
  }
  const order = body.adjustments.find((a) => isObj(a) && a.type === 'order');
  if (!isObj(order)) {
    invalid(errors, 'adjustments', 'This sandbox supports order adjustments');
    return { errors };
  }
  const amount = positiveInt(errors, order, 'amount', 'adjustments[0].amount');
  if (errors.length || amount === undefined) return { errors };
  return { amount };
}
