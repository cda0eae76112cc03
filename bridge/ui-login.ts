// The one-time link into the status window, for `posbridge ui` and for the tray (over the control
// channel). The token is good once, for ten minutes; what it opens is a session cookie.
import type { Store } from './store/store.js';

export function createLoginLink(store: Store, port: number): { url: string; expiresAt: string } {
  const login = store.write((w) => {
    const l = store.uiSessions.createLogin(w.now);
    w.emit({ type: 'ui_session.link_created', data: { id: l.id, expires_at: l.expiresAt } });
    return l;
  });
  return { url: `http://127.0.0.1:${port}/ui/login?token=${encodeURIComponent(login.token)}`, expiresAt: login.expiresAt };
}
