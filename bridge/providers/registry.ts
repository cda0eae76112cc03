// Builds the connectors the config names. Adding a provider means adding a case here.
import { resolveSecret, ConfigError } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { Connector } from './types.js';
import { payrocConnector } from './payroc/connector.js';

export interface ProviderSetup {
  readonly connector: Connector;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
}

export function buildProviders(config: Config, env: NodeJS.ProcessEnv = process.env): Map<string, ProviderSetup> {
  const out = new Map<string, ProviderSetup>();
  const payroc = config.providers.payroc;
  if (payroc) {
    const key = resolveSecret(payroc.api_key, payroc.api_key_env, env);
    if (!key) throw new ConfigError('providers.payroc needs api_key or api_key_env (naming a set environment variable)');
    out.set('payroc', { connector: payrocConnector(payroc, key), timeoutMs: payroc.timeout_ms, connectTimeoutMs: payroc.connect_timeout_ms });
  }
  return out;
}
