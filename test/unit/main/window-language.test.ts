// The desktop's language travels to the status window in its login link's fragment.
import { describe, expect, it } from 'vitest';
import { trayLanguage } from '../../../main/tray-words.js';
import { withDesktopLanguage } from '../../../main/window-language.js';

describe('withDesktopLanguage', () => {
  it('adds the tag to a login link, and leaves other links and tags that are no language alone', () => {
    const link = 'http://127.0.0.1:7420/ui/#login=pbl_1&view=/status';
    expect(withDesktopLanguage(link, 'de-DE')).toBe(`${link}&lang=de-DE`);
    expect(withDesktopLanguage(link, 'tr')).toBe(`${link}&lang=tr`);
    expect(withDesktopLanguage(link, '')).toBe(link);
    expect(withDesktopLanguage(link, 'de&view=/x')).toBe(link);
    expect(withDesktopLanguage('http://127.0.0.1:7420/ui/#/status', 'de-DE')).toBe('http://127.0.0.1:7420/ui/#/status');
  });
});

describe("the tray's language", () => {
  it('is the desktop language when the window speaks it, whatever the region or separator, else English', () => {
    expect(['de-DE', 'de_AT', 'tr-TR', 'TR', 'en-US', 'fr-FR', ''].map(trayLanguage)).toEqual([
      'de',
      'de',
      'tr',
      'tr',
      'en',
      'en',
      'en',
    ]);
  });
});
