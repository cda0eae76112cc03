// Replaces the compiled re-export dist/bridge/core/typebox.js with one bundled file of the same exports
// (see bridge/core/typebox.ts). Usage: node build/bundle-typebox.mjs [outFile]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? `${root}/dist/bridge/core/typebox.js`);

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: `${root}/bridge/core/typebox.ts`,
    outDir: resolve(out, '..'),
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    target: 'node20',
    rollupOptions: { output: { format: 'es', entryFileNames: out.split(/[\\/]/).pop() } },
  },
  ssr: { noExternal: true, target: 'node' },
});
