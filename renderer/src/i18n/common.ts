// The words every part of the window shares: error sentences by the daemon's error code, the states of a
// transaction, a terminal and an operation, the outcome of an exchange with a provider, and the providers.
// Glossary (renderer/README.md): a hold is a "Reservierung" / "Provizyon"; charge is "abbuchen" /
// "tahsil etmek"; release is "freigeben" / "provizyonu iptal etmek".
import { messages } from './catalogue.js';

export const errorWords = messages({
  en: {
    daemon_unreachable:
      'posbridge is not answering on this PC. It may be restarting; if this stays, restart it from the tray.',
    unauthorized: 'You are signed out. Open the status window again from the posbridge icon in the tray.',
    card_declined: 'The card was declined.',
    insufficient_funds: 'The card was declined: not enough funds.',
    expired_card: 'The card has expired.',
    referral_required: 'The card issuer asks for a call before approving.',
    terminal_timeout: 'The customer did not finish at the terminal in time.',
    provider_unavailable: 'The payment provider cannot be reached right now.',
    provider_rejected: 'The payment provider refused the request.',
    outcome_unresolved: 'posbridge could not find out whether this went through. It needs checking with the provider.',
    terminal_exists: 'A terminal with this id exists already. Choose another id.',
    terminal_busy: 'This terminal still has open holds or payments in progress; settle them first.',
    terminal_not_paired: 'This terminal is not paired yet.',
    pairing_failed: 'Pairing was refused. Check the one-time password on the terminal and try again.',
    paused: 'posbridge is paused and takes no new payments. Resume it first.',
    shutting_down: 'posbridge is stopping. Try again in a moment.',
    storage_unavailable: 'posbridge cannot save to its database. Check the free disk space on this PC.',
    invalid_state: "This is not possible in the transaction's current state.",
    operation_in_progress: 'Something is already running on this transaction. Wait for it to finish.',
    unknown_terminal: 'posbridge does not know this terminal.',
    not_found: 'posbridge has no such transaction.',
    validation_failed: 'Some of what was entered is not valid. Check the fields and try again.',
    invalid_amount: 'This amount is not possible here.',
    unsupported_currency: 'This terminal does not take this currency.',
    operation_not_supported: 'This provider does not offer this for the transaction.',
    archive_unavailable: 'This transaction is archived and its archive cannot be read right now.',
    fallback: 'Something went wrong. Try again; if it keeps happening, call support.',
  },
  de: {
    daemon_unreachable:
      'posbridge antwortet auf diesem PC nicht. Vielleicht startet es gerade neu; bleibt es so, starten Sie es über das Symbol in der Taskleiste neu.',
    unauthorized:
      'Sie sind abgemeldet. Öffnen Sie das Statusfenster erneut über das posbridge-Symbol in der Taskleiste.',
    card_declined: 'Die Karte wurde abgelehnt.',
    insufficient_funds: 'Die Karte wurde abgelehnt: keine ausreichende Deckung.',
    expired_card: 'Die Karte ist abgelaufen.',
    referral_required: 'Die Bank der Karte bittet vor der Genehmigung um einen Anruf.',
    terminal_timeout: 'Der Kunde hat am Terminal nicht rechtzeitig abgeschlossen.',
    provider_unavailable: 'Der Zahlungsanbieter ist gerade nicht erreichbar.',
    provider_rejected: 'Der Zahlungsanbieter hat die Anfrage abgelehnt.',
    outcome_unresolved:
      'posbridge konnte nicht herausfinden, ob die Zahlung durchgegangen ist. Das muss beim Zahlungsanbieter geprüft werden.',
    terminal_exists: 'Ein Terminal mit dieser Kennung gibt es schon. Wählen Sie eine andere Kennung.',
    terminal_busy:
      'Dieses Terminal hat noch offene Reservierungen oder laufende Zahlungen. Schließen Sie diese zuerst ab.',
    terminal_not_paired: 'Dieses Terminal ist noch nicht gekoppelt.',
    pairing_failed:
      'Die Kopplung wurde abgelehnt. Prüfen Sie das Einmalpasswort am Terminal und versuchen Sie es erneut.',
    paused: 'posbridge ist pausiert und nimmt keine neuen Zahlungen an. Setzen Sie es zuerst fort.',
    shutting_down: 'posbridge wird gerade beendet. Versuchen Sie es gleich noch einmal.',
    storage_unavailable:
      'posbridge kann nicht in seine Datenbank schreiben. Prüfen Sie den freien Speicherplatz auf diesem PC.',
    invalid_state: 'Im jetzigen Zustand der Transaktion ist das nicht möglich.',
    operation_in_progress: 'Für diese Transaktion läuft schon ein Vorgang. Warten Sie, bis er fertig ist.',
    unknown_terminal: 'posbridge kennt dieses Terminal nicht.',
    not_found: 'posbridge kennt diese Transaktion nicht.',
    validation_failed: 'Einige Eingaben sind ungültig. Prüfen Sie die Felder und versuchen Sie es erneut.',
    invalid_amount: 'Dieser Betrag ist hier nicht möglich.',
    unsupported_currency: 'Dieses Terminal nimmt diese Währung nicht an.',
    operation_not_supported: 'Dieser Zahlungsanbieter bietet das für diese Transaktion nicht an.',
    archive_unavailable: 'Diese Transaktion ist archiviert, und das Archiv kann gerade nicht gelesen werden.',
    fallback: 'Etwas ist schiefgegangen. Versuchen Sie es erneut; passiert es wieder, rufen Sie den Support an.',
  },
  tr: {
    daemon_unreachable:
      'posbridge bu bilgisayarda yanıt vermiyor. Yeniden başlıyor olabilir; böyle kalırsa görev çubuğundaki simgesinden yeniden başlatın.',
    unauthorized: 'Oturumunuz kapandı. Durum penceresini görev çubuğundaki posbridge simgesinden yeniden açın.',
    card_declined: 'Kart reddedildi.',
    insufficient_funds: 'Kart reddedildi: bakiye yetersiz.',
    expired_card: 'Kartın son kullanma tarihi geçmiş.',
    referral_required: 'Kartı veren banka onaydan önce aranmasını istiyor.',
    terminal_timeout: 'Müşteri işlemi terminalde zamanında tamamlamadı.',
    provider_unavailable: 'Ödeme kuruluşuna şu anda ulaşılamıyor.',
    provider_rejected: 'Ödeme kuruluşu isteği reddetti.',
    outcome_unresolved:
      'posbridge ödemenin gerçekleşip gerçekleşmediğini öğrenemedi. Ödeme kuruluşuyla kontrol edilmesi gerekiyor.',
    terminal_exists: 'Bu kimlikle bir terminal zaten var. Başka bir kimlik seçin.',
    terminal_busy: 'Bu terminalde hâlâ açık provizyonlar ya da süren ödemeler var. Önce bunları kapatın.',
    terminal_not_paired: 'Bu terminal henüz eşleştirilmedi.',
    pairing_failed: 'Eşleştirme reddedildi. Terminaldeki tek kullanımlık şifreyi kontrol edip tekrar deneyin.',
    paused: 'posbridge duraklatıldı ve yeni ödeme almıyor. Önce devam ettirin.',
    shutting_down: 'posbridge kapanıyor. Birazdan tekrar deneyin.',
    storage_unavailable: 'posbridge veritabanına yazamıyor. Bu bilgisayardaki boş disk alanını kontrol edin.',
    invalid_state: 'İşlemin şu anki durumunda bu yapılamaz.',
    operation_in_progress: 'Bu işlemde zaten süren bir adım var. Bitmesini bekleyin.',
    unknown_terminal: 'posbridge bu terminali tanımıyor.',
    not_found: 'posbridge böyle bir işlem bilmiyor.',
    validation_failed: 'Girilen bilgilerin bir kısmı geçersiz. Alanları kontrol edip tekrar deneyin.',
    invalid_amount: 'Bu tutar burada geçerli değil.',
    unsupported_currency: 'Bu terminal bu para birimini kabul etmiyor.',
    operation_not_supported: 'Bu ödeme kuruluşu bu işlem için bunu sunmuyor.',
    archive_unavailable: 'Bu işlem arşivlendi ve arşiv şu anda okunamıyor.',
    fallback: 'Bir şeyler ters gitti. Tekrar deneyin; sorun sürerse destek hattını arayın.',
  },
});

