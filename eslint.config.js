// ESLint: the folder boundaries of ARCHITECTURE.md, enforced rather than hoped for.
import tseslint from 'typescript-eslint';

const NATIVE_MODULES = [
  { name: 'better-sqlite3', message: 'Only native/ opens SQLite; use bridge/store.' },
  { name: 'serialport', message: 'Only native/ opens serial ports.' },
  { name: 'electron', message: 'The daemon never imports electron; only main/ does.' },
  { name: 'node-ipc', message: 'Only native/control-channel.ts speaks node-ipc.' },
];
const NATIVE_PATTERNS = [{ group: ['@serialport/*'], message: 'Only native/ opens serial ports.' }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['bridge/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NATIVE_MODULES, patterns: NATIVE_PATTERNS }] },
  },
  {
    // core/ is pure: no I/O, and nothing of the project's but other core files.
    files: ['bridge/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NATIVE_MODULES, 'undici', 'fastify', 'pino', 'node:fs', 'node:net', 'node:http', 'node:child_process'],
        patterns: [...NATIVE_PATTERNS, { group: ['../*', '../../*'], message: 'bridge/core imports only other core files.' }],
      }],
    },
  },
  {
    // Connectors are pure: they describe requests; the engine's executor does the I/O.
    files: ['bridge/providers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...NATIVE_MODULES, 'undici', 'node:http', 'node:https', 'node:net', 'node:fs'],
        patterns: [...NATIVE_PATTERNS, { group: ['../../engine/*', '../../store/*', '../../api/*'], message: 'Connectors do not reach into the engine, store or API.' }],
      }],
    },
  },
  {
    // test/unit is fast and in-process. A test that spawns processes, starts the daemon or a sandbox, or
    // opens sockets or serial ports belongs in test/integration.
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['node:child_process', 'child_process', 'node:net', 'node:http', 'node:https', 'node:dgram', 'undici', 'serialport', 'node-ipc'],
        patterns: [{
          group: [
            '**/helpers/child*', '**/helpers/daemon*', '**/helpers/crash-rig*', '**/helpers/http*', '**/helpers/raw-http*', '**/helpers/link*',
            '**/helpers/socat*', '**/helpers/zvt-ecr*', '**/helpers/tools*', '**/main/daemon-child*', '**/native/control-channel*',
            '**/native/serial-port*', '**/native/zvt-transport*', '**/sandbox/*/server*', '**/bridge/daemon*', '**/api/listen*',
          ],
          message: 'test/unit is fast and in-process: this test belongs in test/integration.',
        }],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NATIVE_MODULES.filter((m) => m.name !== 'electron'), patterns: NATIVE_PATTERNS }] },
  },
  {
    // The window talks to the daemon over HTTP only.
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NATIVE_MODULES,
        patterns: [...NATIVE_PATTERNS, { group: ['node:*', '../bridge/*', '../../bridge/*', '../native/*', '../main/*'], message: 'renderer/ talks to the daemon over HTTP only.' }],
      }],
    },
  },
  {
    files: ['bridge/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
