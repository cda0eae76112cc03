// The language switch in the window's bar: the three languages, each named in itself.
import { LOCALE_NAMES, LOCALES, setLocale, useLocale, type Locale } from './locale.js';
import { messages } from './catalogue.js';

const words = messages({
  en: { label: 'Language' },
  de: { label: 'Sprache' },
  tr: { label: 'Dil' },
});

export function LanguageSwitch() {
  const current = useLocale();
  return (
    <label class="language">
      <span class="sr-only">{words.label}</span>
      <select
        data-language={current}
        aria-label={words.label}
        value={current}
        onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
