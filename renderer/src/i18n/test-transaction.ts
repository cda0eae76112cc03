// The words of the pairing wizard's test payment: a minimal hold, released at once.
import { messages } from './catalogue.js';

export const testPaymentWords = messages({
  en: {
    intro: (amount: string) =>
      `Optional: take a hold of ${amount} and release it at once, to check the whole way from the POS to the card.`,
    holding: (amount: string) => `Holding ${amount} — present a test card at the terminal`,
    notTaken: (state: string, why: string) => `Hold not taken: ${state}${why ? ` — ${why}` : ''}`,
    held: (amount: string, approval: string) => `Held ${amount}${approval ? ` (approval ${approval})` : ''}`,
    releasing: 'Releasing the hold',
    notReleased: (state: string) => `The hold was not released: ${state}. Release it from Transactions.`,
    released: 'Hold released',
    works: 'The terminal works',
    run: 'Run a test payment',
    again: 'Run the test again',
    finish: 'Finish',
  },
  de: {
    intro: (amount: string) =>
      `Optional: ${amount} reservieren und sofort wieder freigeben, um den ganzen Weg von der Kasse bis zur Karte zu prüfen.`,
    holding: (amount: string) => `${amount} werden reserviert – bitte eine Testkarte an das Terminal halten`,
    notTaken: (state: string, why: string) => `Keine Reservierung: ${state}${why ? ` – ${why}` : ''}`,
    held: (amount: string, approval: string) =>
      `${amount} reserviert${approval ? ` (Genehmigungsnummer ${approval})` : ''}`,
    releasing: 'Reservierung wird freigegeben',
    notReleased: (state: string) =>
      `Die Reservierung wurde nicht freigegeben: ${state}. Geben Sie sie unter Transaktionen frei.`,
    released: 'Reservierung freigegeben',
    works: 'Das Terminal funktioniert',
    run: 'Testzahlung starten',
    again: 'Test wiederholen',
    finish: 'Fertig',
  },
  tr: {
    intro: (amount: string) =>
      `İsteğe bağlı: kasadan karta kadar tüm yolu denemek için ${amount} provizyon alıp hemen iptal edin.`,
    holding: (amount: string) => `${amount} provizyon alınıyor — terminale bir test kartı okutun`,
    notTaken: (state: string, why: string) => `Provizyon alınamadı: ${state}${why ? ` — ${why}` : ''}`,
    held: (amount: string, approval: string) =>
      `${amount} provizyon alındı${approval ? ` (onay kodu ${approval})` : ''}`,
    releasing: 'Provizyon iptal ediliyor',
    notReleased: (state: string) => `Provizyon iptal edilmedi: ${state}. İşlemler bölümünden iptal edin.`,
    released: 'Provizyon iptal edildi',
    works: 'Terminal çalışıyor',
    run: 'Test ödemesi yap',
    again: 'Testi tekrarla',
    finish: 'Bitir',
  },
});
