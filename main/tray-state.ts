// What the tray icon shows: one of three states and a tooltip with the one-line status. Pure.
import { TRAY_WORDS, type TrayLanguage } from './tray-words.js';

export type TrayIcon = 'ok' | 'degraded' | 'down';

export interface DaemonStatus {
  readonly level: TrayIcon;
  readonly headline: string;
  readonly advice: string;
  readonly paused: boolean;
  readonly url: string;
  readonly pid: number;
}

export type Link =
  | { readonly kind: 'starting' }
  | { readonly kind: 'connected'; readonly status: DaemonStatus }
  | { readonly kind: 'lost'; readonly since: number; readonly restarts: number };

export interface TrayState {
  readonly icon: TrayIcon;
  readonly tooltip: string;
  readonly paused: boolean | undefined;
}

/** Windows cuts tray tooltips at 127 characters. */
const MAX_TOOLTIP = 127;
const clip = (s: string) => (s.length > MAX_TOOLTIP ? `${s.slice(0, MAX_TOOLTIP - 1)}…` : s);

export function trayState(link: Link, lang: TrayLanguage = 'en'): TrayState {
  const w = TRAY_WORDS[lang];
  switch (link.kind) {
    case 'starting':
      return { icon: 'down', tooltip: w.starting, paused: undefined };
    case 'lost':
      return {
        icon: 'down',
        tooltip: clip(w.notRunning(link.restarts)),
        paused: undefined,
      };
    case 'connected':
      return {
        icon: link.status.level,
        // The daemon's headline is English: another language says the level and leaves the rest to the window.
        tooltip: clip(`posbridge: ${lang === 'en' ? link.status.headline : w.level[link.status.level]}`),
        paused: link.status.paused,
      };
  }
}
