// DNS-rebinding and cross-site defences: the API answers only requests addressed to a loopback name,
// and refuses browser requests from origins that are not allow-listed.

/** Splits a Host header into hostname and port, handling [IPv6]:port. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : h;
  }
  const colon = h.indexOf(':');
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
}

export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = hostnameOf(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return v4 !== null && v4.slice(1).every((o) => Number(o) <= 255);
}

/** Same-origin requests from the daemon's own pages are always allowed; others must be listed. */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[], ownPort: number): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && isLoopbackHost(u.host) && Number(u.port || 80) === ownPort;
  } catch {
    return false;
  }
}
