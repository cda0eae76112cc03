// Config fields shared by the providers' schemas (pure TypeBox): a secret given directly or (preferred) named by an
// environment variable, and the timeouts of a provider's requests.
import { Type } from './typebox.js';

export function secretFields<N extends string>(name: N, what: string) {
  return {
    [name]: Type.Optional(Type.String({ minLength: 1, description: `${what}; prefer ${name}_env` })),
    [`${name}_env`]: Type.Optional(
      Type.String({ minLength: 1, description: `Name of an environment variable holding the ${what}` }),
    ),
  } as Record<N | `${N}_env`, ReturnType<typeof Type.Optional<ReturnType<typeof Type.String>>>>;
}

export const timeouts = (timeoutMs: number) => ({
  timeout_ms: Type.Integer({
    minimum: 1000,
    maximum: 300000,
    default: timeoutMs,
    description: 'How long to wait for an answer before the outcome counts as unknown',
  }),
  connect_timeout_ms: Type.Integer({ minimum: 100, maximum: 60000, default: 5000 }),
});
