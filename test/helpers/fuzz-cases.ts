// Requests for the fuzzer: a valid body for an operation, then one mutation of it — a wrong type, a
// number JSON.parse reads away (25.00, 1e400), a long or odd Unicode string, a missing or extra field,
// nested garbage, JSON broken in the text, bytes in another encoding, or an odd Content-Type.
import fc from 'fast-check';

export interface FuzzCase {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  /** What was done to the valid body, to read a failure by. */
  readonly mutation: string;
  /** A number written into the body as this text, where JSON.stringify could not have put it. */
  readonly rawNumber?: { readonly path: readonly (string | number)[]; readonly text: string };
}

type Json = unknown;
type Path = (string | number)[];

/** Paths of every value inside `value`, the root included. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const inner = Array.isArray(value)
    ? value.flatMap((v, i) => pathsOf(v, [...at, i]))
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))
      : [];
  return [at, ...inner];
}

function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, Json>;
  at[path.at(-1)!] = value;
  return copy;
}

function valueAt(root: Json, path: Path): Json {
  return path.reduce<Json>((at, step) => (at as Record<string | number, Json>)[step], root);
}

/** Adds key → value to the object at `path`; anything else there becomes such an object. */
function addAt(root: Json, path: Path, key: string, value: Json): Json {
  const target = valueAt(root, path);
  const isObject = target !== null && typeof target === 'object' && !Array.isArray(target);
  return setAt(root, path, isObject ? { ...(target as object), [key]: value } : { [key]: value });
}

function deleteAt(root: Json, path: Path): Json {
  if (path.length === 0) return undefined;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, Json>;
  if (Array.isArray(at)) at.splice(path.at(-1) as number, 1);
  else delete at[path.at(-1)!];
  return copy;
}

/** A number written as JSON text that JSON.parse reads as something else, or at an edge. */
const RAW_NUMBERS = [
  '25.00',
  '0.5',
  '10.5',
  '2500.0',
  '1E2',
  '2.5e3',
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '0',
  '-1',
  '-2500',
  '9007199254740993',
  '1'.repeat(400),
  '1000000000001',
  '1000000000000',
  '123456789012345678901234567890',
  '0.0000001',
];

const STRINGS = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 30, unit: 'binary' }), // any code point, lone surrogates included
  fc.string({ minLength: 60, maxLength: 3_000 }),
  fc.constantFrom(
    'x'.repeat(70_000),
    '\u0000',
    'a\nb',
    '\u202e',
    'Çağlar Öztürk',
    '😀'.repeat(600),
    '2020-12-31T23:59:60Z',
    '2030-02-30T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '1e400',
    'P99999999D',
    'null',
    '{"a":1}',
    '<script>',
    "'; DROP TABLE transactions; --",
    '%E0%A4%A',
  ),
);

const NESTED = fc
  .integer({ min: 10, max: 5_000 })
  .chain((depth) =>
    fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

const GARBAGE: fc.Arbitrary<Json> = fc.oneof(
  STRINGS,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom({}, [], [1, 2, 3], { amount: 1 }, [{}]),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(STRINGS, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 30 }),
);

const CONTENT_TYPES = [
  'application/json; charset=windows-1254',
  'application/json; charset=iso-8859-9',
  'application/json; charset=utf-16',
  'application/json; charset=UTF-8',
  'APPLICATION/JSON',
  'application/json;;',
  'application/json; charset=',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/problem+json',
  'application/',
  '',
  'application/json\u00e9',
];

type Edit = {
  readonly mutation: string;
  readonly apply: (value: Json) => {
    value: Json;
    rawNumber?: string;
    rawAt?: Path;
    text?: (t: string) => string;
    bytes?: (b: Buffer) => Buffer;
    contentType?: string | undefined;
  };
};

const TOKEN = '"__fuzz_raw_number__"';

