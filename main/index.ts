// Entry point of the tray app (Electron's main process).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { connectToDaemon } from '../native/control-client.js';
import { defaultDataDir } from '../native/paths.js';
import { startTrayApp } from './app.js';
import { spawnDaemon } from './daemon-child.js';
import { createElectronTray } from './electron-tray.js';
import { Supervisor } from './supervisor.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const dataDir = defaultDataDir();
const supervisor = new Supervisor({
  // The daemon's token is read from its data directory at each attempt (it changes with every start).
  connect: () => connectToDaemon(dataDir),
  spawnDaemon: () => spawnDaemon({ execPath: process.execPath, binPath: join(root, 'bin', 'posbridge.js'), dataDir }),
  pollMs: 5_000,
  startWaitMs: 20_000,
  restartDelayMs: 2_000,
});

void startTrayApp({
  electron,
  createTray: () => createElectronTray(electron, join(root, 'main', 'icons')),
  supervisor,
  logsDir: join(dataDir, 'logs'),
});
