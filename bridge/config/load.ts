// Loads and validates the config file. Defaults are filled from the schema; an invalid file stops
// the daemon with every problem listed, rather than starting half-configured.
import { readFileSync } from 'node:fs';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { ConfigSchema, type Config } from './schema.js';

const validator = Compile(ConfigSchema);

export class ConfigError extends Error {
  constructor(message: string, readonly problems: readonly string[] = []) {
    super(problems.length ? `${message}:\n  ${problems.join('\n  ')}` : message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(raw: unknown, source = 'config'): Config {
  const withDefaults = Value.Default(ConfigSchema, Value.Clone(raw ?? {}));
  if (!validator.Check(withDefaults)) {
    const problems = validator.Errors(withDefaults).map((e) => `${e.instancePath || '/'}: ${e.message}`);
    throw new ConfigError(`${source} is invalid`, problems);
  }
  const config = withDefaults as Config;
  const ids = new Set<string>();
  for (const t of config.terminals) {
    if (ids.has(t.id)) throw new ConfigError(`${source} is invalid`, [`/terminals: duplicate terminal id ${t.id}`]);
    ids.add(t.id);
    if (!config.providers[t.provider]) {
      throw new ConfigError(`${source} is invalid`, [`/terminals/${t.id}: provider ${t.provider} is not configured`]);
    }
  }
  return config;
}

export function loadConfigFile(file: string | undefined): Config {
  if (!file) return parseConfig({});
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(raw, file);
}

/** The API key for Payroc, from the file or the named environment variable. */
export function resolveSecret(direct: string | undefined, envName: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (direct) return direct;
  if (envName) return env[envName];
  return undefined;
}
