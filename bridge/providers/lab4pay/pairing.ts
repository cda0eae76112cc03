// Lab4Pay pairing (https://docs.lab4pay.com/api-reference/pay-connect/pairing): the answer carries the
// terminal's client credentials "one-time … cannot be recovered later", and unpairing to start again needs a
// bearer token made from them (pay-connect/unpair). So the answer is read leniently and kept whole: every
// string it carries, whatever else it holds or lacks. Pure.
import type { HttpReply } from '../../core/connector.js';
import { detail, jsonBody } from './parse.js';

/** The key under which bridge/engine/pairing.ts keeps a successful answer it could not have parsed. */
export const RAW_PAIRING_REPLY = 'pairing_reply';

/**
 * Every string field of a pairing answer (numbers as text). `webhook_secret_key` is typed `string | null`:
 * null, as for a pairing without `webhook_url` (posbridge sends none), simply leaves it out.
 */
export function pairingFields(body: unknown): Record<string, string> {
  const b = jsonBody(body);
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v);
  }
  return out;
}

/**
 * The credentials to keep from a pairing answer. A refusal (not 2xx: a wrong or used one-time password)
 * issued none and throws with Lab4Pay's reason. A success keeps every field; it throws only when the
 * client credentials themselves are missing, after pairing.ts has already sealed the raw answer.
 */
export function parsePairing(reply: HttpReply): Record<string, string> {
  if (reply.status < 200 || reply.status >= 300)
    throw new Error(`Lab4Pay refused the pairing (${reply.status}): ${detail(reply.body)}`);
  const fields = pairingFields(reply.body);
  if (!fields.client_id || !fields.client_secret) {
    throw new Error(
      `Lab4Pay answered the pairing (${reply.status}) without client_id and client_secret (fields: ${Object.keys(fields).join(', ') || 'none'})`,
    );
  }
  return fields;
}

/**
 * The client credentials of a paired terminal: as parsed, or recovered from a raw answer kept by
 * pairing.ts when an earlier, stricter parser refused it.
 */
export function clientCredentials(
  stored: Readonly<Record<string, string>> | undefined,
): { clientId: string; clientSecret: string } | undefined {
  if (!stored) return undefined;
  const fields = stored.client_id && stored.client_secret ? stored : pairingFields(stored[RAW_PAIRING_REPLY]);
  return fields.client_id && fields.client_secret
    ? { clientId: fields.client_id, clientSecret: fields.client_secret }
    : undefined;
}
