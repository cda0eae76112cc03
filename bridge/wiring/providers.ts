// Builds the connectors the config names. Adding a provider means adding an entry here: the daemon's
// wiring is the one place that knows every provider.
import { ConfigError, resolveSecret } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { Connector } from '../core/connector.js';
import { blinkConnector } from '../providers/blink/connector.js';
import { lab4payConnector } from '../providers/lab4pay/connector.js';
import { payPorterConnector } from '../providers/payporter/connector.js';
import { payrocConnector } from '../providers/payroc/connector.js';
import type { HttpProviderName } from '../providers/settings.js';
import { smartRetryConnector } from '../providers/smartretry/connector.js';
import { packageVersion } from '../version.js';

export interface ProviderSetup {
  readonly connector: Connector;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
}

type Providers = NonNullable<Config['providers']>;

function secret(provider: string, cfg: Record<string, unknown>, name: string, env: NodeJS.ProcessEnv): string {
  const value = resolveSecret(cfg[name] as string | undefined, cfg[`${name}_env`] as string | undefined, env);
  if (!value)
    throw new ConfigError(`providers.${provider} needs ${name} or ${name}_env (naming a set environment variable)`);
  return value;
}

const BUILDERS: { [K in HttpProviderName]: (cfg: NonNullable<Providers[K]>, env: NodeJS.ProcessEnv) => Connector } = {
  payroc: (cfg, env) => payrocConnector(cfg, secret('payroc', cfg, 'api_key', env)),
  smartretry: (cfg, env) => smartRetryConnector(cfg, secret('smartretry', cfg, 'api_key', env)),
  payporter: (cfg, env) =>
    payPorterConnector(cfg, secret('payporter', cfg, 'api_key', env), secret('payporter', cfg, 'api_secret', env)),
  lab4pay: (cfg) => lab4payConnector(cfg),
  blink: (cfg, env) =>
    blinkConnector(
      cfg,
      secret('blink', cfg, 'pos_api_key', env),
      secret('blink', cfg, 'pos_api_secret', env),
      packageVersion(),
    ),
};

export function buildProviders(config: Config, env: NodeJS.ProcessEnv = process.env): Map<string, ProviderSetup> {
  const out = new Map<string, ProviderSetup>();
  for (const name of Object.keys(BUILDERS) as HttpProviderName[]) {
    const cfg = config.providers[name];
    if (!cfg) continue;
    const build = BUILDERS[name] as (c: typeof cfg, e: NodeJS.ProcessEnv) => Connector;
    out.set(name, { connector: build(cfg, env), timeoutMs: cfg.timeout_ms, connectTimeoutMs: cfg.connect_timeout_ms });
  }
  return out;
}
