// How long `posbridge start --sandbox` takes until GET /v1/health answers (the README promises < 5 s).
import { bench, describe } from 'vitest';
import { http } from '../helpers/http.js';
import { startChild } from '../helpers/child.js';
import { tempDir } from '../helpers/tmp.js';

describe('daemon start-up', () => {
  bench(
    'start --sandbox → health 200',
    async () => {
      const tmp = tempDir();
      const c = await startChild(['--sandbox', '--port', '0', '--data-dir', tmp.dir]);
      const r = await http('GET', `${c.url}/v1/health`);
      if (r.status !== 200) throw new Error(`health answered ${r.status}`);
      c.proc.kill('SIGTERM');
      await c.exited;
      tmp.cleanup();
    },
    { iterations: 5, warmupIterations: 1, time: 0 },
  );
});
