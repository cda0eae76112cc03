// The staff's language: one of the three the window is written in, chosen by the switch (kept in this
// browser's storage) or else taken from the browser's own list of languages, English when none fits.
import { useEffect, useState } from 'preact/hooks';

export const LOCALES = ['en', 'de', 'tr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', tr: 'Türkçe' };

const STORAGE_KEY = 'posbridge.locale';

const isLocale = (s: unknown): s is Locale => typeof s === 'string' && (LOCALES as readonly string[]).includes(s);

/** The first of `wanted` (BCP 47 tags such as "de-AT") whose language the window speaks. */
export function pickLocale(wanted: readonly string[]): Locale {
  for (const tag of wanted) {
    const lang = tag.toLowerCase().split('-')[0];
    if (isLocale(lang)) return lang;
  }
  return 'en';
}

function stored(): Locale | undefined {
  try {
    const s = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(s) ? s : undefined;
  } catch {
    return undefined; // storage switched off: the browser's languages still decide
  }
}

function fromBrowser(): Locale {
  const nav = globalThis.navigator;
  return pickLocale(nav ? (nav.languages?.length ? nav.languages : [nav.language]) : []);
}

let current: Locale = stored() ?? fromBrowser();
const listeners = new Set<(l: Locale) => void>();

export const locale = (): Locale => current;

/**
 * The tag Intl formats with: the browser's own variant of the chosen language where it has one (en-GB
 * writes "1 Dec 2026, 16:40", en-US "Dec 1, 2026, 4:40 PM"; de-AT, de-CH), else the language itself.
 */
export function intlTag(): string {
  const nav = globalThis.navigator;
  const tags = nav ? (nav.languages?.length ? nav.languages : [nav.language]) : [];
  return tags.find((t) => typeof t === 'string' && t.toLowerCase().split('-')[0] === current) ?? current;
}

export function setLocale(l: Locale): void {
  current = l;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    // not kept across windows, but this window still switches
  }
  if (globalThis.document) document.documentElement.lang = l;
  for (const f of listeners) f(l);
}

/**
 * The desktop's own language, passed by the tray app (Electron's navigator.languages does not follow the
 * system's): it decides while nothing is chosen with the switch, and is not stored (it is no choice).
 */
export function preferSystemLanguage(tag: string): void {
  if (stored()) return;
  const nav = globalThis.navigator;
  const next = pickLocale([tag, ...(nav?.languages ?? [])]);
  if (next === current) return;
  current = next;
  if (globalThis.document) document.documentElement.lang = next;
  for (const f of listeners) f(next);
}

/** The language now; a component that calls it renders again when the switch changes it. */
export function useLocale(): Locale {
  const [l, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return l;
}
