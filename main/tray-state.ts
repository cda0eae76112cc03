// What the tray icon shows: one of three states and a tooltip with the one-line status. Pure.
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

export function trayState(link: Link): TrayState {
  switch (link.kind) {
    case 'starting':
      return { icon: 'down', tooltip: 'posbridge is starting…', paused: undefined };
    case 'lost':
      return {
        icon: 'down',
        tooltip: clip(
          `posbridge is not running: card payments are stopped. Restarting it${link.restarts > 0 ? ` (tried ${link.restarts}×)` : ''}…`,
        ),
        paused: undefined,
      };
    case 'connected':
      return {
        icon: link.status.level,
        tooltip: clip(`posbridge: ${link.status.headline}`),
        paused: link.status.paused,
      };
  }
}
