// Time and ids are injected so state machines, backoff and expiry are tested with fake time.
import { randomBytes, randomUUID } from 'node:crypto';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface IdSource {
  /** Our transaction id; also sent to providers as their order reference, so it stays short (22 chars). */
  transactionId(): string;
  operationId(): string;
  /** UUID v4: the idempotency key we send to providers. */
  uuid(): string;
  /** A random secret token (API keys, lease tokens). */
  token(bytes?: number): string;
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function base32(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export const randomIds: IdSource = {
  transactionId: () => `pa${base32(randomBytes(20))}`,
  operationId: () => `op${base32(randomBytes(20))}`,
  uuid: () => randomUUID(),
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
