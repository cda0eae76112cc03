// The tray menu, as a template Electron's Menu.buildFromTemplate takes. Pure: the actions are passed in.
import type { TrayState } from './tray-state.js';

export interface MenuActions {
  openWindow(): void;
  pairTerminal(): void;
  setPaused(paused: boolean): void;
  openLogs(): void;
  setOpenAtLogin(on: boolean): void;
  quit(): void;
}

export interface MenuItem {
  readonly label?: string;
  readonly type?: 'separator' | 'checkbox' | 'normal';
  readonly enabled?: boolean;
  readonly checked?: boolean;
  readonly click?: () => void;
}

export function menuTemplate(state: TrayState, openAtLogin: boolean, a: MenuActions): MenuItem[] {
  const reachable = state.paused !== undefined;
  return [
    { label: 'Open status window', click: a.openWindow },
    { label: 'Pair a terminal…', click: a.pairTerminal },
    { type: 'separator' },
    state.paused
      ? { label: 'Resume taking payments', enabled: reachable, click: () => a.setPaused(false) }
      : { label: 'Pause taking new payments', enabled: reachable, click: () => a.setPaused(true) },
    { label: 'Open logs folder', click: a.openLogs },
    { type: 'separator' },
    {
      label: 'Start posbridge when I sign in',
      type: 'checkbox',
      checked: openAtLogin,
      click: () => a.setOpenAtLogin(!openAtLogin),
    },
    { label: 'Quit posbridge', click: a.quit },
  ];
}
