// The tray app's wiring with Electron mocked: single instance, tray state from the daemon's status,
// menu actions, the window's safety settings and close-to-tray. The supervisor here is a stand-in
// that records requests; supervision itself runs against a real daemon in test/integration/supervisor.test.ts.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItem } from '../../../main/menu.js';
import type { Link } from '../../../main/tray-state.js';

const electron = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly events = new Map<string, (e: { preventDefault(): void }) => void>();
    readonly loaded: string[] = [];
    visible = false;
    hidden = 0;
    readonly webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on(event: string, fn: (e: { preventDefault(): void }) => void) {
      this.events.set(event, fn);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
      this.hidden++;
    }
    focus() {}
  }
  const appEvents = new Map<string, () => void>();
  return {
    windows,
    appEvents,
    app: {
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      whenReady: vi.fn(async () => undefined),
      on: vi.fn((event: string, fn: () => void) => {
        appEvents.set(event, fn);
      }),
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
      getLocale: vi.fn(() => 'en-GB'),
      setLoginItemSettings: vi.fn(),
    },
    BrowserWindow: FakeWindow,
    shell: { openPath: vi.fn(async () => '') },
  };
});
vi.mock('electron', () => electron);

const { startTrayApp, WINDOW_PREFERENCES } = await import('../../../main/app.js');
const electronModule = await import('electron');

class FakeSupervisor extends EventEmitter {
  link: Link = { kind: 'starting' };
  ownsDaemon = true;
  readonly requests: string[] = [];
  stopped: boolean | undefined;
  async start() {}
  async stop(shutdownDaemon: boolean) {
    this.stopped = shutdownDaemon;
  }
  links = 0;
  linkRefused = false;
  async request(command: string, args?: Record<string, unknown>) {
    this.requests.push(args?.hash ? `${command} ${String(args.hash)}` : command);
    if (command === 'login_link') {
      if (this.linkRefused) throw new Error('daemon not answering');
      return { url: `http://127.0.0.1:7420/ui/#login=pbl_${++this.links}&view=${String(args?.hash ?? '').slice(1)}` };
    }
    return {};
  }
  report(link: Link) {
    this.link = link;
    this.emit('link', link);
  }
}

function fakeTray() {
  const t = { icon: '', tooltip: '', menu: [] as MenuItem[], click: undefined as (() => void) | undefined };
  return {
    t,
    tray: {
      setIcon: (i: string) => {
        t.icon = i;
      },
      setToolTip: (s: string) => {
        t.tooltip = s;
      },
      setMenu: (m: MenuItem[]) => {
        t.menu = m;
      },
      onClick: (l: () => void) => {
        t.click = l;
      },
    },
  };
}
const item = (menu: MenuItem[], label: RegExp) => menu.find((m) => m.label !== undefined && label.test(m.label))!;
const status = (over: Record<string, unknown> = {}) =>
  ({
    level: 'ok',
    headline: 'Card payments work',
    advice: '',
    paused: false,
    url: 'http://127.0.0.1:7420',
    pid: 42,
    ...over,
  }) as never;

let supervisor: FakeSupervisor;
let tray: ReturnType<typeof fakeTray>;
beforeEach(() => {
  vi.clearAllMocks();
  electron.windows.length = 0;
  supervisor = new FakeSupervisor();
  tray = fakeTray();
});
const start = () =>
  startTrayApp({
    electron: electronModule as never,
    createTray: () => tray.tray,
    supervisor: supervisor as never,
    logsDir: '/data/logs',
  });

