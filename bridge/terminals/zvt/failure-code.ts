// Why a ZVT connection test failed, as one stable code the status window turns into advice for the
// transport in use: the socket's own errno for network failures, and for the serial port the few
// situations a technician can act on (no such port, port in use, no permission, no link ACK). Pure.

/** Network errnos passed on as they are: each needs different advice (address, route, power). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EADDRNOTAVAIL',
]);

export type ZvtFailureCode =
  | 'ECONNREFUSED'
  | 'EHOSTUNREACH'
  | 'ENETUNREACH'
  | 'ETIMEDOUT'
  | 'ENOTFOUND'
  | 'EAI_AGAIN'
  | 'ECONNRESET'
  | 'EADDRNOTAVAIL'
  | 'port_missing'
  | 'port_busy'
  | 'port_denied'
  | 'no_link_ack'
  | 'link_nak'
  | 'no_answer'
  | 'connection_lost'
  | 'refused_by_terminal'
  | 'unknown';

export interface FailureFacts {
  /** errno-style code the error carried (net errors do; serialport's do not). */
  readonly code?: string | undefined;
  readonly reason?: string | undefined;
  /** The ZVT timer that ran out (T3: no 80 00; T4: no result). */
  readonly timer?: string | undefined;
  /** The terminal answered with a result code (84 xx or 06 1E xx). */
  readonly resultCode?: number | undefined;
}

export function zvtFailureCode(f: FailureFacts): ZvtFailureCode {
  if (f.code && NETWORK_CODES.has(f.code)) return f.code as ZvtFailureCode;
  if (f.resultCode !== undefined) return 'refused_by_terminal';
  if (f.timer) return 'no_answer';
  const reason = f.reason ?? '';
  // serialport's messages carry no errno: "No such file or directory, cannot open /dev/ttyUSB3",
  // "Resource temporarily unavailable Cannot lock port", "Permission denied, cannot open …"; Windows
  // says "File not found" / "Access denied" for a COM port that is absent or held by another program.
  if (/no such file|ENOENT|file not found|cannot find the file/i.test(reason)) return 'port_missing';
  if (/cannot lock port|resource busy|EBUSY|temporarily unavailable/i.test(reason)) return 'port_busy';
  if (/permission denied|EACCES|access denied/i.test(reason)) return 'port_denied';
  // serial-link.ts's own words for the link layer giving up (VDT PA00P016 §3: T2 and two repeats).
  if (/did not acknowledge the frame within T2/.test(reason)) return 'no_link_ack';
  if (/refused the frame/.test(reason)) return 'link_nak';
  // tcp.ts's connect timer (no errno: the socket was destroyed by us).
  if (/no connection to .* within \d+ ms/.test(reason)) return 'ETIMEDOUT';
  if (/closed the connection|connection to the terminal closed/.test(reason)) return 'connection_lost';
  return 'unknown';
}
