// Which providers exist and the config each one takes: the provider block and a terminal's fields.
import type { TObject, TProperties } from 'typebox';
import { PayrocProviderConfig, PayrocTerminalFields } from './payroc/config.js';
import { BlinkProviderConfig, BlinkTerminalFields } from './blink/config.js';
import { PayPorterProviderConfig, PayPorterTerminalFields } from './payporter/config.js';
import { SmartRetryProviderConfig, SmartRetryTerminalFields } from './smartretry/config.js';

export interface ProviderSettings {
  readonly provider: TObject;
  readonly terminal: TProperties;
  /** Terminal fields that must be present beyond the provider's own (e.g. a fixed currency). */
  readonly requiresCurrency?: boolean;
}

export const PROVIDER_SETTINGS = {
  payroc: { provider: PayrocProviderConfig, terminal: PayrocTerminalFields },
  smartretry: { provider: SmartRetryProviderConfig, terminal: SmartRetryTerminalFields },
  payporter: { provider: PayPorterProviderConfig, terminal: PayPorterTerminalFields },
  blink: { provider: BlinkProviderConfig, terminal: BlinkTerminalFields },
} as const satisfies Record<string, ProviderSettings>;

export type ProviderName = keyof typeof PROVIDER_SETTINGS;
export const PROVIDER_NAMES = Object.keys(PROVIDER_SETTINGS) as ProviderName[];
