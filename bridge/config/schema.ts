// The config file (JSON). One TypeBox schema validates it and documents every setting.
import { Type, type Static, type TOptional } from '../core/typebox.js';
import { CONNECTION_DEFAULTS } from './connection-defaults.js';
import { PROVIDER_NAMES, PROVIDER_SETTINGS, type ProviderName } from '../providers/settings.js';

const Port = Type.Integer({ minimum: 1, maximum: 65535 });

const OfflinePolicy = Type.Union([Type.Literal('queue'), Type.Literal('reject')]);

/** The fields every terminal has; the provider's own fields are checked against its schema in load.ts. */
export const TERMINAL_BASE = {
  id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'The id the POS sends as terminal_id' }),
  name: Type.Optional(Type.String({ maxLength: 100 })),
  provider: Type.Unsafe<ProviderName>(Type.Union(PROVIDER_NAMES.map((p) => Type.Literal(p)))),
  currency: Type.Optional(
    Type.String({ pattern: '^[A-Z]{3}$', description: 'If set, preauths in another currency are refused' }),
  ),
  auto_void_at_expiry: Type.Optional(
    Type.Boolean({ description: 'Void holds that reach their expiry uncaptured, instead of letting them lapse' }),
  ),
  orphan_holds: Type.Optional(
    Type.Union([Type.Literal('alert'), Type.Literal('void')], {
      description:
        'A hold approved after the POS was told "not final" and never asked about again: alert a person (default), or void it',
    }),
  ),
};

export const TerminalConfig = Type.Object(TERMINAL_BASE, { additionalProperties: true });

