// The README's Monitoring section is configuration people copy: its YAML must parse, its rules must be
// Prometheus rule groups, and its table must name exactly the metrics the daemon serves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics } from '../../bridge/api/metrics/registry.js';
import { Breakers } from '../../bridge/engine/breakers.js';
import { openStore } from '../../bridge/store/store.js';
import { tempDir } from '../helpers/tmp.js';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## Monitoring\n'), readme.indexOf('\n## Command line\n'));
const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('README: Monitoring', () => {
  it('has a scrape config with the metrics path, a bearer key and an interval', () => {
    const scrape = yamlBlocks.find((b) => 'scrape_configs' in b) as { scrape_configs: Record<string, unknown>[] };
    expect(scrape.scrape_configs[0]).toMatchObject({
      metrics_path: '/v1/metrics',
      scrape_interval: expect.stringMatching(/^\d+s$/),
      authorization: { type: 'Bearer' },
    });
  });

  it('has alert rules for each case the issue names, each on a metric the daemon serves', () => {
    const rules = (
      yamlBlocks.find((b) => 'groups' in b) as { groups: { rules: Record<string, string>[] }[] }
    ).groups.flatMap((g) => g.rules);
    for (const r of rules) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['alert', 'expr', 'annotations']));
      expect(r.expr).toMatch(/^posbridge_\w+ (>|>=|==) \d+$/);
    }
    const exprs = new Map(rules.map((r) => [r.expr, r]));
    expect(exprs.get('posbridge_unresolved_transactions > 0')).toBeDefined();
    expect(exprs.get('posbridge_provider_breaker_state >= 1')).toMatchObject({ for: '5m' });
    expect(exprs.get('posbridge_queue_oldest_age_seconds > 900')).toBeDefined();
    expect(exprs.get('posbridge_holds_expiring_24h > 0')).toBeDefined();
  });

  it('lists exactly the metrics the daemon serves', async () => {
    const store = openStore(join(tmp.dir, 'r.sqlite'), { now: () => Date.now() }, {
      id: () => 'x',
      token: () => 'y',
    } as never);
    const breakers = new Breakers(store.clock, { threshold: 3, backoff: { baseMs: 1000, maxMs: 1000 } });
    const metrics = createMetrics({ store, breakers, version: 'test', startedAt: 0 });
    const served = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name).sort();
    metrics.close();
    store.close();
    const listed = [...section.matchAll(/^\| `(posbridge_\w+)` \|/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(served);
    const used = yamlBlocks.flatMap((b) => JSON.stringify(b).match(/posbridge_[a-z0-9_]+/g) ?? []);
    for (const name of used) expect(served).toContain(name);
  });
});
