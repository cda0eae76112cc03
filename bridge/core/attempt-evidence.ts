// What an attempt keeps once its operation is final and the compaction window has passed. The raw
// request and response bodies (already redacted when written) are what makes a finished transaction
// weigh ~8 KB; a dispute or an audit needs what was asked, of whom, and what came back:
//   request  → method and URL (the URL names the provider's endpoint and, for follow-ups, its ids), plus
//              for a terminal the command name (the APDU is dropped);
//   response → the top-level scalar fields that identify or classify the answer (ids, references,
//              status/state/result, codes, auth code, amounts, currency, messages), nothing nested;
//   kept as columns, untouched: response_status, outcome_kind, outcome_json (the normalised outcome with
//              the provider reference, authorised amount and decline code), started_at, finished_at,
//              duration_ms, applied_at.
// Card data was never in these bodies (redacted at write), and nothing here adds any. Pure: no I/O.

const EVIDENCE_KEY =
  /(^|_|[a-z])(id|ids|ref|refs|reference|status|state|result|code|codes|type|outcome|approved|declined|amount|currency|message|reason|error|transport)$/i;
const MAX_STRING = 200;

export interface CompactedBodies {
  readonly request_json: string;
  readonly response_json: string | null;
}

function scalarFields(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!EVIDENCE_KEY.test(k)) continue;
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) kept[k] = v;
    else if (typeof v === 'string') kept[k] = v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
  }
  return kept;
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The compacted request and response bodies of one attempt. Idempotent: compacting twice changes nothing. */
export function compactAttemptBodies(requestJson: string, responseJson: string | null): CompactedBodies {
  const request = parse(requestJson) as Record<string, unknown> | null;
  const req: Record<string, unknown> = { compacted: true };
  if (request && typeof request === 'object') {
    for (const k of ['method', 'url', 'command', 'scripted'] as const) if (k in request) req[k] = request[k];
  }
  const response = parse(responseJson);
  let res: unknown = null;
  if (response !== null) {
    const fields = scalarFields(response);
    res = fields ? { compacted: true, ...fields } : { compacted: true };
  }
  return { request_json: JSON.stringify(req), response_json: res === null ? null : JSON.stringify(res) };
}