describe('tray app', () => {
  it('leaves at once when another instance runs (which shows its window instead)', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(await start()).toBeUndefined();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(tray.t.icon).toBe('');
    expect(electron.windows).toHaveLength(0);
  });

  it('shows the daemon state in the tray icon and tooltip', async () => {
    await start();
    expect(tray.t).toMatchObject({ icon: 'down', tooltip: 'posbridge is starting…' });
    supervisor.report({ kind: 'connected', status: status() });
    expect(tray.t).toMatchObject({ icon: 'ok', tooltip: 'posbridge: Card payments work' });
    supervisor.report({
      kind: 'connected',
      status: status({ level: 'degraded', headline: 'Blink terminal T650 is offline' }),
    });
    expect(tray.t).toMatchObject({ icon: 'degraded', tooltip: 'posbridge: Blink terminal T650 is offline' });
    supervisor.report({ kind: 'lost', since: 0, restarts: 2 });
    expect(tray.t.icon).toBe('down');
    expect(tray.t.tooltip).toMatch(/not running: card payments are stopped.*tried 2×/);
    expect(item(tray.t.menu, /Pause/).enabled).toBe(false);
  });

  it("speaks the desktop's language: the menu and the tooltip in German, the level said where the headline is English", async () => {
    electron.app.getLocale.mockReturnValue('de-DE');
    try {
      await start();
      expect(tray.t.tooltip).toBe('posbridge startet…');
      supervisor.report({
        kind: 'connected',
        status: status({ level: 'degraded', headline: 'Blink terminal T650 is offline' }),
      });
      expect(tray.t).toMatchObject({
        icon: 'degraded',
        tooltip: 'posbridge: Kartenzahlungen: bitte das Statusfenster ansehen',
      });
      expect(tray.t.menu.filter((m) => m.label).map((m) => m.label)).toEqual([
        'Statusfenster öffnen',
        'Terminal koppeln…',
        'Keine neuen Zahlungen annehmen',
        'Protokollordner öffnen',
        'posbridge bei der Anmeldung starten',
        'posbridge beenden',
      ]);
      supervisor.report({ kind: 'lost', since: 0, restarts: 1 });
      expect(tray.t.tooltip).toBe('posbridge läuft nicht: Kartenzahlungen sind gestoppt. Neustart (1× versucht)…');
    } finally {
      electron.app.getLocale.mockReturnValue('en-GB');
    }
  });

  it('opens one signed-in, locked-down window; closing it hides it; a second launch shows it again', async () => {
    await start();
    item(tray.t.menu, /Open status window/).click!();
    await vi.waitFor(() => expect(electron.windows[0]?.visible).toBe(true));
    const win = electron.windows[0]!;
    expect(win.options.webPreferences).toEqual(WINDOW_PREFERENCES);
    expect(WINDOW_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.loaded).toEqual(['http://127.0.0.1:7420/ui/#login=pbl_1&view=/status&lang=en-GB']);
    const prevent = vi.fn();
    win.events.get('close')!({ preventDefault: prevent });
    expect(prevent).toHaveBeenCalled();
    expect(win.visible).toBe(false);
    electron.appEvents.get('second-instance')!();
    await vi.waitFor(() => expect(win.visible).toBe(true));
    expect(electron.windows).toHaveLength(1);
    // Each opening signs in afresh: a session that ended (12 h, or "Sign out") never locks the window out.
    expect(win.loaded.at(-1)).toBe('http://127.0.0.1:7420/ui/#login=pbl_2&view=/status&lang=en-GB');
    // A daemon that gives no link still shows the window, at the page it can show.
    supervisor.linkRefused = true;
    win.visible = false;
    tray.t.click!();
    await vi.waitFor(() => expect(win.visible).toBe(true));
    expect(win.loaded.at(-1)).toBe('http://127.0.0.1:7420/ui/#/status');
  });

  it('menu: pair a terminal opens the wizard; pause and resume go to the daemon; logs; start at login', async () => {
    await start();
    item(tray.t.menu, /Pair a terminal/).click!();
    await vi.waitFor(() => expect(electron.windows[0]?.loaded[0]).toMatch(/#login=pbl_1&view=\/pair&lang=en-GB$/));
    supervisor.report({ kind: 'connected', status: status() });
    item(tray.t.menu, /Pause taking new payments/).click!();
    supervisor.report({ kind: 'connected', status: status({ paused: true }) });
    item(tray.t.menu, /Resume taking payments/).click!();
    expect(supervisor.requests).toEqual(['login_link #/pair', 'pause', 'resume']);
    item(tray.t.menu, /Open logs folder/).click!();
    expect(electron.shell.openPath).toHaveBeenCalledWith('/data/logs');
    const login = item(tray.t.menu, /Start posbridge when I sign in/);
    expect(login.checked).toBe(false);
    login.click!();
    expect(electron.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(item(tray.t.menu, /Start posbridge when I sign in/).checked).toBe(true);
  });

  it('quit stops a daemon it started, but leaves a service running', async () => {
    await start();
    item(tray.t.menu, /Quit/).click!();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(supervisor.stopped).toBe(true);
    supervisor = new FakeSupervisor();
    supervisor.ownsDaemon = false;
    tray = fakeTray();
    await start();
    item(tray.t.menu, /Quit/).click!();
    await vi.waitFor(() => expect(supervisor.stopped).toBe(false));
  });
});
