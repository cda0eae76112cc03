// The defaults of `connections` in the config file, and why each number is what it is. The API sizes its
// limits from these (api/connection-limits.ts).

/** `connections` in the config file; with the defaults below. */
export interface ConnectionSettings {
  readonly max: number;
  readonly headers_timeout_ms: number;
  readonly request_timeout_ms: number;
  readonly keep_alive_timeout_ms: number;
}

export const CONNECTION_DEFAULTS: ConnectionSettings = {
  // A POS opens a few connections (.NET's ServicePoint allows 2 per host unless told otherwise), the tray
  // and a status window a few more: 512 is two orders of magnitude of headroom, and an idle socket costs
  // Node a few KiB. Lowered to fit the descriptor limit (see capFor).
  max: 512,
  // A POS on the same PC sends its request line and headers in one write, within a millisecond of
  // connecting; 10 s still covers a PC stalled by an antivirus scan. Node's own 60 s (checked every 30 s)
  // let each silent socket hold a descriptor for up to 90 s.
  headers_timeout_ms: 10_000,
  // The whole request, body included: at most 64 KiB over loopback, milliseconds when sent honestly. A
  // body that trickles in is answered 408 and its connection closed at this point.
  request_timeout_ms: 30_000,
  // Between requests on a kept-alive connection. Legacy .NET clients (HttpWebRequest's ServicePoint)
  // keep an idle connection 100 s and then reuse it for the next request: were the server to close it
  // first, a POST written while the server's close is on its way fails in the client ("A connection that
  // was expected to be kept alive was closed by the server").
  // At 120 s the client always closes first. A flood is not answered by a shorter keep-alive but by the
  // cap: at the cap the idle connections that never carried an authorised request go first, and a POS's
  // own pooled connections only when none of those are left (connection-table.ts).
  keep_alive_timeout_ms: 120_000,
};
