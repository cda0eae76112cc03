// The strict parser the metrics test reads GET /v1/metrics with: it must refuse what Prometheus refuses,
// or the integration test would pass on a malformed exposition.
import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../../helpers/prom-text.js';

const good = `# HELP a_total Things done.
# TYPE a_total counter
a_total{kind="x",note="q\\"uote\\\\"} 3
# HELP h_seconds Durations.
# TYPE h_seconds histogram
h_seconds_bucket{le="0.1"} 1
h_seconds_bucket{le="+Inf"} 2
h_seconds_sum 0.35
h_seconds_count 2
# HELP g Unknown yet.
# TYPE g gauge
g NaN
`;

describe('parsePrometheusText', () => {
  it('reads families, labels with escapes, histograms and NaN', () => {
    const m = parsePrometheusText(good);
    expect(sampleValue(m, 'a_total', { kind: 'x' })).toBe(3);
    expect(m.get('a_total')!.samples[0]!.labels.note).toBe('q"uote\\');
    expect(sampleValue(m, 'h_seconds_bucket', { le: '+Inf' })).toBe(2);
    expect(sampleValue(m, 'g')).toBeNaN();
    expect(m.get('h_seconds')!.help).toBe('Durations.');
  });

  it.each([
    ['a sample of no declared family', `${good}other 1\n`],
    ['a value that is not a number', good.replace('a_total{kind="x",note="q\\"uote\\\\"} 3', 'a_total 3x')],
    ['an unquoted label value', good.replace('{kind="x",', '{kind=x,')],
    ['a label given twice', good.replace('note=', 'kind=')],
    ['a bad escape', good.replace('q\\"uote', 'q\\tuote')],
    ['a stray comment', `# something\n${good}`],
    ['a family without help', good.replace('# HELP g Unknown yet.\n', '')],
    ['a TYPE twice', `${good}# TYPE g gauge\n`],
    ['a histogram sample under a counter name', good.replace('a_total{kind', 'a_total_bucket{kind')],
    ['no final newline', good.slice(0, -1)],
    ['an unknown type', good.replace('TYPE g gauge', 'TYPE g thing')],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
