// ISO 8601 durations of days, hours, minutes and seconds (P1D, PT24H, PT90M, P2DT12H), to milliseconds.
const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** 100 years. Longer is no duration a hold could have, and "now + P99999999D" is past the last
 *  instant a Date can hold (year 275760): toISOString throws, which answered 500. */
export const MAX_DURATION_MS = 36_500 * 86_400_000;

export function parseDurationMs(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
  const ms = ((d * 24 + h) * 60 + min) * 60_000 + s * 1000;
  return ms <= MAX_DURATION_MS ? ms : undefined;
}
