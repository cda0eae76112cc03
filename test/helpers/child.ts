// Runs the real `posbridge` command as a child process (built dist/, as a POS PC would run it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bin/posbridge.js of the package this file belongs to, also when it runs compiled (the bench harness). */
function findBin(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const bin = join(dir, 'bin', 'posbridge.js');
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) throw new Error('bin/posbridge.js not found above test/helpers');
  }
}

export const BIN = findBin();

export interface DaemonChild {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function writeConfig(dir: string, config: unknown): string {
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const HTTP_LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

export interface ChildOptions {
  /** Run under `ulimit -n N` (soft and hard, so Node cannot raise it), as on a PC with a low open-file limit. */
  readonly fdLimit?: number;
  /** Flags for node itself, before the script (`--cpu-prof`, which NODE_OPTIONS does not take). */
  readonly nodeArgs?: readonly string[];
}

/** Starts `posbridge start …` and resolves once it prints the address it listens on. */
export function startChild(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: ChildOptions = {},
): Promise<DaemonChild> {
  return startCommand(['start', ...args], env, HTTP_LISTENING, options);
}

/** Starts any `posbridge …` command that serves, and resolves with the address it prints (`listening` group 1). */
export function startCommand(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  listening = HTTP_LISTENING,
  options: ChildOptions = {},
): Promise<DaemonChild> {
  const argv = [...(options.nodeArgs ?? []), BIN, ...args];
  // `exec` replaces the shell, so the child's pid and signals are node's own.
  const [command, commandArgs] =
    options.fdLimit === undefined
      ? [process.execPath, argv]
      : ['bash', ['-c', `ulimit -n ${options.fdLimit} && exec "$0" "$@"`, process.execPath, ...argv]];
  const proc = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`posbridge ${args[0]} did not start within 15 s:\n${out}`)),
      15_000,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = listening.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ proc, url: m[1], exited, output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`posbridge ${args[0]} exited with ${code} before listening:\n${out}`));
    });
  });
}
