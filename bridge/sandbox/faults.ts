// Scripted faults for the sandboxes (POST /__sandbox/faults): each fault applies to the next
// matching API request, in order. Shared by every provider sandbox.
import { Type, type Static, Compile } from '../core/typebox.js';

export const FaultSpec = Type.Union([
  Type.Object({ kind: Type.Literal('delay'), ms: Type.Integer({ minimum: 0, maximum: 600000 }) }),
  Type.Object({ kind: Type.Literal('http_500') }),
  Type.Object({ kind: Type.Literal('close_before') }),
  Type.Object({ kind: Type.Literal('close_after') }),
  Type.Object({ kind: Type.Literal('slow_after'), ms: Type.Integer({ minimum: 0, maximum: 600000 }) }),
]);
export type Fault = Static<typeof FaultSpec>;

export const FaultsBody = Type.Object({
  faults: Type.Array(FaultSpec, { maxItems: 100 }),
  /** Only requests whose method and path start with these are affected (e.g. "POST", "/v1/payments"). */
  method: Type.Optional(Type.String()),
  path_prefix: Type.Optional(Type.String()),
  /** Replace the queued faults instead of appending. */
  replace: Type.Optional(Type.Boolean()),
});
export type FaultsBody = Static<typeof FaultsBody>;
export const isFaultsBody = Compile(FaultsBody);

interface Queued {
  readonly fault: Fault;
  readonly method?: string;
  readonly pathPrefix?: string;
}

export class FaultQueue {
  private queue: Queued[] = [];

  add(body: FaultsBody): void {
    if (body.replace) this.queue = [];
    for (const fault of body.faults) {
      this.queue.push({
        fault,
        ...(body.method ? { method: body.method.toUpperCase() } : {}),
        ...(body.path_prefix ? { pathPrefix: body.path_prefix } : {}),
      });
    }
  }

  /** Takes the first fault that matches this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const i = this.queue.findIndex(
      (q) => (!q.method || q.method === method.toUpperCase()) && (!q.pathPrefix || path.startsWith(q.pathPrefix)),
    );
    if (i < 0) return undefined;
    const [q] = this.queue.splice(i, 1);
    return q?.fault;
  }

  pending(): readonly Fault[] {
    return this.queue.map((q) => q.fault);
  }

  clear(): void {
    this.queue = [];
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
