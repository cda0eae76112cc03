// ESLint: the folder boundaries of ARCHITECTURE.md, enforced rather than hoped for.
import tseslint from 'typescript-eslint';

const NATIVE_MODULES = [
  { name: 'better-sqlite3', message: 'Only native/ opens SQLite; use bridge/store.' },
  { name: 'serialport', message: 'Only native/ opens serial ports.' },
  { name: 'electron', message: 'The daemon never imports electron; only main/ does.' },
];
const NATIVE_PATTERNS = [{ group: ['@serialport/*'], message: 'Only native/ opens serial ports.' }];
// Only the daemon's wiring (bridge/wiring/) knows every provider; each provider's folder knows itself.
const PROVIDER_FOLDERS = {
  group: ['**/providers/*/*'],
  message: 'Only bridge/wiring/ builds providers; elsewhere use the PaymentChannel of core/channel.ts.',
};
// Only terminals/zvt/ knows ZVT (the wiring builds its channel, native/ opens its ports).
const ZVT_FOLDER = {
  group: ['**/terminals/zvt/*'],
  message: 'Only bridge/terminals/zvt/ knows ZVT; elsewhere use the PaymentChannel of core/channel.ts.',
};
// One writer of money state: these store methods change transactions.state, operations.state or
// operations.card_blob, and only bridge/engine/state-writer.ts calls them.
const STATE_WRITES = {
  selector:
    'CallExpression[callee.property.name=/^(transition|finish|failUnsent|settleByPerson|wipeCard|requeue|claim|takeOver)$/][callee.object.property.name=/^(operations|transactions)$/]',
  message:
    'Only bridge/engine/state-writer.ts changes transaction or operation state or card data: express the change as a StateWriter call.',
};
const ZVT_WORDS = [
  {
    selector: 'Literal[value=/zvt/i]',
    message: 'The engine drives payment channels; only bridge/terminals/zvt/ knows ZVT.',
  },
  {
    selector: 'TemplateElement[value.raw=/zvt/i]',
    message: 'The engine drives payment channels; only bridge/terminals/zvt/ knows ZVT.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['bridge/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NATIVE_MODULES, patterns: [...NATIVE_PATTERNS, PROVIDER_FOLDERS, ZVT_FOLDER] },
      ],
      'no-restricted-syntax': ['error', STATE_WRITES],
    },
  },
  {
    // The rooms that may know every provider, or ZVT: the wiring, the settings table, the sandboxes.
    files: ['bridge/wiring/**/*.ts', 'bridge/providers/settings.ts', 'bridge/sandbox/**/*.ts', 'bridge/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NATIVE_MODULES, patterns: NATIVE_PATTERNS }] },
  },
  {
    files: ['bridge/terminals/zvt/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: NATIVE_MODULES, patterns: [...NATIVE_PATTERNS, PROVIDER_FOLDERS] }],
    },
  },
  {
    // The state writer and the repositories it calls.
    files: ['bridge/engine/state-writer.ts', 'bridge/store/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The engine runs lanes over payment channels: it knows no provider, no terminal kind, no API.
    files: ['bridge/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NATIVE_MODULES,
          patterns: [
            ...NATIVE_PATTERNS,
            PROVIDER_FOLDERS,
            ZVT_FOLDER,
            {
              group: [
                '../terminals/*',
                '../providers/*',
                '../wiring/*',
                '../sandbox/*',
                '../api/*',
                '../daemon.js',
                '../cli.js',
              ],
              message: 'The engine depends on core/ and store/ only; the wiring hands it its channels.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...ZVT_WORDS, STATE_WRITES],
    },
  },
  {
    files: ['bridge/engine/state-writer.ts'],
    rules: { 'no-restricted-syntax': ['error', ...ZVT_WORDS] },
  },
  {
    // core/ is pure: no I/O, and nothing of the project's but other core files.
    files: ['bridge/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NATIVE_MODULES,
            'undici',
            'fastify',
            'pino',
            'node:fs',
            'node:net',
            'node:http',
            'node:child_process',
          ],
          patterns: [
            ...NATIVE_PATTERNS,
            { group: ['../*', '../../*'], message: 'bridge/core imports only other core files.' },
          ],
        },
      ],
    },
  },
  {
    // Connectors are pure: they describe requests; the engine's executor does the I/O.
    files: ['bridge/providers/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...NATIVE_MODULES, 'undici', 'node:http', 'node:https', 'node:net', 'node:fs'],
          patterns: [
            ...NATIVE_PATTERNS,
            ZVT_FOLDER,
            {
              group: ['../../engine/*', '../../store/*', '../../api/*', '../../wiring/*', '../../terminals/*'],
              message: 'Connectors do not reach into the engine, store, API, wiring or terminals.',
            },
          ],
        },
      ],
    },
  },
  {
    // test/unit is fast and in-process. A test that spawns processes, starts the daemon or a sandbox, or
    // opens sockets or serial ports belongs in test/integration.
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'node:child_process',
            'child_process',
            'node:net',
            'node:http',
            'node:https',
            'node:dgram',
            'undici',
            'serialport',
            'node-ipc',
          ],
          patterns: [
            {
              group: [
                '**/helpers/child*',
                '**/helpers/daemon*',
                '**/helpers/crash-rig*',
                '**/helpers/http*',
                '**/helpers/raw-http*',
                '**/helpers/link*',
                '**/helpers/socat*',
                '**/helpers/zvt-ecr*',
                '**/helpers/tools*',
                '**/main/daemon-child*',
                '**/native/control-channel*',
                '**/native/serial-port*',
                '**/native/zvt-transport*',
                '**/sandbox/*/server*',
                '**/bridge/daemon*',
                '**/api/listen*',
              ],
              message: 'test/unit is fast and in-process: this test belongs in test/integration.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NATIVE_MODULES.filter((m) => m.name !== 'electron'), patterns: NATIVE_PATTERNS },
      ],
    },
  },
  {
    // The window talks to the daemon over HTTP only.
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NATIVE_MODULES,
          patterns: [
            ...NATIVE_PATTERNS,
            {
              group: ['node:*', '../bridge/*', '../../bridge/*', '../native/*', '../main/*'],
              message: 'renderer/ talks to the daemon over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bridge/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
