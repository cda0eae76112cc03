// A small strict parser of the Prometheus text exposition format (0.0.4), for tests: prom-client writes the
// format but has no parser. Every line must be a HELP, a TYPE or a sample of a family declared before it;
// anything else (a stray line, a bad label, a value that is not a number, a family declared twice, a
// sample name that does not belong to its family's type) throws with the line number.
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

function parseValue(text: string, at: string): number {
  // Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case (prom-client writes "Nan").
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`${at}: not a number: ${text}`);
  return Number(text);
}

function parseLabels(text: string, at: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`${at}: label without =`);
    const name = text.slice(i, eq);
    if (!LABEL.test(name)) throw new Error(`${at}: bad label name ${name}`);
    if (name in labels) throw new Error(`${at}: label ${name} twice`);
    if (text[eq + 1] !== '"') throw new Error(`${at}: label ${name} value not quoted`);
    let j = eq + 2;
    let value = '';
    for (;;) {
      const c = text[j];
      if (c === undefined) throw new Error(`${at}: label ${name} value not closed`);
      if (c === '"') break;
      if (c === '\\') {
        const e = text[j + 1];
        if (e === 'n') value += '\n';
        else if (e === '\\' || e === '"') value += e;
        else throw new Error(`${at}: bad escape \\${e ?? ''}`);
        j += 2;
      } else {
        value += c;
        j += 1;
      }
    }
    labels[name] = value;
    i = j + 1;
    if (i < text.length) {
      if (text[i] !== ',') throw new Error(`${at}: expected , after label ${name}`);
      i += 1;
    }
  }
  return labels;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family & { help: string }>();
  const helps = new Map<string, string>();
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, index) => {
    const at = `line ${index + 1}`;
    if (line === '') return;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, what, name, rest] = meta as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new Error(`${at}: bad metric name ${name}`);
      if (what === 'HELP') {
        if (helps.has(name)) throw new Error(`${at}: HELP ${name} twice`);
        helps.set(name, rest);
      } else {
        if (!TYPES.has(rest)) throw new Error(`${at}: unknown type ${rest}`);
        if (families.has(name)) throw new Error(`${at}: TYPE ${name} twice`);
        families.set(name, { name, type: rest as MetricType, help: helps.get(name) ?? '', samples: [] });
      }
      return;
    }
    if (line.startsWith('#')) throw new Error(`${at}: a comment is not expected here: ${line}`);
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    if (!m) throw new Error(`${at}: not a sample: ${line}`);
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string];
    const family = [...families.values()].find((f) => SUFFIXES[f.type].some((s) => `${f.name}${s}` === name));
    if (!family) throw new Error(`${at}: sample ${name} of no declared family`);
    family.samples.push({ name, labels: parseLabels(labelText ?? '', at), value: parseValue(valueText, at) });
  });
  for (const f of families.values()) {
    const help = helps.get(f.name);
    if (help === undefined || help.trim() === '') throw new Error(`${f.name} has no HELP`);
    families.set(f.name, { ...f, help });
  }
  return families;
}

/** The value of the one sample of `name` whose labels include `labels`; throws if none or several match. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const matches = [...families.values()]
    .flatMap((f) => f.samples)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (matches.length > 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${matches.length} samples match`);
  return matches[0]?.value;
}
