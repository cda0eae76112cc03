// OS conventions for where posbridge keeps its data.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.POSBRIDGE_DATA_DIR) return env.POSBRIDGE_DATA_DIR;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'posbridge');
  const xdg = env.XDG_DATA_HOME;
  return xdg ? join(xdg, 'posbridge') : join(homedir(), '.local', 'share', 'posbridge');
}
