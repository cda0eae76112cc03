// Which `date=YYYY-MM-DD` pages of Blink's request log and EOD report can hold a request.
// The pages (requestsdata-data, eod-reports-data) take a calendar date but do not say in which time
// zone Blink files a request. Blink is a UK acquirer and its examples carry +01:00, so a request made
// within an hour of UTC midnight may sit on the neighbouring day; a request that waited in the lane
// goes out a little after the POS asked. Within NEAR_MIDNIGHT_MS of midnight we read both days.

const DAY_MS = 86_400_000;
export const NEAR_MIDNIGHT_MS = 3 * 3_600_000;

/** The UTC calendar date of an instant, as Blink's `date` parameter writes it. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day of `iso` first, then the neighbouring day when `iso` is near midnight. */
export function candidateDays(iso: string): string[] {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return [];
  const day = dayOf(t);
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (t - start < NEAR_MIDNIGHT_MS) return [day, dayOf(start - 1)];
  if (start + DAY_MS - t <= NEAR_MIDNIGHT_MS) return [day, dayOf(start + DAY_MS)];
  return [day];
}
