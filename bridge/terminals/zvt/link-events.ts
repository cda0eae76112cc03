// The ZVT driver as the daemon runs it: the transports the wiring hands it (native/ opens real ports), a
// status poll of idle terminals, and every change of a terminal's link (offline, back online, found under
// another port name) as an event.
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../logging.js';
import type { Store } from '../../store/store.js';
import { zvtSettings, type ZvtProviderSettings } from './config.js';
import { ZvtDriver, type OpenTransport } from './driver.js';

/** Polls every idle ZVT terminal's status; returns the function that stops it. */
export function pollZvtTerminals(store: Store, driver: ZvtDriver, everyMs: number): () => void {
  const timer = setInterval(() => {
    for (const t of store.terminals.list()) {
      if (!t.enabled || t.provider !== 'zvt') continue;
      const s = zvtSettings(JSON.parse(t.settings_json) as Record<string, unknown>);
      void driver.poll(t.id, s.transport, s.password);
    }
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

export function zvtDriver(
  store: Store,
  settings: ZvtProviderSettings,
  clock: Clock,
  log: Logger,
  open: OpenTransport,
): ZvtDriver {
  return new ZvtDriver(open, settings, clock, (terminalId, state) => {
    const type = state.online ? 'terminal.online' : 'terminal.offline';
    log.warn({ terminal: terminalId, error: state.lastError, path: state.path }, type);
    try {
      store.write((w) => {
        w.emit({ type, terminalId, data: { error: state.lastError, ...(state.path ? { path: state.path } : {}) } });
      });
    } catch (err) {
      log.error({ err, terminal: terminalId }, 'could not record a terminal link change');
    }
  });
}
