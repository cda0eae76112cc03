// The pairing wizard's pure part: which kinds of terminal it knows, and the body of POST /v1/terminals
// built from what the technician entered.

export type PairKind = 'zvt-serial' | 'zvt-tcp' | 'lab4pay' | 'blink' | 'payroc';

export const KINDS: readonly { kind: PairKind; title: string; hint: string }[] = [
  { kind: 'zvt-serial', title: 'Card terminal on a USB or serial cable', hint: 'A ZVT terminal plugged into this PC.' },
  { kind: 'zvt-tcp', title: 'Card terminal on the network', hint: 'A ZVT terminal reached by its IP address.' },
  { kind: 'lab4pay', title: 'Lab4Pay terminal', hint: 'Needs the one-time password the terminal shows.' },
  { kind: 'blink', title: 'Blink terminal', hint: "Picked from your Blink account's terminal list." },
  {
    kind: 'payroc',
    title: 'Payroc account',
    hint: 'Cards typed in at the POS; needs the processing terminal id from Payroc.',
  },
];

export interface Details {
  id: string;
  name: string;
  currency: string;
  /** zvt-serial: the port; zvt-tcp: host[:port]; blink: the Blink terminal id; payroc: the processing terminal id. */
  target: string;
  serialNumber?: string | null;
  siteBranch?: string;
  posLocation?: string;
}

/** A terminal id the POS can send: letters, digits, . _ - (what the daemon accepts). */
export function suggestId(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'terminal'
  );
}

export function validId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id);
}

/** "10.0.0.5:20007" → {host, port}; the ZVT default port when none is given. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^\s*([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?\s*$/.exec(text);
  if (!m) return undefined;
  const port = m[2] === undefined ? 20007 : Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1]!.replace(/^\[|\]$/g, ''), port } : undefined;
}

export function registrationBody(kind: PairKind, d: Details): Record<string, unknown> {
  const base = { id: d.id, name: d.name, currency: d.currency };
  switch (kind) {
    case 'zvt-serial':
      return {
        ...base,
        kind: 'zvt',
        transport: { type: 'serial', path: d.target, ...(d.serialNumber ? { usb_serial_number: d.serialNumber } : {}) },
      };
    case 'zvt-tcp': {
      const hp = parseHostPort(d.target);
      return { ...base, kind: 'zvt', transport: { type: 'tcp', host: hp?.host ?? d.target, port: hp?.port ?? 20007 } };
    }
    case 'lab4pay':
      return { ...base, kind: 'lab4pay' };
    case 'blink':
      return {
        ...base,
        kind: 'blink',
        blink_terminal_id: d.target,
        site_branch_id: d.siteBranch ?? '',
        pos_location: d.posLocation ?? '',
      };
    case 'payroc':
      return { ...base, kind: 'payroc', processing_terminal_id: d.target };
  }
}

/** Whether a test hold can be taken: keyed-card providers need a real card typed in, so they are not tested here. */
export const canTestTransaction = (kind: PairKind) => kind !== 'payroc';
