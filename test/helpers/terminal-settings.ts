// A terminal's settings as the engine hands them to a connector: stored as JSON, then read back through
// the connector's own parse (defaults filled). Connector tests build their contexts with it, so they
// take the same path as the daemon and hold the typed value the connector declares.
import type { TerminalSettingsParser } from '../../bridge/core/terminal-settings.js';

export function storedSettings<S>(
  connector: { readonly terminalSettings: TerminalSettingsParser<S> },
  settings: object,
  terminalId = 'test-terminal',
): Readonly<S> {
  const parsed = connector.terminalSettings.check(terminalId, JSON.stringify(settings));
  if (!parsed.ok) throw parsed.error;
  return parsed.settings;
}
