// Valid values for a JSON schema, as the OpenAPI document gives it (the subset posbridge's schemas use:
// objects, strings with pattern/format/length, integers, numbers, booleans, null, anyOf, enum, arrays).
// Fields the schema cannot make valid on its own (a terminal that exists, a card that passes Luhn) take
// values from `hints`, keyed by their dotted path.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  maxProperties?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

const INT32 = 2 ** 31 - 1;
const clamp = (n: number) => Math.max(-INT32, Math.min(INT32, n));

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date(Date.now() + 86_400_000), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.pattern) {
    const re = new RegExp(schema.pattern, 'u');
    return fc
      .stringMatching(re, { size: 'small' })
      .filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc
    .string({ minLength: min, maxLength: max, unit: 'grapheme' })
    .filter((s) => s.length <= (schema.maxLength ?? Infinity));
}

export function validValue(schema: JsonSchema, hints: Hints = {}, path = ''): fc.Arbitrary<unknown> {
  const hint = hints[path];
  if (hint) return hint;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, hints, path)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const at = (name: string) => (path ? `${path}.${name}` : name);
      const props = Object.entries(schema.properties ?? {});
      const declared = fc.record(Object.fromEntries(props.map(([name, s]) => [name, validValue(s, hints, at(name))])), {
        requiredKeys: schema.required ?? [],
      });
      if (typeof schema.additionalProperties !== 'object') return declared;
      const keys = schema.propertyNames
        ? stringOf({ ...schema.propertyNames, pattern: undefined }).filter((k) =>
            new RegExp(schema.propertyNames!.pattern ?? '', 'u').test(k),
          )
        : fc.string({ maxLength: 20 });
      return fc.dictionary(keys, validValue(schema.additionalProperties, hints, at('*')), {
        maxKeys: Math.min(schema.maxProperties ?? 5, 5),
      });
    }
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({ min: clamp(schema.minimum ?? -1000), max: clamp(schema.maximum ?? 1_000_000) });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, hints, `${path}.0`), { maxLength: 3 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
