// Which transport failures prove the request never reached the provider. Only those may be resent
// without resolving first; anything that could have happened after the request left is "unknown".

/** Failures before a single byte of the request was sent: DNS, refused or timed-out connects, TLS. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_INVALID_URL',
]);

export interface TransportFailure {
  readonly notSent: boolean;
  readonly code: string;
  readonly reason: string;
}

function codeOf(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return (err as { name?: string })?.name ?? 'UNKNOWN';
}

export function classifyTransportError(err: unknown): TransportFailure {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  return { notSent: NOT_SENT_CODES.has(code), code, reason: `${code}: ${message}` };
}