export const ConfigSchema = Type.Object(
  {
    port: Type.Optional(Port),
    wait_timeout_ms: Type.Integer({
      minimum: 0,
      maximum: 300000,
      default: 60000,
      description: 'How long a POST waits for a final state before answering 202',
    }),
    card_present_start_ms: Type.Integer({
      minimum: 1_000,
      maximum: 600_000,
      default: 10_000,
      description:
        'A card-present preauth that would reach its terminal later than this after the POS sent it fails as terminal_busy, never sent: the customer is no longer at the counter',
    }),
    allowed_origins: Type.Array(Type.String(), {
      default: [],
      description: 'Browser origins allowed to call the API (exact match)',
    }),
    log_level: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    retry: Type.Object(
      {
        max_attempts: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
        base_ms: Type.Integer({ minimum: 10, maximum: 60000, default: 500 }),
        max_ms: Type.Integer({ minimum: 100, maximum: 3600000, default: 30000 }),
        resolve_window_ms: Type.Integer({
          minimum: 1000,
          maximum: 86400000,
          default: 120000,
          description: 'How long an in-doubt request is looked up before it counts as never received',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    database: Type.Object(
      {
        busy_timeout_ms: Type.Integer({
          minimum: 50,
          maximum: 120_000,
          default: 5_000,
          description: 'How long a write waits for a lock before the request is refused with 503 storage_unavailable',
        }),
        integrity_check: Type.Object(
          {
            interval_hours: Type.Number({
              minimum: 1,
              maximum: 8_760,
              default: 24,
              description:
                'How often PRAGMA quick_check reads the whole database in the background (never at start); a failure shows in health and GET /v1/status',
            }),
            first_after_ms: Type.Integer({
              minimum: 0,
              maximum: 86_400_000,
              default: 60_000,
              description:
                'How long after start the first check runs, unless one passed within interval_hours (its time is kept beside the database)',
            }),
          },
          { additionalProperties: false, default: {} },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    connections: Type.Object(
      {
        max: Type.Integer({
          minimum: 16,
          maximum: 100_000,
          default: CONNECTION_DEFAULTS.max,
          description:
            "Most connections the API holds at once (lowered to fit the process's open-file limit). At the cap a new connection still gets in: the longest-idle one that never carried an authorised request is closed for it",
        }),
        headers_timeout_ms: Type.Integer({
          minimum: 100,
          maximum: 120_000,
          default: CONNECTION_DEFAULTS.headers_timeout_ms,
          description:
            "How long a request's headers may take to arrive (from connecting, or from its first byte on a kept-alive connection); then 408 request_timeout and the connection is closed",
        }),
        request_timeout_ms: Type.Integer({
          minimum: 100,
          maximum: 300_000,
          default: CONNECTION_DEFAULTS.request_timeout_ms,
          description:
            'How long a whole request, body included, may take to arrive (at least headers_timeout_ms); then 408 request_timeout and the connection is closed',
        }),
        keep_alive_timeout_ms: Type.Integer({
          minimum: 1_000,
          maximum: 600_000,
          default: CONNECTION_DEFAULTS.keep_alive_timeout_ms,
          description:
            "How long an idle kept-alive connection stays open; keep it above the POS's own (100 s in .NET's HttpWebRequest), so that the POS closes first",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    // Bounds on GET /v1/events, so no client (a stuck POS, a script that never reads) can exhaust the daemon.
    // A stream holds at most the socket's high-water mark (16 KiB) plus one event in memory; the rest waits
    // in SQLite until the client takes it.
    event_stream: Type.Object(
      {
        max_streams: Type.Integer({
          minimum: 1,
          maximum: 1_000,
          default: 32,
          description:
            'Most event streams open at once (the status window takes one, a POS one or two); one more is refused with 503 too_many_streams',
        }),
        retry_after_s: Type.Integer({ minimum: 1, maximum: 3_600, default: 5, description: 'Retry-After of that 503' }),
        page_size: Type.Integer({
          minimum: 10,
          maximum: 10_000,
          default: 500,
          description:
            'Events read from the log at a time while a stream catches up; the event loop serves other requests between pages',
        }),
        stall_ms: Type.Integer({
          minimum: 100,
          maximum: 600_000,
          default: 10_000,
          description:
            'A stream whose client takes nothing of what waits for it for this long is closed; the client resumes with Last-Event-ID',
        }),
        max_buffered_bytes: Type.Integer({
          minimum: 4_096,
          maximum: 64 * 1024 * 1024,
          default: 1024 * 1024,
          description:
            'A stream with more bytes than this waiting in memory is closed. A backstop: a stream stops writing at 16 KiB, so above that only an event larger than this trips it; below it, clients that are merely slow are closed too',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    holds: Type.Object(
      {
        default_hours: Type.Integer({
          minimum: 1,
          maximum: 24 * 31,
          default: 168,
          description: 'How long a hold lasts when the POS gives no expires_at',
        }),
        per_provider: Type.Record(Type.String(), Type.Integer({ minimum: 1, maximum: 24 * 31 }), {
          default: {},
          description: 'Hours per provider, overriding default_hours',
        }),
        warn_before_ms: Type.Integer({
          minimum: 0,
          maximum: 7 * 86_400_000,
          default: 86_400_000,
          description: 'When to raise hold.expiring before a hold expires',
        }),
        orphan_after_ms: Type.Integer({
          minimum: 1_000,
          maximum: 7 * 86_400_000,
          default: 900_000,
          description:
            'How long after a hold is approved a POS that was told "not final" may stay silent before the hold is raised as an orphan',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    end_of_day: Type.Object(
      {
        old_hold_hours: Type.Integer({
          minimum: 1,
          maximum: 24 * 31,
          default: 24,
          description:
            'A hold still open after this many hours is listed under "Open holds to close" on the End of day page and in GET /v1/days/<day>',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    merchant: Type.Object(
      {
        name: Type.String({
          maxLength: 100,
          default: '',
          description: "The store's name as printed at the top of a receipt; empty: the receipt says none",
        }),
        address: Type.String({
          maxLength: 300,
          default: '',
          description: 'Address lines under the name on a receipt (a line break between lines)',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    offline: Type.Object(
      {
        breaker_threshold: Type.Integer({
          minimum: 1,
          maximum: 100,
          default: 3,
          description: 'Failures before sending, in a row, that mark a provider unreachable',
        }),
        probe_base_ms: Type.Integer({
          minimum: 100,
          maximum: 600_000,
          default: 2_000,
          description: 'First wait before probing an unreachable provider; doubles up to probe_max_ms',
        }),
        probe_max_ms: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 60_000 }),
        policy: Type.Record(
          Type.String(),
          Type.Object(
            {
              preauth: Type.Optional(OfflinePolicy),
              adjust: Type.Optional(OfflinePolicy),
              capture: Type.Optional(OfflinePolicy),
              void: Type.Optional(OfflinePolicy),
            },
            { additionalProperties: false },
          ),
          { default: {}, description: 'Per provider: queue or reject each kind while the provider is unreachable' },
        ),
        max_amount: Type.Record(Type.String({ pattern: '^[A-Z]{3}$' }), Type.Integer({ minimum: 0 }), {
          default: {},
          description: 'Largest queued preauth per currency (minor units); unlisted currencies: no limit',
        }),
        max_exposure: Type.Record(Type.String({ pattern: '^[A-Z]{3}$' }), Type.Integer({ minimum: 0 }), {
          default: {},
          description: 'Most queued preauth amount in total per currency (minor units)',
        }),
        max_count: Type.Integer({
          minimum: 0,
          maximum: 100_000,
          default: 500,
          description: 'Most operations waiting for an unreachable provider',
        }),
        max_age_ms: Type.Integer({
          minimum: 60_000,
          maximum: 30 * 86_400_000,
          default: 86_400_000,
          description: 'A queued operation older than this fails (never sent)',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    retention: Type.Object(
      {
        hot_months: Type.Integer({
          minimum: 1,
          maximum: 120,
          default: 13,
          description:
            "Whole calendar months of finished transactions kept in the hot database before the current one; older ones move to monthly archive files (still found by id and reference). 13 covers the card schemes' dispute windows (up to 120 days after the transaction, plus pre-arbitration) and PCI DSS 10.5.1, which keeps a year of audit history",
        }),
        archive_dir: Type.Optional(
          Type.String({ minLength: 1, description: 'Where the archive files go (default: <data-dir>/archive)' }),
        ),
        archive_every_ms: Type.Integer({
          minimum: 60_000,
          maximum: 31 * 86_400_000,
          default: 86_400_000,
          description:
            'How often the daemon runs the archive (and the compaction); the first run is archive_first_after_ms after start. Off-line too: `posbridge archive run`',
        }),
        archive_first_after_ms: Type.Integer({
          minimum: 0,
          maximum: 86_400_000,
          default: 600_000,
          description: 'How long after start the first archive run waits (a PC restarted every night still archives)',
        }),
        max_per_part: Type.Integer({
          minimum: 100,
          maximum: 1_000_000,
          default: 5_000,
          description:
            'Most transactions in one archive file; a month with more is split into parts (posbridge-YYYY-MM-p001, -p002, …). Bounds the ids an archive run holds in memory and the file a lookup opens',
        }),
        chunk_transactions: Type.Integer({
          minimum: 1,
          maximum: 10_000,
          default: 50,
          description:
            "Archived transactions moved out of the hot database per SQLite transaction; the POS's requests are served between chunks, so this bounds how long they wait behind the archive run. A crash between chunks loses nothing: the next run finishes the part",
        }),
        compact_after_ms: Type.Integer({
          minimum: 0,
          maximum: 365 * 86_400_000,
          default: 0,
          description:
            "Attempts of operations finished longer ago than this keep only their evidence (method, URL, status, outcome, provider ids, timing); the raw bodies go. 0: in the write that ends the operation, which is what keeps the hot database small (a body compacted later leaves its space in a page SQLite does not reuse). More keeps a provider's exact answer to look at for that long, at the cost of disk (the daily archive run compacts them)",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    reconciliation: Type.Object(
      {
        time_zone: Type.String({
          maxLength: 64,
          default: '',
          description:
            "The store's IANA time zone (Europe/Berlin): which instants make a day when a day's payments are compared with the providers' records. '': this PC's zone",
        }),
        provider_budget_ms: Type.Integer({
          minimum: 1_000,
          // Five providers at most this long each stay inside the API's idle timeout for one answer (330 s).
          maximum: 60_000,
          default: 30_000,
          description: "How long reading one provider's records may take before that provider counts as not checked",
        }),
        pause_ms: Type.Integer({
          minimum: 0,
          maximum: 10_000,
          default: 100,
          description: "The pause between two requests for a provider's records (polite to its rate limits)",
        }),
        max_requests: Type.Integer({
          minimum: 1,
          maximum: 100_000,
          default: 2_000,
          description: 'The most requests one provider check may make (pages, or one lookup per payment)',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    providers: Type.Object(
      Object.fromEntries(PROVIDER_NAMES.map((p) => [p, Type.Optional(PROVIDER_SETTINGS[p].provider)])) as {
        [K in ProviderName]: TOptional<(typeof PROVIDER_SETTINGS)[K]['provider']>;
      },
      { additionalProperties: false, default: {} },
    ),
    terminals: Type.Array(TerminalConfig, { default: [] }),
  },
  { additionalProperties: false },
);

/** A terminal as configured: the base fields plus its provider's own. */
export type TerminalEntry = Static<typeof TerminalConfig> & Record<string, unknown>;
export type Config = Omit<Static<typeof ConfigSchema>, 'terminals'> & { terminals: TerminalEntry[] };
