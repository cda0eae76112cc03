// Numbers, money and instants in the chosen language, through the browser's own Intl tables: "12,50 €"
// in German, "€12.50" in English, "₺12,50" in Turkish; every instant with its day and its time zone.
import { intlTag } from './locale.js';

/** Digits after the decimal point in a currency (2 for EUR, 0 for JPY), from Intl's tables. */
export function exponentOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units (what the API speaks) as money in the chosen language; "—" when there is none. */
export function money(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  const e = exponentOf(currency);
  try {
    return new Intl.NumberFormat(intlTag(), { style: 'currency', currency }).format(minor / 10 ** e);
  } catch {
    return `${(minor / 10 ** e).toFixed(e)} ${currency}`; // a code Intl does not know still shows its amount
  }
}

/** A number in the chosen language ("12,50" in German); `fractionDigits` fixes the digits after the point. */
export function number(n: number, fractionDigits?: number): string {
  const digits =
    fractionDigits === undefined
      ? {}
      : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  return new Intl.NumberFormat(intlTag(), digits).format(n);
}

/** An instant with its day and the time zone: "1 Dec 2026, 16:40:12 UTC" / "1. Dez. 2026, 16:40:12 UTC". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlTag(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Today in this PC's calendar, as a date input writes it ("2026-12-01"). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A calendar day ("2026-12-01") as staff read it: "Tuesday, 1 December 2026". */
export function day(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Intl.DateTimeFormat(intlTag(), {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** How long ago, in words of the chosen language ("vor 5 Minuten"); `now` is the window's clock. */
export function ago(iso: string | null | undefined, now: number): string | undefined {
  if (!iso) return undefined;
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const rtf = new Intl.RelativeTimeFormat(intlTag(), { numeric: 'auto' });
  if (s < 60) return rtf.format(-s, 'second');
  if (s < 3600) return rtf.format(-Math.floor(s / 60), 'minute');
  if (s < 86_400) return rtf.format(-Math.floor(s / 3600), 'hour');
  return rtf.format(-Math.floor(s / 86_400), 'day');
}
