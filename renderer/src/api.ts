// The daemon's HTTP API, as the window uses it. The session travels in the Authorization header, which no
// browser adds on its own and no page of another origin can add without a preflight the daemon never
// grants; cookies are never sent (credentials: 'omit'), so a stale one of an older version stays unused.
import { currentSession, sessionHeaders, sessionRefused } from './session.js';
import { plainError } from './words.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const session = currentSession();
  const init: RequestInit = {
    method,
    credentials: 'omit',
    headers: { accept: 'application/json', ...headers, ...sessionHeaders(session) },
  };
  if (method !== 'GET') {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'daemon_unreachable', plainError('daemon_unreachable', ''));
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as { code?: string; detail?: string; transaction?: unknown };
  if (res.status === 401) sessionRefused(session);
  if (!res.ok && res.status !== 202 && res.status !== 402)
    throw new ApiError(res.status, json.code ?? 'error', plainError(json.code ?? '', json.detail ?? ''));
  return json as T;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
  del: (path: string) => call<void>('DELETE', path),
};
