// A terminal's provider settings, read from what the store keeps (its settings JSON) into the typed value
// the provider's TypeBox schema describes, defaults filled. Config load and the API check a terminal when
// it is written; this guards what comes back out: a row written by an older version (whose schema was
// looser) or edited by hand is refused naming the terminal and the field, before anything is built from it.
import type { Static, TObject } from 'typebox';
import { Compile, Value } from './typebox.js';
import { BridgeError, type FieldError } from './errors.js';

export type SettingsCheck<S> =
  { readonly ok: true; readonly settings: Readonly<S> } | { readonly ok: false; readonly error: BridgeError };

export interface TerminalSettingsParser<S> {
  /** The settings of one terminal, or the invalid_terminal_settings error naming it and each bad field. */
  check(terminalId: string, settingsJson: string): SettingsCheck<S>;
}

type Parsed<S> =
  | { readonly ok: true; readonly settings: Readonly<S> }
  | { readonly ok: false; readonly fields: readonly FieldError[] };

/** More distinct settings texts than any shop has terminals: past it the memo starts over, it never grows unbounded. */
const MEMO_LIMIT = 256;

interface SchemaError {
  readonly keyword: string;
  readonly schemaPath: string;
  readonly instancePath: string;
  readonly message: string;
  readonly params: unknown;
}

/** `/a/b` → `a.b`, the way the API names nested fields. */
const fieldName = (instancePath: string) => instancePath.replace(/^\//, '').replace(/\//g, '.');

/**
 * A union (Payroc's channel, ZVT's transport) reports every branch it tried. Keep the branch whose
 * discriminant matched (no `const` error in it); if none did, say which values the field may take.
 */
function withoutUnionNoise(errors: readonly SchemaError[]): SchemaError[] {
  let out = [...errors];
  for (const union of errors
    .filter((e) => e.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length)) {
    if (!out.includes(union)) continue;
    const prefix = `${union.schemaPath}/anyOf/`;
    const branches = new Map<string, SchemaError[]>();
    for (const e of out) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const n = e.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(n, [...(branches.get(n) ?? []), e]);
    }
    const inside = (e: SchemaError) => e === union || e.schemaPath.startsWith(prefix);
    const matched = [...branches.values()].find((b) => !b.some((e) => e.keyword === 'const'));
    const consts = [...branches.values()].flat().filter((e) => e.keyword === 'const');
    const allowed = consts.map((e) => String((e.params as { allowedValue?: unknown }).allowedValue));
    const oneOf: SchemaError = {
      ...union,
      instancePath: consts[0]?.instancePath ?? union.instancePath,
      message: `must be one of ${allowed.join(', ')}`,
    };
    out = [...out.filter((e) => !inside(e)), ...(matched ?? (consts.length ? [oneOf] : [union]))];
  }
  return out;
}

function fieldsOf(errors: readonly SchemaError[]): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const e of withoutUnionNoise(errors)) {
    const at = fieldName(e.instancePath);
    const missing =
      e.keyword === 'required' ? ((e.params as { requiredProperties?: string[] }).requiredProperties ?? []) : [];
    const found = missing.length
      ? missing.map((p) => ({ field: at ? `${at}.${p}` : p, message: 'is required' }))
      : [{ field: at || 'settings', message: e.message }];
    for (const f of found) seen.set(`${f.field}\n${f.message}`, f);
  }
  return [...seen.values()];
}

function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

/**
 * The parse a connector declares for its terminals. Parsing is memoised by the stored text, so a terminal
 * is parsed once (again only when its stored settings change), not on every step of every operation.
 * Messages name fields, never their values (a ZVT password is one).
 */
export function terminalSettingsParser<T extends TObject>(
  provider: string,
  schema: T,
): TerminalSettingsParser<Static<T>> {
  const validator = Compile(schema);
  const memo = new Map<string, Parsed<Static<T>>>();

  function parse(json: string): Parsed<Static<T>> {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      return { ok: false, fields: [{ field: 'settings', message: 'is not JSON' }] };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return { ok: false, fields: [{ field: 'settings', message: 'must be an object' }] };
    const value = Value.Default(schema, raw);
    // One value is shared by every operation on the terminal: frozen, so no connector can change it for the next.
    if (validator.Check(value)) return { ok: true, settings: deepFreeze(value) };
    return { ok: false, fields: fieldsOf(validator.Errors(value)) };
  }

  return {
    check(terminalId, settingsJson) {
      let parsed = memo.get(settingsJson);
      if (!parsed) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        parsed = parse(settingsJson);
        memo.set(settingsJson, parsed);
      }
      if (parsed.ok) return parsed;
      const list = parsed.fields.map((f) => `${f.field} ${f.message}`).join('; ');
      return {
        ok: false,
        error: new BridgeError(
          'invalid_terminal_settings',
          `Terminal ${terminalId}: its stored ${provider} settings are invalid (${list}); correct the terminal in the config file, or remove it and register it again`,
          parsed.fields,
        ),
      };
    },
  };
}
