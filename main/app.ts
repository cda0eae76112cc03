// The tray app's wiring: single instance, the tray (made by an injectable factory), its menu, the status
// window (hidden, not closed, when its close box is pressed), and the daemon's supervisor. Electron is
// passed in, so this file is tested with a mocked electron module.
import type * as Electron from 'electron';
import { menuTemplate, type MenuItem } from './menu.js';
import type { Supervisor } from './supervisor.js';
import { trayState, type Link, type TrayIcon } from './tray-state.js';
import { TRAY_WORDS, trayLanguage } from './tray-words.js';
import { withDesktopLanguage } from './window-language.js';

export interface TrayLike {
  setIcon(icon: TrayIcon): void;
  setToolTip(text: string): void;
  setMenu(items: MenuItem[]): void;
  onClick(listener: () => void): void;
}

export type SupervisorLike = Pick<Supervisor, 'start' | 'stop' | 'request' | 'link' | 'ownsDaemon' | 'on'>;

export interface TrayAppOptions {
  readonly electron: Pick<typeof Electron, 'app' | 'BrowserWindow' | 'shell'>;
  createTray(): TrayLike;
  readonly supervisor: SupervisorLike;
  readonly logsDir: string;
}

export interface TrayApp {
  readonly tray: TrayLike;
  openWindow(hash?: string): Promise<void>;
  quit(): Promise<void>;
}

/** The window runs web content only: no Node, isolated, sandboxed; the daemon's CSP applies to it. */
export const WINDOW_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
} as const;

export async function startTrayApp(o: TrayAppOptions): Promise<TrayApp | undefined> {
  const { app, BrowserWindow, shell } = o.electron;
  if (!app.requestSingleInstanceLock()) {
    // Another tray app runs already; it shows its window (second-instance) and this one leaves.
    app.quit();
    return undefined;
  }
  await app.whenReady();
  let quitting = false;
  let window: Electron.BrowserWindow | undefined;
  let daemonUrl: string | undefined;

  const openWindow = async (hash = '#/status') => {
    if (!window) {
      window = new BrowserWindow({
        width: 1280,
        height: 760,
        minWidth: 900,
        minHeight: 600,
        show: false,
        autoHideMenuBar: true,
        title: 'posbridge',
        webPreferences: { ...WINDOW_PREFERENCES },
      });
      window.on('close', (e) => {
        if (!quitting) {
          e.preventDefault();
          window?.hide();
        }
      });
      // The window shows the daemon's pages and nothing else.
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      window.webContents.on('will-navigate', (e, url) => {
        if (!daemonUrl || !url.startsWith(daemonUrl)) e.preventDefault();
      });
    }
    // A fresh one-time link on every opening: a session ends after 12 hours (or by "Sign out") while the
    // tray app runs for days, and the window has no other way back in. The page ends the session it replaces.
    const link = await o.supervisor.request('login_link', { hash }).then(
      (l) => (l as { url: string }).url,
      (err: unknown) => {
        if (!daemonUrl) throw err;
        return `${daemonUrl}/ui/${hash}`;
      },
    );
    daemonUrl = new URL(link).origin;
    await window.loadURL(withDesktopLanguage(link, app.getLocale()));
    window.show();
    window.focus();
  };

  // From a menu or a click: a daemon that is down shows in the tray already, so a failure is not reported twice.
  const show = (hash?: string) => {
    void openWindow(hash).catch(() => undefined);
  };

  const tray = o.createTray();
  let openAtLogin = app.getLoginItemSettings().openAtLogin;
  const render = (link: Link) => {
    // Asked each time: Electron knows the desktop's language only once the app is ready.
    const lang = trayLanguage(app.getLocale());
    const state = trayState(link, lang);
    tray.setIcon(state.icon);
    tray.setToolTip(state.tooltip);
    tray.setMenu(
      menuTemplate(
        state,
        openAtLogin,
        {
          openWindow: () => show('#/status'),
          pairTerminal: () => show('#/pair'),
          setPaused: (paused) => {
            void o.supervisor.request(paused ? 'pause' : 'resume').catch(() => undefined);
          },
          openLogs: () => {
            void shell.openPath(o.logsDir);
          },
          setOpenAtLogin: (on) => {
            app.setLoginItemSettings({ openAtLogin: on });
            openAtLogin = on;
            render(o.supervisor.link);
          },
          quit: () => {
            void quit();
          },
        },
        TRAY_WORDS[lang],
      ),
    );
  };
  const quit = async () => {
    quitting = true;
    // A daemon this app started stops with it (after the step in flight); a service keeps running.
    await o.supervisor.stop(o.supervisor.ownsDaemon);
    app.quit();
  };

  app.on('second-instance', () => show());
  // Closing the window only hides it: the app lives in the tray until "Quit".
  app.on('window-all-closed', () => undefined);
  tray.onClick(() => show());
  o.supervisor.on('link', render);
  render(o.supervisor.link);
  await o.supervisor.start();
  return { tray, openWindow, quit };
}
