// What the window reads from the daemon to speak for itself: GET /v1/about for the Help page (version,
// data folder, log file), and the status problems as stable codes with their facts, so the window can
// say them in German or Turkish instead of showing the daemon's English.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../helpers/http.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(async () => d.stop());

describe('the facts behind the window', () => {
  it('GET /v1/about gives the version and the data folder, and only to a signed-in caller', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const about = await d.call('GET', '/v1/about');
    expect(about.status).toBe(200);
    expect(about.body).toEqual({ version: pkg.version, data_dir: d.dataDir, log_file: null });
    expect((await http('GET', `${d.url}/v1/about`)).status).toBe(401);
  });

  it('each status problem carries its code and the facts its words are made of', async () => {
    await d.call('POST', '/v1/pause');
    try {
      const status = (await d.call('GET', '/v1/status')).body as {
        problems: { code: string; params: Record<string, unknown>; text: string }[];
      };
      const paused = status.problems.find((p) => p.code === 'paused');
      expect(paused).toMatchObject({ params: {}, text: 'Paused: posbridge takes no new card payments' });
    } finally {
      await d.call('POST', '/v1/resume');
    }
  });
});
