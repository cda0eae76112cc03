// Route validators and response serializers compiled on their route's first use, not all at start: Fastify
// would otherwise build every Ajv validator and fast-json-stringify serializer before it listens, about half
// of the daemon's start-up. The compiled functions are the ones Fastify would have used, with the same
// options, so what a request is refused for and how an answer is written do not change; only when the
// schema is compiled does. Every schema is still compiled in the tests (compileAll), so a schema that cannot
// compile fails there, not at a POS's first request.
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { ValidateFunction } from 'ajv';

/** The schemas of one server that are not compiled yet; compileAll builds them all now. */
export class PendingSchemas {
  private readonly pending = new Set<() => unknown>();

  get size(): number {
    return this.pending.size;
  }

  /** Returns build, memoised: the first call compiles and leaves the pending set. */
  once<T>(build: () => T): () => T {
    let compiled: { value: T } | undefined;
    const get = (): T => {
      if (!compiled) {
        compiled = { value: build() };
        this.pending.delete(get);
      }
      return compiled.value;
    };
    this.pending.add(get);
    return get;
  }

  /** Compiles every schema not compiled yet (a schema that cannot compile throws here). */
  compileAll(): void {
    for (const get of [...this.pending]) get();
  }
}

type AjvValidate = ValidateFunction & { schemaEnv?: unknown };

/**
 * Wraps a validator compiler: the route gets a function that compiles on its first call. Fastify reads
 * `errors` after a failed call and passes Ajv's parent data when the function has a `schemaEnv`; both are
 * the compiled validator's.
 */
export function lazyValidatorCompiler<S extends { schema: unknown }>(
  pending: PendingSchemas,
  compile: (routeSchema: S) => AjvValidate,
): (routeSchema: S) => AjvValidate {
  return (routeSchema) => {
    const compiled = pending.once(() => compile(routeSchema));
    const validate = function (this: unknown, ...args: Parameters<ValidateFunction>) {
      const fn = compiled();
      const result = fn.apply(this, args);
      validate.errors = fn.errors;
      return result;
    } as AjvValidate;
    validate.errors = null;
    Object.defineProperty(validate, 'schemaEnv', { get: () => compiled().schemaEnv });
    return validate;
  };
}

/**
 * Fastify's default serializer factory (fast-json-stringify, with the server's shared schemas and
 * serializerOpts), each serializer compiled when its route first answers with that status.
 */
export function lazySerializerFactory(pending: PendingSchemas): SerializerSelector.SerializerFactory {
  const build = SerializerSelector();
  return (externalSchemas, serializerOpts) => {
    const compile = build(externalSchemas, serializerOpts);
    return (routeDef) => {
      const compiled = pending.once(() => compile(routeDef));
      return (data) => compiled()(data);
    };
  };
}
