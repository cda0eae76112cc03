// `--sandbox`: starts the provider sandboxes in-process on free loopback ports and points a config
// at them, with one terminal per sandbox. Their base URLs go to <data-dir>/sandbox.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox } from './payroc/server.js';

export interface RunningSandboxes {
  readonly urls: Record<string, string>;
  readonly config: Config;
  close(): Promise<void>;
}

export const SANDBOX_TERMINALS = { payroc: 'sandbox-payroc' } as const;

export async function startSandboxes(base: Config, dataDir: string): Promise<RunningSandboxes> {
  const payroc = await startPayrocSandbox(0);
  const urls = { payroc: payroc.url };
  const config: Config = parseConfig({
    ...base,
    providers: {
      ...base.providers,
      payroc: {
        api_url: `${payroc.url}/v1`,
        identity_url: `${payroc.url}/authorize`,
        api_key: SANDBOX_PAYROC_API_KEY,
        timeout_ms: base.providers.payroc?.timeout_ms ?? 20_000,
        connect_timeout_ms: base.providers.payroc?.connect_timeout_ms ?? 5_000,
      },
    },
    terminals: [
      ...base.terminals.filter((t) => t.id !== SANDBOX_TERMINALS.payroc),
      { id: SANDBOX_TERMINALS.payroc, name: 'Payroc sandbox', provider: 'payroc', processing_terminal_id: '1234001', channel: 'moto' },
    ],
  }, 'sandbox configuration');
  writeFileSync(join(dataDir, 'sandbox.json'), `${JSON.stringify(urls, null, 2)}\n`);
  return { urls, config, close: () => payroc.close() };
}
