// The shapes of the daemon's JSON that the window reads (the OpenAPI document at /v1/openapi.json is
// the full contract; the window talks to the daemon over HTTP only and so keeps its own copy).
export type Level = 'ok' | 'degraded' | 'down';

export interface Status {
  level: Level;
  headline: string;
  advice: string;
  paused: boolean;
  /** `code` and `params` let the window say each problem in the staff's language; `text` is English. */
  problems: {
    level: Level;
    code?: string;
    params?: Record<string, string | number | boolean>;
    text: string;
    advice: string;
    terminal_id: string | null;
  }[];
  terminals: { total: number; working: number };
  queued: number;
  unresolved: number;
}

export interface Health {
  status: Level;
  version: string;
  database: { ok: boolean; detail: string };
  paused: boolean;
  queue_depth: number;
  reason: string | null;
}

export interface Terminal {
  id: string;
  name: string;
  provider: string;
  currency: string | null;
  state: 'ready' | 'busy' | 'offline' | 'needs_pairing' | 'failing';
  queue_depth: number;
  last_seen_at: string | null;
  last_payment: {
    id: string;
    reference: string;
    created_at: string;
    amount: number;
    currency: string;
    state: string;
  } | null;
  provider_reachability: {
    reachable: boolean | null;
    state: 'closed' | 'open' | 'half_open';
    last_error: string | null;
    open_until: string | null;
    failing: boolean;
  };
  link: {
    online: boolean;
    busy: boolean;
    last_error: string | null;
    last_seen_at: string | null;
    path: string | null;
  } | null;
}

export interface Operation {
  id: string;
  kind: 'preauth' | 'adjust' | 'capture' | 'void';
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'unresolved';
  amount: number | null;
  attempts: number;
  in_doubt: boolean;
  receipt_text: string | null;
  error: { code: string; message: string } | null;
  requested_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface Transaction {
  id: string;
  reference: string;
  terminal_id: string;
  provider: string;
  state: string;
  final: boolean;
  amount_requested: number;
  amount_authorized: number | null;
  amount_captured: number | null;
  currency: string;
  card: { brand: string | null; masked_pan: string | null; entry_mode: string | null } | null;
  auth_code: string | null;
  expires_at: string | null;
  error: { code: string; message: string } | null;
  created_at: string;
  updated_at: string;
  operations: Operation[];
}

export interface Attempt {
  operation_id: string;
  operation_kind: string;
  number: number;
  purpose: 'send' | 'lookup';
  started_at: string;
  duration_ms: number | null;
  response_status: number | null;
  outcome: string | null;
}

export interface Queue {
  items: {
    operation_id: string;
    transaction_id: string;
    terminal_id: string;
    kind: string;
    amount: number | null;
    currency: string;
    age_ms: number;
  }[];
  exposure: Record<string, number>;
  count: number;
  oldest_age_ms: number | null;
}

export interface SerialPortInfo {
  path: string;
  manufacturer: string | null;
  serial_number: string | null;
  vendor_id: string | null;
  product_id: string | null;
}
export interface RemoteTerminal {
  id: string;
  state: string;
  connected: boolean;
  last_connected_at: string | null;
}
export interface TestReport {
  terminal_id: string;
  ok: boolean;
  steps: { step: string; ok: boolean; detail: string }[];
  terminal: { zvt_terminal_id: string | null; software_version: string | null; status: string | null } | null;
}
