// The tray menu, as a template Electron's Menu.buildFromTemplate takes. Pure: the actions are passed in.
import type { TrayState } from './tray-state.js';
import { TRAY_WORDS, type TrayWords } from './tray-words.js';

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

export function menuTemplate(
  state: TrayState,
  openAtLogin: boolean,
  a: MenuActions,
  w: TrayWords = TRAY_WORDS.en,
): MenuItem[] {
  const reachable = state.paused !== undefined;
  return [
    { label: w.openWindow, click: a.openWindow },
    { label: w.pairTerminal, click: a.pairTerminal },
    { type: 'separator' },
    state.paused
      ? { label: w.resume, enabled: reachable, click: () => a.setPaused(false) }
      : { label: w.pause, enabled: reachable, click: () => a.setPaused(true) },
    { label: w.openLogs, click: a.openLogs },
    { type: 'separator' },
    {
      label: w.openAtLogin,
      type: 'checkbox',
      checked: openAtLogin,
      click: () => a.setOpenAtLogin(!openAtLogin),
    },
    { label: w.quit, click: a.quit },
  ];
}
