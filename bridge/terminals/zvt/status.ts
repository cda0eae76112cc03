// What a status enquiry (05 01) and a registration (06 00) tell about the terminal, from their 06 0F.
import type { CommandSnapshot } from './command-machine.js';
import { readVarLength } from './bmp.js';
import { hex } from './result-codes.js';

/** Terminal status byte of a status enquiry's completion (zvt.md §2.6, excerpt). */
const STATUS: Readonly<Record<number, string>> = {
  0x00: 'ready',
  0x51: 'initialisation required',
  0x62: 'date/time wrong',
  0x9c: 'busy, please wait',
};

export interface TerminalStatus {
  readonly softwareVersion: string | null;
  readonly status: string | null;
  readonly terminalId: string | null;
}

/** `prefix`: LLLVAR software version (F0 F1 F6 = 16 bytes follow), then the status byte. */
export function statusOf(snap: CommandSnapshot): TerminalStatus {
  const c = snap.completion;
  if (!c) return { softwareVersion: null, status: null, terminalId: null };
  const p = c.prefix;
  let softwareVersion: string | null = null;
  let status: string | null = null;
  const n = readVarLength(p, 0, 3);
  if (n !== undefined) {
    softwareVersion = p
      .subarray(3, 3 + n)
      .toString('latin1')
      .replace(/\0+$/, '')
      .trim();
    const code = p[3 + n];
    if (code !== undefined) status = STATUS[code] ?? `status ${hex(code)}`;
  }
  return { softwareVersion, status, terminalId: c.values.terminalId ?? null };
}
