// The Windows installer's configuration, checked here without network: electron-builder's own schema
// validation of electron-builder.yml, and a real `electron-builder --win --dir` against a stand-in
// Electron folder (the Electron binary cannot be downloaded on these machines), whose app.asar must hold
// exactly what ships: the compiled daemon, tray and window, the command line, and production modules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../native/paths.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmp = tempDir('posbridge-installer-');
afterAll(() => tmp.cleanup());

describe('installer configuration', () => {
  it("passes electron-builder's validation, and the validation does reject a wrong option", async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({
      appId: 'com.posbridge.tray',
      nsis: { perMachine: true, oneClick: false },
      win: { target: [{ target: 'nsis', arch: ['x64'] }] },
    });
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/@serialport/bindings-cpp/**']),
    );
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: true } as never }, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
  });

  it('packages the app (--dir) with the daemon, tray and window, native modules unpacked, nothing of the sources', () => {
    const electronDist = join(tmp.dir, 'electron-stand-in');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    writeFileSync(
      join(electronDist, 'electron.exe'),
      'stand-in: the real Electron binary is fetched on the build machine',
    );
    writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');
    const out = join(tmp.dir, 'release');
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        '--win',
        '--x64',
        '--dir',
        '--projectDir',
        ROOT,
        `-c.electronDist=${electronDist}`,
        '-c.electronVersion=45.4.1',
        `-c.directories.output=${out}`,
        // No network here: no rebuild against Electron's headers, no resource editing of a stand-in exe.
        '-c.npmRebuild=false',
        '-c.win.signAndEditExecutable=false',
        '-c.disableAsarIntegrity=true',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 240_000 },
    );
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const app = join(out, 'win-unpacked');
    expect(existsSync(join(app, 'posbridge.exe'))).toBe(true);
    const files = listPackage(join(app, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    for (const f of [
      '/package.json',
      '/bin/posbridge.js',
      '/dist/bridge/cli.js',
      '/dist/bridge/daemon.js',
      '/dist/native/control-channel.js',
      '/dist/main/index.js',
      '/dist/renderer/index.html',
      '/main/icons/tray-ok.png',
      '/node_modules/fastify/package.json',
      '/node_modules/pino/package.json',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /\.(ts|map|sqlite)$/.test(f) && !f.startsWith('/node_modules/'))).toEqual([]);
    expect(files.filter((f) => /^\/(test|renderer\/src|bridge|main\/[a-z-]+\.ts)/.test(f))).toEqual([]);
    expect(
      files.some((f) => f.startsWith('/node_modules/vitest/') || f.startsWith('/node_modules/electron-builder/')),
    ).toBe(false);
    // The control channel is node:net now: node-ipc (and its event bus) no longer ships.
    expect(files.some((f) => f.startsWith('/node_modules/node-ipc/'))).toBe(false);
    const unpacked = join(app, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(readdirSync(unpacked)).toEqual(expect.arrayContaining(['better-sqlite3', '@serialport']));
    expect(existsSync(join(unpacked, 'better-sqlite3', 'package.json'))).toBe(true);
  }, 300_000);
});

/** The icacls command of the installer script, split into its arguments (double quotes group). */
function icaclsArgs(script: string): string[] {
  const line = script.split(/\r?\n/).find((l) => /^\s*nsExec::ExecToLog\s+'.*icacls\.exe/.test(l));
  if (!line) return [];
  const command = /'(.*)'/.exec(line)![1]!;
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe("installer: the data folder's ACL (Windows)", () => {
  const script = readFileSync(join(ROOT, 'build', 'installer.nsh'), 'utf8');

  it('is set by the include that electron-builder.yml names, on the folder the daemon uses', async () => {
    const config = await getConfig(ROOT, null, null);
    expect(config.nsis?.include).toBe('build/installer.nsh');
    expect(script).toMatch(/^!macro customInstall$/m);
    // The daemon's folder on Windows is %ProgramData%\posbridge: so is the installer's.
    expect(defaultDataDir({ ProgramData: 'PD' }, 'win32')).toMatch(/^PD[\\/]posbridge$/);
    expect(script).toMatch(/^\s*ReadEnvStr \$posbridgeData PROGRAMDATA$/m);
    expect(script).toMatch(/^\s*StrCpy \$posbridgeData "\$posbridgeData\\posbridge"$/m);
  });

  it('removes inherited permissions and grants SYSTEM, Administrators and the installing user, nobody else', () => {
    const args = icaclsArgs(script);
    expect(args.slice(0, 2)).toEqual(['$SYSDIR\\icacls.exe', '$posbridgeData']);
    expect(args).toContain('/inheritance:r');
    const grants = args.slice(args.indexOf('/grant:r') + 1);
    expect(args.indexOf('/grant:r')).toBeGreaterThan(args.indexOf('/inheritance:r'));
    expect(grants).toEqual([
      '*S-1-5-18:(OI)(CI)F',
      '*S-1-5-32-544:(OI)(CI)F',
      '$posbridgeDomain\\$posbridgeUser:(OI)(CI)F',
    ]);
    expect(args.filter((a) => a.startsWith('/'))).toEqual(['/inheritance:r', '/grant:r']);
    // A failure stops the installation instead of leaving the key readable.
    expect(script).toMatch(/StrCmp \$posbridgeAcl "0" posbridgeAclDone\s+MessageBox[^\n]+\s+Abort /);
  });
});

describeWithTool('makensis', 'installer: the include script', () => {
  it('compiles with NSIS (makensis, warnings as errors)', () => {
    const wrapper = join(tmp.dir, 'check.nsi');
    writeFileSync(
      wrapper,
      [
        'Unicode true',
        `!include "${join(ROOT, 'build', 'installer.nsh')}"`,
        `OutFile "${join(tmp.dir, 'check.exe')}"`,
        'RequestExecutionLevel user',
        'Section',
        '  !insertmacro customInstall',
        'SectionEnd',
        '',
      ].join('\n'),
    );
    const r = spawnSync('makensis', ['-V2', '-WX', wrapper], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