export const transactionStateWords = messages({
  en: {
    pending: 'Waiting to be sent',
    in_progress: 'At the terminal',
    authorized: 'Amount held',
    declined: 'Declined',
    failed: 'Not held',
    unresolved: 'Needs checking',
    captured: 'Charged',
    voided: 'Released',
    expired: 'Hold expired',
    cancelled: 'Cancelled',
  },
  de: {
    pending: 'Wartet auf Versand',
    in_progress: 'Am Terminal',
    authorized: 'Betrag reserviert',
    declined: 'Abgelehnt',
    failed: 'Nicht reserviert',
    unresolved: 'Muss geprüft werden',
    captured: 'Abgebucht',
    voided: 'Freigegeben',
    expired: 'Reservierung abgelaufen',
    cancelled: 'Abgebrochen',
  },
  tr: {
    pending: 'Gönderilmeyi bekliyor',
    in_progress: 'Terminalde',
    authorized: 'Provizyon alındı',
    declined: 'Reddedildi',
    failed: 'Provizyon alınamadı',
    unresolved: 'Kontrol gerekli',
    captured: 'Tahsil edildi',
    voided: 'Provizyon iptal edildi',
    expired: 'Provizyon süresi doldu',
    cancelled: 'Vazgeçildi',
  },
});

