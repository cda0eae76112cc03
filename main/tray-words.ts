// The tray's words in the desktop's language (Electron's app.getLocale()): English, German or Turkish, as
// the status window speaks. Pure. The daemon's one-line status is English, so in German and Turkish the
// tooltip says the level in those words and leaves the detail to the window, which composes it itself.
import type { TrayIcon } from './tray-state.js';

export type TrayLanguage = 'en' | 'de' | 'tr';

export interface TrayWords {
  readonly openWindow: string;
  readonly pairTerminal: string;
  readonly resume: string;
  readonly pause: string;
  readonly openLogs: string;
  readonly openAtLogin: string;
  readonly quit: string;
  readonly starting: string;
  readonly notRunning: (restarts: number) => string;
  /** The tooltip for a running daemon in a language its headline is not written in. */
  readonly level: Readonly<Record<TrayIcon, string>>;
}

/** "de-AT" → de; a language the window does not speak → English. */
export function trayLanguage(tag: string): TrayLanguage {
  const lang = tag.toLowerCase().split(/[-_]/)[0];
  return lang === 'de' || lang === 'tr' ? lang : 'en';
}

export const TRAY_WORDS: Readonly<Record<TrayLanguage, TrayWords>> = {
  en: {
    openWindow: 'Open status window',
    pairTerminal: 'Pair a terminal…',
    resume: 'Resume taking payments',
    pause: 'Pause taking new payments',
    openLogs: 'Open logs folder',
    openAtLogin: 'Start posbridge when I sign in',
    quit: 'Quit posbridge',
    starting: 'posbridge is starting…',
    notRunning: (n) =>
      `posbridge is not running: card payments are stopped. Restarting it${n > 0 ? ` (tried ${n}×)` : ''}…`,
    level: { ok: 'Card payments work', degraded: 'Card payments need attention', down: 'Card payments are stopped' },
  },
  de: {
    openWindow: 'Statusfenster öffnen',
    pairTerminal: 'Terminal koppeln…',
    resume: 'Zahlungen wieder annehmen',
    pause: 'Keine neuen Zahlungen annehmen',
    openLogs: 'Protokollordner öffnen',
    openAtLogin: 'posbridge bei der Anmeldung starten',
    quit: 'posbridge beenden',
    starting: 'posbridge startet…',
    notRunning: (n) =>
      `posbridge läuft nicht: Kartenzahlungen sind gestoppt. Neustart${n > 0 ? ` (${n}× versucht)` : ''}…`,
    level: {
      ok: 'Kartenzahlungen funktionieren',
      degraded: 'Kartenzahlungen: bitte das Statusfenster ansehen',
      down: 'Kartenzahlungen sind gestoppt: bitte das Statusfenster öffnen',
    },
  },
  tr: {
    openWindow: 'Durum penceresini aç',
    pairTerminal: 'Terminal eşleştir…',
    resume: 'Ödeme almaya devam et',
    pause: 'Yeni ödeme almayı duraklat',
    openLogs: 'Kayıt klasörünü aç',
    openAtLogin: 'Oturum açınca posbridge’i başlat',
    quit: 'posbridge’den çık',
    starting: 'posbridge başlıyor…',
    notRunning: (n) =>
      `posbridge çalışmıyor: kartlı ödemeler durdu. Yeniden başlatılıyor${n > 0 ? ` (${n} kez denendi)` : ''}…`,
    level: {
      ok: 'Kartlı ödemeler çalışıyor',
      degraded: 'Kartlı ödemeler: durum penceresine bakın',
      down: 'Kartlı ödemeler durdu: durum penceresini açın',
    },
  },
};
