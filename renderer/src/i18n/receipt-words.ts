// The words of a printed receipt, of the CSV export button and of the failed charges and releases listed
// under Needs attention.
import { messages } from './catalogue.js';

export const receiptWords = messages({
  en: {
    title: 'Receipt',
    back: '← Back to the payment',
    print: 'Print',
    fromTerminal: 'As the terminal printed it',
    standard: 'Card pre-authorisation',
    terminal: 'Terminal',
    date: 'Date',
    reference: 'Reference',
    card: 'Card',
    held: 'Held',
    charged: 'Charged',
    released: 'Released',
    approval: 'Approval code',
    state: 'State',
    noCard: 'not known',
  },
  de: {
    title: 'Beleg',
    back: '← Zurück zur Zahlung',
    print: 'Drucken',
    fromTerminal: 'Wie vom Terminal gedruckt',
    standard: 'Kartenreservierung',
    terminal: 'Terminal',
    date: 'Datum',
    reference: 'Referenz',
    card: 'Karte',
    held: 'Reserviert',
    charged: 'Abgebucht',
    released: 'Freigegeben',
    approval: 'Genehmigungsnr.',
    state: 'Status',
    noCard: 'unbekannt',
  },
  tr: {
    title: 'Fiş',
    back: '← Ödemeye dön',
    print: 'Yazdır',
    fromTerminal: 'Terminalin bastığı gibi',
    standard: 'Kart ön provizyonu',
    terminal: 'Terminal',
    date: 'Tarih',
    reference: 'Referans',
    card: 'Kart',
    held: 'Provizyon tutarı',
    charged: 'Tahsil edilen',
    released: 'Serbest bırakılan',
    approval: 'Onay kodu',
    state: 'Durum',
    noCard: 'bilinmiyor',
  },
});

export const exportWords = messages({
  en: { button: 'Export to CSV', busy: 'Exporting…' },
  de: { button: 'Als CSV exportieren', busy: 'Wird exportiert…' },
  tr: { button: 'CSV olarak dışa aktar', busy: 'Dışa aktarılıyor…' },
});

export const attentionWords = messages({
  en: {
    chargeFailed: (amount: string, terminal: string, ref: string) =>
      `Charge of ${amount} on ${terminal} (${ref}) did not go through.`,
    releaseFailed: (terminal: string, ref: string) => `Release on ${terminal} (${ref}) did not go through.`,
    stillHeld: (p: string) =>
      `The POS was told it was under way; later ${p} refused it or it failed. As far as posbridge knows, the amount is still held on the card: open the payment and charge or release it again, or check with the provider.`,
    notHeld: (p: string) =>
      `The POS was told it was under way; later ${p} refused it or it failed. Open the payment and check with the provider what happened.`,
    open: 'Open the payment',
  },
  de: {
    chargeFailed: (amount: string, terminal: string, ref: string) =>
      `Abbuchung von ${amount} an ${terminal} (${ref}) ist nicht durchgegangen.`,
    releaseFailed: (terminal: string, ref: string) => `Freigabe an ${terminal} (${ref}) ist nicht durchgegangen.`,
    stillHeld: (p: string) =>
      `Die Kasse hat „wird bearbeitet“ erhalten; danach hat ${p} abgelehnt oder es ist fehlgeschlagen. Nach Stand von posbridge ist der Betrag weiter auf der Karte reserviert: Zahlung öffnen und erneut abbuchen oder freigeben, oder beim Anbieter nachfragen.`,
    notHeld: (p: string) =>
      `Die Kasse hat „wird bearbeitet“ erhalten; danach hat ${p} abgelehnt oder es ist fehlgeschlagen. Zahlung öffnen und beim Anbieter klären, was passiert ist.`,
    open: 'Zahlung öffnen',
  },
  tr: {
    chargeFailed: (amount: string, terminal: string, ref: string) =>
      `${terminal} üzerindeki ${amount} tahsilat (${ref}) gerçekleşmedi.`,
    releaseFailed: (terminal: string, ref: string) => `${terminal} üzerindeki serbest bırakma (${ref}) gerçekleşmedi.`,
    stillHeld: (p: string) =>
      `Kasaya işlemin sürdüğü bildirildi; sonra ${p} reddetti ya da işlem başarısız oldu. posbridge'e göre provizyon kartta hâlâ duruyor: ödemeyi açıp yeniden tahsil edin veya serbest bırakın ya da sağlayıcıya danışın.`,
    notHeld: (p: string) =>
      `Kasaya işlemin sürdüğü bildirildi; sonra ${p} reddetti ya da işlem başarısız oldu. Ödemeyi açın ve ne olduğunu sağlayıcıyla kontrol edin.`,
    open: 'Ödemeyi aç',
  },
});