function edits(value: Json): fc.Arbitrary<Edit> {
  const paths = pathsOf(value);
  const path = fc.constantFrom(...paths);
  const leaves = paths.filter((p) => p.length > 0);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Edit>({ mutation: 'none', apply: (v) => ({ value: v }) }) },
    {
      weight: 6,
      arbitrary: fc.tuple(path, GARBAGE).map(([p, g]): Edit => ({
        mutation: `set ${p.join('.')} to ${JSON.stringify(g)?.slice(0, 60)}`,
        apply: (v) => ({ value: setAt(v, p, g) }),
      })),
    },
    {
      weight: 5,
      arbitrary: fc.tuple(path, fc.constantFrom(...RAW_NUMBERS)).map(([p, n]): Edit => ({
        mutation: `set ${p.join('.')} to the number ${n.slice(0, 30)}`,
        apply: (v) => ({ value: setAt(v, p, '__fuzz_raw_number__'), rawNumber: n, rawAt: p }),
      })),
    },
    ...(leaves.length
      ? [
          {
            weight: 3,
            arbitrary: fc
              .constantFrom(...leaves)
              .map((p): Edit => ({ mutation: `delete ${p.join('.')}`, apply: (v) => ({ value: deleteAt(v, p) }) })),
          },
        ]
      : []),
    {
      weight: 3,
      arbitrary: fc.tuple(path, STRINGS, GARBAGE).map(([p, k, g]): Edit => ({
        mutation: `add ${JSON.stringify(k).slice(0, 30)} under ${p.join('.')}`,
        apply: (v) => ({ value: addAt(v, p, k, g) }),
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(path, NESTED).map(([p, n]): Edit => ({
        mutation: `nest ${n.length} bytes at ${p.join('.')}`,
        apply: (v) => ({ value: setAt(v, p, '__fuzz_raw_number__'), rawNumber: n }),
      })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.nat(), fc.constantFrom('cut', 'insert', 'duplicate')).map(([at, how]): Edit => ({
        mutation: `${how} the text at ${at}`,
        apply: (v) => ({
          value: v,
          text: (t) => {
            const i = at % (t.length + 1);
            if (how === 'cut') return t.slice(0, i);
            if (how === 'insert') return `${t.slice(0, i)}${'{}[],:"\\x0 '[at % 13]}${t.slice(i)}`;
            return t.replace(/^\{("[^"]+":[^,}]+)/, '{$1,$1');
          },
        }),
      })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom('bom', 'latin1', 'utf16', 'byte', 'nul', 'bom-utf16'),
          fc.nat(),
          fc.integer({ min: 0x80, max: 0xff }),
        )
        .map(([how, at, byte]): Edit => ({
          mutation: `encode: ${how}`,
          apply: (v) => ({
            value: v,
            bytes: (b) => {
              const text = b.toString('utf8');
              if (how === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
              if (how === 'latin1') return Buffer.from(text.replace(/"$/, 'Ç"'), 'latin1');
              if (how === 'utf16') return Buffer.from(text, 'utf16le');
              if (how === 'bom-utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
              const copy = Buffer.from(b);
              if (copy.length) copy[at % copy.length] = how === 'nul' ? 0 : byte;
              return copy;
            },
          }),
        })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom<string | undefined>(...CONTENT_TYPES, undefined).map((ct): Edit => ({
        mutation: `content-type ${JSON.stringify(ct)}`,
        apply: (v) => ({ value: v, contentType: ct }),
      })),
    },
  );
}

/** One request: `valid` bodies for `path`, each with one edit. */
export function fuzzCase(path: fc.Arbitrary<string>, valid: fc.Arbitrary<Json>): fc.Arbitrary<FuzzCase> {
  return fc.tuple(path, valid).chain(([p, v]) =>
    edits(v).map((edit): FuzzCase => {
      const done = edit.apply(v);
      let text = done.value === undefined ? '' : JSON.stringify(done.value);
      if (done.rawNumber !== undefined) text = text.replace(TOKEN, done.rawNumber);
      if (done.text) text = done.text(text);
      let body: Buffer = Buffer.from(text, 'utf8');
      if (done.bytes) body = done.bytes(body);
      return {
        path: p,
        contentType: 'contentType' in done ? done.contentType : 'application/json',
        body,
        mutation: edit.mutation,
        ...(done.rawNumber !== undefined && done.rawAt && !done.text && !done.bytes
          ? { rawNumber: { path: done.rawAt, text: done.rawNumber } }
          : {}),
      };
    }),
  );
}
