// The one-time link into the status window, for `posbridge ui` and for the tray (over the control
// channel). The token is good once, for ten minutes. It travels in the URL's fragment, which a browser
// never sends to any server: the window's page reads it and exchanges it for a session token (POST
// /ui/session), so neither the token nor the session ever sits in a request line, a log or a cookie.
import type { Store } from './store/store.js';

/** A page of the window to open after sign-in ("#/pair"); anything else opens the default page. */
const VIEW = /^#(\/[\w/-]*)$/;

export function loginLinkUrl(port: number, token: string, hash?: string): string {
  const view = VIEW.exec(hash ?? '')?.[1];
  return `http://127.0.0.1:${port}/ui/#login=${encodeURIComponent(token)}${view ? `&view=${view}` : ''}`;
}

export function createLoginLink(store: Store, port: number, hash?: string): { url: string; expiresAt: string } {
  const login = store.write((w) => {
    const l = store.uiSessions.createLogin(w.now);
    w.emit({ type: 'ui_session.link_created', data: { id: l.id, expires_at: l.expiresAt } });
    return l;
  });
  return { url: loginLinkUrl(port, login.token, hash), expiresAt: login.expiresAt };
}
