// The daemon's HTTP API, as the window uses it. The session cookie carries the sign-in; the extra header
// marks requests that change something as the window's own (the daemon refuses them without it).
import { plainError } from './words.js';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Set when the daemon answers 401: the window then shows how to sign in again. */
export const signedOut = { value: false, listeners: new Set<() => void>() };

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } };
  if (method !== 'GET') {
    (init.headers as Record<string, string>)['x-posbridge-ui'] = '1';
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
  if (res.status === 401) {
    signedOut.value = true;
    signedOut.listeners.forEach((l) => l());
  }
  if (!res.ok && res.status !== 202 && res.status !== 402) throw new ApiError(res.status, json.code ?? 'error', plainError(json.code ?? '', json.detail ?? ''));
  return json as T;
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
  del: (path: string) => call<void>('DELETE', path),
};
