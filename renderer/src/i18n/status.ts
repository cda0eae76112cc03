// The words of the Status page: the terminal cards, the queue of what waits to be sent, and what needs
// a person (alerts), in the three languages.
import { messages } from './catalogue.js';

/** Ends a sentence once: Intl's short units end in a period of their own in German ("3 Min."). */
const stop = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** How a terminal's way to its provider is doing, for its card. */
export const reachWords = messages({
  en: {
    direct: (online: boolean) => (online ? 'Connected to this PC' : 'Not connected to this PC'),
    reachable: (provider: string) => `${provider} reachable`,
    unreachable: (provider: string) => `${provider} cannot be reached`,
    failing: (provider: string) => `${provider} answers with errors`,
    unknown: 'Not known while posbridge is not running',
  },
  de: {
    direct: (online: boolean) => (online ? 'Mit diesem PC verbunden' : 'Nicht mit diesem PC verbunden'),
    reachable: (provider: string) => `${provider} erreichbar`,
    unreachable: (provider: string) => `${provider} nicht erreichbar`,
    failing: (provider: string) => `${provider} antwortet mit Fehlern`,
    unknown: 'Unbekannt, solange posbridge nicht läuft',
  },
  tr: {
    direct: (online: boolean) => (online ? 'Bu bilgisayara bağlı' : 'Bu bilgisayara bağlı değil'),
    reachable: (provider: string) => `${provider} erişilebilir`,
    unreachable: (provider: string) => `${provider} hizmetine ulaşılamıyor`,
    failing: (provider: string) => `${provider} hata döndürüyor`,
    unknown: 'posbridge çalışmadığı sürece bilinmiyor',
  },
});

/** The queue: one count (what waits to be sent), the same on the terminal cards and in the panel. */
export const queueWords = messages({
  en: {
    title: 'Waiting to be sent',
    none: 'Nothing is waiting. Every payment has been sent.',
    waits: (n: number) => (n === 1 ? 'payment waits to be sent' : 'payments wait to be sent'),
    oldest: (age: string) => stop(`; oldest ${age}`),
    onTrust: 'Taken without an answer from the provider:',
    onCard: (n: number) => `${n} waiting to be sent`,
    send: 'Send now',
    sending: 'Sending…',
  },
  de: {
    title: 'Wartet auf Versand',
    none: 'Nichts wartet. Alle Zahlungen sind gesendet.',
    waits: (n: number) => (n === 1 ? 'Zahlung wartet auf Versand' : 'Zahlungen warten auf Versand'),
    oldest: (age: string) => stop(`; die älteste seit ${age}`),
    onTrust: 'Ohne Antwort des Zahlungsanbieters angenommen:',
    onCard: (n: number) => `${n} ${n === 1 ? 'wartet' : 'warten'} auf Versand`,
    send: 'Jetzt senden',
    sending: 'Wird gesendet…',
  },
  tr: {
    title: 'Gönderilmeyi bekleyenler',
    none: 'Bekleyen yok. Tüm ödemeler gönderildi.',
    waits: () => 'ödeme gönderilmeyi bekliyor',
    oldest: (age: string) => stop(`; en eskisi ${age} önce`),
    onTrust: 'Ödeme kuruluşunun yanıtı olmadan kabul edilen:',
    onCard: (n: number) => `${n} ödeme gönderilmeyi bekliyor`,
    send: 'Şimdi gönder',
    sending: 'Gönderiliyor…',
  },
});

export const lastPaymentWords = messages({
  en: {
    none: 'No payment through it yet',
    notHeard: 'Not heard from yet',
    heard: (when: string) => `Last heard from ${when}`,
    last: (amount: string, when: string) => `Last payment ${amount}, ${when}`,
  },
  de: {
    none: 'Noch keine Zahlung darüber',
    notHeard: 'Hat sich noch nicht gemeldet',
    heard: (when: string) => `Zuletzt gemeldet ${when}`,
    last: (amount: string, when: string) => `Letzte Zahlung ${amount}, ${when}`,
  },
  tr: {
    none: 'Henüz ödeme yok',
    notHeard: 'Henüz yanıt gelmedi',
    heard: (when: string) => `Son yanıt ${when}`,
    last: (amount: string, when: string) => `Son ödeme ${amount}, ${when}`,
  },
});

export const cardWords = messages({
  en: {
    terminals: 'Terminals',
    taking: (amount: string, reference: string) => `Taking ${amount} (${reference})`,
    display: 'Terminal display',
    quoted: (text: string) => `“${text}”`,
  },
  de: {
    terminals: 'Terminals',
    taking: (amount: string, reference: string) => `Reservierung über ${amount} läuft (${reference})`,
    display: 'Anzeige des Terminals',
    quoted: (text: string) => `„${text}“`,
  },
  tr: {
    terminals: 'Terminaller',
    taking: (amount: string, reference: string) => `${amount} provizyon alınıyor (${reference})`,
    display: 'Terminal ekranı',
    quoted: (text: string) => `“${text}”`,
  },
});