export const terminalStateWords = messages({
  en: {
    ready: 'Ready',
    busy: 'Busy',
    offline: 'Offline',
    needs_pairing: 'Needs pairing',
    failing: 'Not working',
    unknown: 'Not known',
  },
  de: {
    ready: 'Bereit',
    busy: 'Belegt',
    offline: 'Offline',
    needs_pairing: 'Nicht gekoppelt',
    failing: 'Gestört',
    unknown: 'Unbekannt',
  },
  tr: {
    ready: 'Hazır',
    busy: 'Meşgul',
    offline: 'Çevrim dışı',
    needs_pairing: 'Eşleştirilmeli',
    failing: 'Çalışmıyor',
    unknown: 'Bilinmiyor',
  },
});

export const operationWords = messages({
  en: { preauth: 'Hold', adjust: 'Change held amount', capture: 'Charge', void: 'Release hold' },
  de: { preauth: 'Reservierung', adjust: 'Reservierung ändern', capture: 'Abbuchen', void: 'Reservierung freigeben' },
  tr: {
    preauth: 'Provizyon',
    adjust: 'Provizyon tutarını değiştir',
    capture: 'Tahsil et',
    void: 'Provizyonu iptal et',
  },
});

export const operationStateWords = messages({
  en: { queued: 'Waiting', running: 'Running', succeeded: 'Done', failed: 'Failed', unresolved: 'Needs checking' },
  de: {
    queued: 'Wartet',
    running: 'Läuft',
    succeeded: 'Erledigt',
    failed: 'Fehlgeschlagen',
    unresolved: 'Muss geprüft werden',
  },
  tr: {
    queued: 'Bekliyor',
    running: 'Sürüyor',
    succeeded: 'Tamamlandı',
    failed: 'Başarısız',
    unresolved: 'Kontrol gerekli',
  },
});

export const outcomeWords = messages({
  en: {
    running: 'Running',
    approved: 'Approved',
    declined: 'Declined',
    pending: 'Accepted, answer to follow',
    rejected: 'Refused by the provider',
    retryable: 'Not sent; tried again',
    unknown: 'No clear answer',
    found: 'Looked up: found',
    not_found: 'Looked up: not there',
    inconclusive: 'Looked up: no clear answer',
    interrupted: 'Cut off (posbridge stopped)',
  },
  de: {
    running: 'Läuft',
    approved: 'Genehmigt',
    declined: 'Abgelehnt',
    pending: 'Angenommen, Antwort folgt',
    rejected: 'Vom Zahlungsanbieter abgelehnt',
    retryable: 'Nicht gesendet; neu versucht',
    unknown: 'Keine klare Antwort',
    found: 'Nachgefragt: gefunden',
    not_found: 'Nachgefragt: nicht vorhanden',
    inconclusive: 'Nachgefragt: keine klare Antwort',
    interrupted: 'Abgebrochen (posbridge wurde beendet)',
  },
  tr: {
    running: 'Sürüyor',
    approved: 'Onaylandı',
    declined: 'Reddedildi',
    pending: 'Kabul edildi, yanıt bekleniyor',
    rejected: 'Ödeme kuruluşu reddetti',
    retryable: 'Gönderilemedi; yeniden denendi',
    unknown: 'Net yanıt yok',
    found: 'Sorgulandı: bulundu',
    not_found: 'Sorgulandı: yok',
    inconclusive: 'Sorgulandı: net yanıt yok',
    interrupted: 'Yarıda kaldı (posbridge durdu)',
  },
});

/** Providers keep their names in every language; only the card terminal by cable or network is described. */
export const providerWords = messages({
  en: {
    payroc: 'Payroc',
    smartretry: 'SmartRetry',
    payporter: 'PayPorter',
    blink: 'Blink',
    lab4pay: 'Lab4Pay',
    zvt: 'ZVT (cable/network)',
  },
  de: {
    payroc: 'Payroc',
    smartretry: 'SmartRetry',
    payporter: 'PayPorter',
    blink: 'Blink',
    lab4pay: 'Lab4Pay',
    zvt: 'ZVT (Kabel/Netzwerk)',
  },
  tr: {
    payroc: 'Payroc',
    smartretry: 'SmartRetry',
    payporter: 'PayPorter',
    blink: 'Blink',
    lab4pay: 'Lab4Pay',
    zvt: 'ZVT (kablo/ağ)',
  },
});

export const timeWords = messages({
  en: { never: 'never' },
  de: { never: 'nie' },
  tr: { never: 'hiç' },
});
