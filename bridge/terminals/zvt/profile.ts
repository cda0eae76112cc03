// Terminal profiles: the pre-auth commands are the least uniform part of ZVT. Which of 06 23 / 06 24 /
// 06 25 / the extension a terminal accepts, and which reference fields it wants with them, depends on its
// software and acquirer (shared zvt.md §1, §2.6). A profile is chosen per terminal in the config.

export type ReferenceField = 'receipt' | 'trace' | 'aid' | 'datetime' | 'terminal_id';

export interface TerminalProfile {
  readonly name: string;
  /** 06 22 referencing the previous reservation ("extension") for `adjust`. */
  readonly extension: boolean;
  readonly bookTotal: boolean; // 06 24
  readonly partialReversal: boolean; // 06 23
  readonly preauthReversal: boolean; // 06 25
  /** Fields sent with every command that refers to an earlier reservation. */
  readonly references: readonly ReferenceField[];
  /** Payment type (BMP 19) sent with a pre-authorisation; undefined to let the terminal choose. */
  readonly paymentType?: number;
}

/** What the specification describes (VDT PA00P015 §2.8–2.14): 87 receipt plus 0B trace and 3B AID. */
export const SPEC_PROFILE: TerminalProfile = {
  name: 'spec',
  extension: true,
  bookTotal: true,
  partialReversal: true,
  preauthReversal: true,
  references: ['receipt', 'trace', 'aid'],
};

/** card complete's deviations (ZVT-Präzisierungen v22): no 3B, booking by receipt plus date, time and terminal id. */
export const CARD_COMPLETE_PROFILE: TerminalProfile = {
  name: 'card_complete',
  extension: true,
  bookTotal: true,
  partialReversal: false,
  preauthReversal: true,
  references: ['receipt', 'trace', 'datetime', 'terminal_id'],
};

/** A Feig EV charger as in the captures: 06 23 and 06 25 with BMP 19, receipt only. */
export const FEIG_PROFILE: TerminalProfile = {
  name: 'feig',
  extension: false,
  bookTotal: false,
  partialReversal: true,
  preauthReversal: true,
  references: ['receipt'],
  paymentType: 0x40,
};

export const PROFILES: Readonly<Record<string, TerminalProfile>> = {
  spec: SPEC_PROFILE,
  card_complete: CARD_COMPLETE_PROFILE,
  feig: FEIG_PROFILE,
};
