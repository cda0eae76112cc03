// Which fields of a request body are money, read from the route's own body schema: an integer field
// named `amount`, `amount_…` or `…_amount` (amount of preauth, adjust, capture and resolve). Reading the
// schema rather than listing routes keeps a money field added later covered.

type Schema = {
  readonly type?: unknown;
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
};

const MONEY_NAME = /^amount$|^amount_|_amount$/;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null;
}

/** The schema a declared field has; undefined for anything the schema does not name. */
function declaredAt(schema: Schema, path: readonly (string | number)[]): Schema | undefined {
  let at: Schema | undefined = schema;
  for (const step of path) {
    if (!at) return undefined;
    at =
      typeof step === 'number'
        ? at.items
        : at.properties && Object.hasOwn(at.properties, step)
          ? at.properties[step]
          : undefined;
  }
  return at;
}

function allowsInteger(schema: Schema): boolean {
  if (schema.type === 'integer' || (Array.isArray(schema.type) && schema.type.includes('integer'))) return true;
  return schema.anyOf?.some(allowsInteger) ?? false;
}

export function isMoneyField(bodySchema: unknown, path: readonly (string | number)[]): boolean {
  const name = path.at(-1);
  if (typeof name !== 'string' || !MONEY_NAME.test(name) || !isSchema(bodySchema)) return false;
  const field = declaredAt(bodySchema, path);
  return field !== undefined && allowsInteger(field);
}
