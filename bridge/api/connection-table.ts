// Which connection to close when the daemon holds as many as it may and another arrives. Pure: keys
// are sockets in the daemon, anything in the tests.
//
// The newcomer is always let in (it may be a health check, or the POS), and room is made by closing the
// connection that is least likely to be doing anything for anybody:
//   1. never shed: a connection with an authorised request in flight (a preauth waiting for its answer,
//      an event stream). Those are real work; a flood cannot displace them.
//   2. first to go: connections that have not yet carried an authorised request — idle, never sent a
//      byte, headers still trickling in, a health check or a 401 being answered. A local flood of idle
//      sockets is all of this kind, so it only ever displaces itself.
//   3. then: idle keep-alive connections that did carry an authorised request before (a POS's
//      connection pool). Closing one can make a .NET client's next POST on it fail, so this happens only
//      when nothing of kind 2 is left.
// Within a kind, the one idle longest goes first (least recently used): the newest connections are the
// last to be shed, so a connection gets time to send its request.
// When every connection is of kind 1, the newcomer is refused instead.

export type Admission<K> = { readonly admitted: true; readonly shed?: K } | { readonly admitted: false };

export class ConnectionTable<K> {
  /** Kind 2, in order of last activity, oldest first (a Map iterates in insertion order). */
  private readonly unproven = new Map<K, true>();
  /** Kind 3, likewise. */
  private readonly trusted = new Map<K, true>();
  /** Kind 1: how many authorised requests each has in flight (pipelining allows more than one). */
  private readonly busy = new Map<K, number>();

  constructor(readonly max: number) {}

  get size(): number {
    return this.unproven.size + this.trusted.size + this.busy.size;
  }

  admit(key: K): Admission<K> {
    if (this.has(key)) return { admitted: true };
    let shed: K | undefined;
    if (this.size >= this.max) {
      shed = first(this.unproven) ?? first(this.trusted);
      if (shed === undefined) return { admitted: false };
      this.remove(shed);
    }
    this.unproven.set(key, true);
    return shed === undefined ? { admitted: true } : { admitted: true, shed };
  }

  /** Something happened on the connection (a request began or was answered): it moves to the back. */
  touch(key: K): void {
    for (const kind of [this.unproven, this.trusted]) {
      if (kind.delete(key)) {
        kind.set(key, true);
        return;
      }
    }
  }

  /** An authorised request began on it: not to be shed until it is answered. */
  protect(key: K): void {
    if (!this.has(key)) return;
    this.unproven.delete(key);
    this.trusted.delete(key);
    this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
  }

  /** That request was answered (or abandoned): the connection is a trusted idle one again. */
  release(key: K): void {
    const n = this.busy.get(key);
    if (n === undefined) return;
    if (n > 1) {
      this.busy.set(key, n - 1);
      return;
    }
    this.busy.delete(key);
    this.trusted.set(key, true);
  }

  remove(key: K): void {
    this.unproven.delete(key);
    this.trusted.delete(key);
    this.busy.delete(key);
  }

  private has(key: K): boolean {
    return this.unproven.has(key) || this.trusted.has(key) || this.busy.has(key);
  }
}

function first<K>(map: Map<K, true>): K | undefined {
  for (const key of map.keys()) return key;
  return undefined;
}
