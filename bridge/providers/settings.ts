// Which providers exist and the config each one takes: the provider block and a terminal's fields.
import type { TObject, TProperties } from 'typebox';
import { PayrocProviderConfig, PayrocTerminalFields } from './payroc/config.js';
import { BlinkProviderConfig, BlinkTerminalFields } from './blink/config.js';
import { Lab4PayProviderConfig, Lab4PayTerminalFields } from './lab4pay/config.js';
import { PayPorterProviderConfig, PayPorterTerminalFields } from './payporter/config.js';
import { SmartRetryProviderConfig, SmartRetryTerminalFields } from './smartretry/config.js';
import { ZvtProviderConfig, ZvtTerminalFields } from '../terminals/zvt/config.js';

export interface ProviderSettings {
  readonly provider: TObject;
  readonly terminal: TProperties;
  /** Terminal fields that must be present beyond the provider's own (e.g. a fixed currency). */
  readonly requiresCurrency?: boolean;
  /** Needs no account: configured with its defaults even when the config file has no block for it. */
  readonly presentWithoutBlock?: boolean;
}

export const PROVIDER_SETTINGS = {
  payroc: { provider: PayrocProviderConfig, terminal: PayrocTerminalFields },
  smartretry: { provider: SmartRetryProviderConfig, terminal: SmartRetryTerminalFields },
  payporter: { provider: PayPorterProviderConfig, terminal: PayPorterTerminalFields },
  blink: { provider: BlinkProviderConfig, terminal: BlinkTerminalFields },
  // Lab4Pay requests carry no currency: the terminal's configured one is the only one it takes.
  lab4pay: { provider: Lab4PayProviderConfig, terminal: Lab4PayTerminalFields, requiresCurrency: true },
  // A terminal on the POS PC's own cable or network: registration announces the currency.
  zvt: { provider: ZvtProviderConfig, terminal: ZvtTerminalFields, requiresCurrency: true, presentWithoutBlock: true },
} as const satisfies Record<string, ProviderSettings>;

export type ProviderName = keyof typeof PROVIDER_SETTINGS;
export const PROVIDER_NAMES = Object.keys(PROVIDER_SETTINGS) as ProviderName[];
/** Providers reached over HTTP through a connector; the rest (ZVT) are spoken to directly. */
export type HttpProviderName = Exclude<ProviderName, 'zvt'>;
