// Loads and validates the config file. Defaults are filled from the schema; an invalid file stops
// the daemon with every problem listed, rather than starting half-configured.
import { readFileSync } from 'node:fs';
import { Compile, Value, Type } from '../core/typebox.js';
import { PROVIDER_SETTINGS, type ProviderName, type ProviderSettings } from '../providers/settings.js';
import { ConfigSchema, TERMINAL_BASE, type Config, type TerminalEntry } from './schema.js';

const validator = Compile(ConfigSchema);

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}:\n  ${problems.join('\n  ')}` : message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(raw: unknown, source = 'config'): Config {
  const withDefaults = Value.Default(ConfigSchema, Value.Clone(raw ?? {})) as Config;
  // A provider that needs no account anywhere (ZVT: its timers have defaults) is there without a block,
  // so terminals can be added to it at run time.
  if (withDefaults.providers && typeof withDefaults.providers === 'object') {
    const providers = withDefaults.providers as Record<string, unknown>;
    for (const [name, s] of Object.entries(PROVIDER_SETTINGS) as Array<[ProviderName, ProviderSettings]>) {
      if (s.presentWithoutBlock) providers[name] = Value.Default(s.provider, Value.Clone(providers[name] ?? {}));
    }
  }
  // Every problem at once: the base schema, then each terminal against its provider's fields.
  const problems = validator.Check(withDefaults)
    ? []
    : validator.Errors(withDefaults).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  const terminals: unknown = withDefaults.terminals;
  if (Array.isArray(terminals)) {
    const ids = new Set<string>();
    withDefaults.terminals = terminals.map((t: TerminalEntry, i) => {
      if (typeof t !== 'object' || t === null || !Object.hasOwn(PROVIDER_SETTINGS, t.provider)) return t;
      if (ids.has(t.id)) problems.push(`/terminals/${i}: duplicate terminal id ${t.id}`);
      ids.add(t.id);
      if (!withDefaults.providers?.[t.provider])
        problems.push(`/terminals/${i}: provider ${t.provider} is not configured`);
      return checkTerminal(t, i, problems);
    });
  }
  if (problems.length) throw new ConfigError(`${source} is invalid`, problems);
  return withDefaults;
}

const terminalValidators = new Map<string, ReturnType<typeof Compile>>();
function terminalValidator(provider: ProviderName) {
  let v = terminalValidators.get(provider);
  if (!v) {
    const settings: ProviderSettings = PROVIDER_SETTINGS[provider];
    const base = settings.requiresCurrency
      ? { ...TERMINAL_BASE, currency: Type.String({ pattern: '^[A-Z]{3}$' }) }
      : TERMINAL_BASE;
    v = Compile(Type.Object({ ...base, ...settings.terminal }, { additionalProperties: false }));
    terminalValidators.set(provider, v);
  }
  return v;
}

/** Checks a terminal against its provider's own fields, filling their defaults. */
function checkTerminal(t: TerminalEntry, index: number, problems: string[]): TerminalEntry {
  const { entry, problems: own } = checkTerminalEntry(t);
  problems.push(...own.map((p) => `/terminals/${index}${p.field === '/' ? '' : p.field}: ${p.message}`));
  return entry;
}

/** One terminal against its provider's fields (also for terminals registered through the API). */
export function checkTerminalEntry(t: TerminalEntry): {
  entry: TerminalEntry;
  problems: Array<{ field: string; message: string }>;
} {
  const v = terminalValidator(t.provider);
  const entry = Value.Default(v.Type(), Value.Clone(t)) as TerminalEntry;
  if (v.Check(entry)) return { entry, problems: [] };
  const errors = [...v.Errors(entry)];
  // A union (ZVT's serial | tcp transport) reports every branch: the branch the value did not pick fails on
  // its shape (type, required, extra fields). A value-level error means the value picked its branch and
  // this field is what is wrong: report just that, in the words of the field's own description.
  const valueErrors = errors.filter((e) => !SHAPE_KEYWORDS.has(e.keyword));
  return {
    entry,
    problems: (valueErrors.length ? valueErrors : errors).map((e) => ({
      field: e.instancePath || '/',
      message: messageOf(e, v.Type()),
    })),
  };
}

const SHAPE_KEYWORDS = new Set(['anyOf', 'const', 'required', 'additionalProperties', 'boolean', 'type']);

function messageOf(
  e: { keyword: string; message: string; params: unknown; schemaPath: string },
  root: unknown,
): string {
  if (e.keyword === 'additionalProperties')
    return `${e.message} (${(e.params as { additionalProperties?: string[] }).additionalProperties?.join(', ')})`;
  // "must match pattern ^(?:…)$" says nothing to a person: the field's description says what it takes.
  if (e.keyword === 'pattern') {
    const description = schemaAt(root, e.schemaPath)?.description;
    if (typeof description === 'string') return `must be ${description[0]!.toLowerCase()}${description.slice(1)}`;
  }
  return e.message;
}

function schemaAt(root: unknown, path: string): { description?: unknown } | undefined {
  let node = root as Record<string, unknown> | undefined;
  for (const part of path.replace(/^#\/?/, '').split('/').filter(Boolean)) node = node?.[part] as typeof node;
  return node;
}

/** A terminal's provider-specific settings: everything but the base fields. */
export function terminalSettings(t: TerminalEntry): Record<string, unknown> {
  const { id: _id, name: _name, provider: _provider, currency: _currency, auto_void_at_expiry: _autoVoid, ...rest } = t;
  return rest;
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
export function resolveSecret(
  direct: string | undefined,
  envName: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (direct) return direct;
  if (envName) return env[envName];
  return undefined;
}