export const alertWords = messages({
  en: {
    title: 'Needs attention',
    notKnown: 'Not known while posbridge is not running. Nothing here is lost: it is shown again when posbridge runs.',
    nothing: 'Nothing needs attention.',
    storage:
      'posbridge cannot save to its database, so it takes no payments. Check the free disk space on this PC, then restart posbridge.',
    needsChecking: 'Needs checking:',
    checkWhat: (amount: string, terminal: string, reference: string) => `${amount} on ${terminal} (${reference}).`,
    checkAdvice: (provider: string) =>
      `posbridge could not learn whether it went through. Check with ${provider}, then record what you found.`,
    record: 'Record the outcome',
    endsSoon: 'Hold ends soon:',
    endsWhat: (amount: string, reference: string, terminal: string, expires: string) =>
      `${amount} (${reference}) on ${terminal}, expires ${expires}. Charge or release it before then.`,
    taken: (ago: string) => `Taken ${ago}.`,
    ask: (provider: string) => `What did ${provider} say?`,
    choose: 'Choose…',
    authorized: 'The amount is held on the card',
    declined: 'It was declined',
    voided: 'Nothing is held (released or never taken)',
    captured: 'The amount was charged',
    note: 'Note (who you checked with, when)',
    save: 'Save',
  },
  de: {
    title: 'Zu erledigen',
    notKnown:
      'Unbekannt, solange posbridge nicht läuft. Hier geht nichts verloren: Es wird wieder angezeigt, sobald posbridge läuft.',
    nothing: 'Nichts zu erledigen.',
    storage:
      'posbridge kann nicht in seine Datenbank schreiben und nimmt deshalb keine Zahlungen an. Prüfen Sie den freien Speicherplatz auf diesem PC und starten Sie posbridge dann neu.',
    needsChecking: 'Muss geprüft werden:',
    checkWhat: (amount: string, terminal: string, reference: string) => `${amount} an ${terminal} (${reference}).`,
    checkAdvice: (provider: string) =>
      `posbridge konnte nicht erfahren, ob die Zahlung durchgegangen ist. Fragen Sie bei ${provider} nach und tragen Sie dann das Ergebnis ein.`,
    record: 'Ergebnis eintragen',
    endsSoon: 'Reservierung läuft bald ab:',
    endsWhat: (amount: string, reference: string, terminal: string, expires: string) =>
      `${amount} (${reference}) an ${terminal}, läuft ab: ${expires}. Buchen Sie sie vorher ab oder geben Sie sie frei.`,
    taken: (ago: string) => `Reserviert ${ago}.`,
    ask: (provider: string) => `Was hat ${provider} geantwortet?`,
    choose: 'Bitte wählen…',
    authorized: 'Der Betrag ist auf der Karte reserviert',
    declined: 'Die Zahlung wurde abgelehnt',
    voided: 'Nichts ist reserviert (freigegeben oder nie reserviert)',
    captured: 'Der Betrag wurde abgebucht',
    note: 'Notiz (bei wem und wann geprüft)',
    save: 'Speichern',
  },
  tr: {
    title: 'İlgilenilmesi gerekenler',
    notKnown:
      'posbridge çalışmadığı sürece bilinmiyor. Buradaki hiçbir şey kaybolmaz: posbridge çalışınca yeniden gösterilir.',
    nothing: 'İlgilenilmesi gereken bir şey yok.',
    storage:
      'posbridge veritabanına yazamadığı için ödeme almıyor. Bu bilgisayardaki boş disk alanını kontrol edin, sonra posbridge’i yeniden başlatın.',
    needsChecking: 'Kontrol gerekli:',
    checkWhat: (amount: string, terminal: string, reference: string) =>
      `${terminal} üzerinde ${amount} (${reference}).`,
    checkAdvice: (provider: string) =>
      `posbridge ödemenin gerçekleşip gerçekleşmediğini öğrenemedi. ${provider} ile kontrol edin, sonra sonucu kaydedin.`,
    record: 'Sonucu kaydet',
    endsSoon: 'Provizyon süresi doluyor:',
    endsWhat: (amount: string, reference: string, terminal: string, expires: string) =>
      `${terminal} üzerinde ${amount} (${reference}), bitiş: ${expires}. Bu tarihten önce tahsil edin ya da iptal edin.`,
    taken: (ago: string) => `Alındı: ${ago}.`,
    ask: (provider: string) => `${provider} ne yanıt verdi?`,
    choose: 'Seçin…',
    authorized: 'Tutar kartta provizyonda',
    declined: 'Ödeme reddedildi',
    voided: 'Provizyon yok (iptal edildi ya da hiç alınmadı)',
    captured: 'Tutar tahsil edildi',
    note: 'Not (kiminle, ne zaman kontrol ettiniz)',
    save: 'Kaydet',
  },
});
