// The window's sign-in. The one-time link carries its token in the fragment (/ui/#login=pbl_…), which the
// browser never sends anywhere; this page posts it to /ui/session and keeps the session token it gets
// back in sessionStorage: per origin and port, per tab, never sent by the browser on its own, and kept
// across a reload. Every call sends it as Authorization: Bearer. There is no cookie: a cookie of
// 127.0.0.1 would go to every other server on this PC that the browser visits.
import { preferSystemLanguage } from './i18n/locale.js';

const KEY = 'posbridge.session';

/** Why the window shows the sign-in page instead of itself. */
export type SignedOutReason = 'no_session' | 'link_used' | 'ended' | 'signed_out' | 'unreachable';

let memory: string | undefined;

/** sessionStorage, or memory where the browser refuses storage (then a reload needs a new link). */
const store = {
  get(): string | undefined {
    try {
      return sessionStorage.getItem(KEY) ?? undefined;
    } catch {
      return memory;
    }
  },
  set(token: string | undefined): void {
    memory = token;
    try {
      if (token) sessionStorage.setItem(KEY, token);
      else sessionStorage.removeItem(KEY);
    } catch {
      /* memory only */
    }
  },
};

export const signedOut = { reason: undefined as SignedOutReason | undefined, listeners: new Set<() => void>() };

function setSignedOut(reason: SignedOutReason | undefined): void {
  signedOut.reason = reason;
  signedOut.listeners.forEach((l) => l());
}

/** The tab's session token, if signed in. */
export function currentSession(): string | undefined {
  return store.get();
}

/** The header that carries a session, for every call and the event stream. */
export function sessionHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The daemon refused `token` (401): it expired or was ended. A session that replaced it meanwhile stays. */
export function sessionRefused(token: string | undefined): void {
  if (store.get() !== token) return;
  store.set(undefined);
  setSignedOut('ended');
}

/**
 * `#login=pbl_…&view=/pair&lang=de-DE` → the token, the page to show after (a "#/…" hash or ''), and the
 * desktop's language when the tray app passed it (a BCP 47 tag, else undefined).
 */
export function loginFromFragment(hash: string): { login: string; view: string; lang?: string } | undefined {
  if (!hash.startsWith('#login=')) return undefined;
  const params = new URLSearchParams(hash.slice(1));
  const login = params.get('login');
  if (!login) return undefined;
  const view = params.get('view') ?? '';
  const lang = params.get('lang') ?? '';
  return {
    login,
    view: /^\/[\w/-]*$/.test(view) ? `#${view}` : '',
    ...(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? { lang } : {}),
  };
}

const endSession = (token: string) =>
  fetch('/ui/session', { method: 'DELETE', headers: { authorization: `Bearer ${token}` }, credentials: 'omit' }).then(
    () => undefined,
    () => undefined,
  );

/** Redeems a login link in the address, if there is one; otherwise goes on with the tab's session. */
export async function signIn(): Promise<void> {
  const found = loginFromFragment(location.hash);
  if (!found) {
    setSignedOut(store.get() ? undefined : 'no_session');
    return;
  }
  if (found.lang) preferSystemLanguage(found.lang);
  // Off the address bar before anything else: not in history, not reused by a reload.
  history.replaceState(history.state, '', `${location.pathname}${location.search}${found.view}`);
  // replaceState fires no hashchange: tell the router about the page the link asked for.
  dispatchEvent(new HashChangeEvent('hashchange'));
  let res: Response;
  try {
    res = await fetch('/ui/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ login: found.login }),
      credentials: 'omit',
    });
  } catch {
    setSignedOut(store.get() ? undefined : 'unreachable');
    return;
  }
  const body = (await res.json().catch(() => ({}))) as { session?: string };
  if (res.status !== 201 || !body.session) {
    // A used link opened again in a tab that is signed in already (back button, reload) changes nothing.
    setSignedOut(store.get() ? undefined : res.status === 401 ? 'link_used' : 'unreachable');
    return;
  }
  const replaced = store.get();
  store.set(body.session);
  // A new link in the same tab (the tray opens one each time): the session it replaces is of no more use.
  if (replaced && replaced !== body.session) void endSession(replaced);
  setSignedOut(undefined);
}

/** Ends the session on the daemon and here. */
export async function signOut(): Promise<void> {
  const token = store.get();
  store.set(undefined);
  if (token) await endSession(token);
  setSignedOut('signed_out');
}

/** A login link opened in this tab while the page is up arrives as a fragment change, not a page load. */
export function watchLoginLinks(): void {
  addEventListener('hashchange', () => {
    if (loginFromFragment(location.hash)) void signIn();
  });
}
