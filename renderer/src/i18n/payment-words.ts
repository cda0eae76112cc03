// The words of one payment: its states, its steps, each exchange's outcome, and what each error code means
// for the person at the counter. The provider's own message is never the main text: it may be a code
// ("DECLINED") or English from a cloud service, and is shown only as a detail under these words.
import { messages } from './catalogue.js';

const en = {
  pending: 'Waiting to be sent',
  in_progress: 'At the terminal',
  authorized: 'Amount held',
  declined: 'Declined',
  failed: 'Not held',
  unresolved: 'Needs checking',
  captured: 'Charged',
  voided: 'Released',
  expired: 'Hold expired',
};
export const txStateWords = messages({
  en,
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
  },
  tr: {
    pending: 'Gönderilmeyi bekliyor',
    in_progress: 'Terminalde',
    authorized: 'Tutar bloke edildi',
    declined: 'Reddedildi',
    failed: 'Bloke edilmedi',
    unresolved: 'Kontrol edilmeli',
    captured: 'Tahsil edildi',
    voided: 'Serbest bırakıldı',
    expired: 'Provizyon süresi doldu',
  },
});

export const stepWords = messages({
  en: {
    preauth: 'Hold',
    adjust: 'Change held amount',
    capture: 'Charge',
    void: 'Release',
    queued: 'Waiting',
    running: 'Running',
    succeeded: 'Done',
    failed: 'Failed',
    unresolved: 'Needs checking',
  },
  de: {
    preauth: 'Reservierung',
    adjust: 'Betrag geändert',
    capture: 'Abbuchung',
    void: 'Freigabe',
    queued: 'Wartet',
    running: 'Läuft',
    succeeded: 'Erledigt',
    failed: 'Fehlgeschlagen',
    unresolved: 'Muss geprüft werden',
  },
  tr: {
    preauth: 'Provizyon',
    adjust: 'Tutar değişikliği',
    capture: 'Tahsilat',
    void: 'Serbest bırakma',
    queued: 'Bekliyor',
    running: 'Sürüyor',
    succeeded: 'Tamamlandı',
    failed: 'Başarısız',
    unresolved: 'Kontrol edilmeli',
  },
});

export const outcomeWords = messages({
  en: {
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
    running: 'Running',
  },
  de: {
    approved: 'Genehmigt',
    declined: 'Abgelehnt',
    pending: 'Angenommen, Antwort folgt',
    rejected: 'Vom Anbieter abgewiesen',
    retryable: 'Nicht gesendet; neuer Versuch',
    unknown: 'Keine eindeutige Antwort',
    found: 'Nachgefragt: vorhanden',
    not_found: 'Nachgefragt: nicht vorhanden',
    inconclusive: 'Nachgefragt: keine eindeutige Antwort',
    interrupted: 'Abgebrochen (posbridge wurde beendet)',
    running: 'Läuft',
  },
  tr: {
    approved: 'Onaylandı',
    declined: 'Reddedildi',
    pending: 'Alındı, yanıt bekleniyor',
    rejected: 'Sağlayıcı reddetti',
    retryable: 'Gönderilemedi; yeniden denendi',
    unknown: 'Net yanıt yok',
    found: 'Soruldu: kayıt var',
    not_found: 'Soruldu: kayıt yok',
    inconclusive: 'Soruldu: net yanıt yok',
    interrupted: 'Kesildi (posbridge durdu)',
    running: 'Sürüyor',
  },
});

export const errorWords = messages({
  en: {
    card_declined: 'The card was declined.',
    insufficient_funds: 'The card was declined: not enough funds.',
    expired_card: 'The card has expired.',
    referral_required: 'The card issuer asks for a call before approving.',
    terminal_timeout: 'The customer did not finish at the terminal in time.',
    provider_unavailable: 'The payment provider could not be reached.',
    provider_rejected: 'The payment provider refused it.',
    provider_error: 'The payment provider answered with an error.',
    outcome_unresolved: 'posbridge could not find out whether this went through. It needs checking with the provider.',
    cancelled: 'It was cancelled before it was sent.',
    interrupted: 'It was cut off when posbridge stopped.',
    invalid_state: 'This is not possible in the state the payment is in now.',
    operation_in_progress: 'Something is still running on this payment. Wait for it to finish.',
    operation_not_supported: 'This provider does not allow this.',
    amount_exceeds_authorized: 'That is more than is held on the card.',
    requested_by_required: 'Enter your name or staff number.',
    validation_failed: 'Some of what was entered is not valid. Check it and try again.',
    idempotency_conflict: 'This confirmation was already used for something else. Start again.',
    queue_expired: 'It waited too long for the provider and was not sent.',
    terminal_busy: 'The terminal was busy with another payment.',
    terminal_not_paired: 'This terminal is not paired.',
    card_required: 'This provider needs the card details.',
    not_found: 'posbridge does not know this payment.',
    transaction_archived: 'This payment is archived: it can be read, not changed.',
    paused: 'posbridge is paused and takes no new payments.',
    shutting_down: 'posbridge is stopping. Try again in a moment.',
    storage_unavailable: 'posbridge cannot save to its database. Check the free disk space on this PC.',
    daemon_unreachable: 'posbridge is not answering on this PC. It may be restarting.',
    unauthorized: 'You are signed out. Open the status window again from the tray.',
    resolved_by_person: 'It was settled by hand.',
    other: 'Something went wrong. Try again; if it keeps happening, call support.',
  },
  de: {
    card_declined: 'Die Karte wurde abgelehnt.',
    insufficient_funds: 'Die Karte wurde abgelehnt: Deckung reicht nicht.',
    expired_card: 'Die Karte ist abgelaufen.',
    referral_required: 'Die Bank der Karte bittet vor der Genehmigung um einen Anruf.',
    terminal_timeout: 'Der Kunde hat am Terminal nicht rechtzeitig abgeschlossen.',
    provider_unavailable: 'Der Zahlungsanbieter war nicht erreichbar.',
    provider_rejected: 'Der Zahlungsanbieter hat es abgewiesen.',
    provider_error: 'Der Zahlungsanbieter hat mit einem Fehler geantwortet.',
    outcome_unresolved: 'posbridge konnte nicht klären, ob es durchgegangen ist. Bitte beim Anbieter prüfen.',
    cancelled: 'Es wurde abgebrochen, bevor es gesendet wurde.',
    interrupted: 'Es wurde unterbrochen, als posbridge beendet wurde.',
    invalid_state: 'Das ist im jetzigen Zustand der Zahlung nicht möglich.',
    operation_in_progress: 'Zu dieser Zahlung läuft noch etwas. Bitte warten, bis es fertig ist.',
    operation_not_supported: 'Dieser Anbieter erlaubt das nicht.',
    amount_exceeds_authorized: 'Das ist mehr, als auf der Karte reserviert ist.',
    requested_by_required: 'Bitte Namen oder Personalnummer eingeben.',
    validation_failed: 'Eine Eingabe ist ungültig. Bitte prüfen und erneut versuchen.',
    idempotency_conflict: 'Diese Bestätigung wurde schon für etwas anderes verwendet. Bitte neu beginnen.',
    queue_expired: 'Es hat zu lange auf den Anbieter gewartet und wurde nicht gesendet.',
    terminal_busy: 'Das Terminal war mit einer anderen Zahlung beschäftigt.',
    terminal_not_paired: 'Dieses Terminal ist nicht gekoppelt.',
    card_required: 'Dieser Anbieter braucht die Kartendaten.',
    not_found: 'posbridge kennt diese Zahlung nicht.',
    transaction_archived: 'Diese Zahlung ist archiviert: Sie kann gelesen, aber nicht geändert werden.',
    paused: 'posbridge ist angehalten und nimmt keine neuen Zahlungen an.',
    shutting_down: 'posbridge wird beendet. Bitte gleich noch einmal versuchen.',
    storage_unavailable: 'posbridge kann nicht in seine Datenbank schreiben. Bitte freien Speicherplatz prüfen.',
    daemon_unreachable: 'posbridge antwortet auf diesem PC nicht. Vielleicht startet es gerade neu.',
    unauthorized: 'Sie sind abgemeldet. Öffnen Sie das Statusfenster erneut über das Tray-Symbol.',
    resolved_by_person: 'Es wurde von Hand geklärt.',
    other: 'Etwas ist schiefgegangen. Bitte erneut versuchen; wenn es bleibt, den Support anrufen.',
  },
  tr: {
    card_declined: 'Kart reddedildi.',
    insufficient_funds: 'Kart reddedildi: bakiye yetersiz.',
    expired_card: 'Kartın süresi dolmuş.',
    referral_required: 'Kartı veren banka onaydan önce aranmak istiyor.',
    terminal_timeout: 'Müşteri terminalde işlemi zamanında bitirmedi.',
    provider_unavailable: 'Ödeme sağlayıcısına ulaşılamadı.',
    provider_rejected: 'Ödeme sağlayıcısı reddetti.',
    provider_error: 'Ödeme sağlayıcısı hata ile yanıt verdi.',
    outcome_unresolved: 'posbridge işlemin gerçekleşip gerçekleşmediğini öğrenemedi. Sağlayıcıyla kontrol edilmeli.',
    cancelled: 'Gönderilmeden önce iptal edildi.',
    interrupted: 'posbridge durduğunda yarıda kaldı.',
    invalid_state: 'Ödemenin şu anki durumunda bu mümkün değil.',
    operation_in_progress: 'Bu ödemede hâlâ süren bir işlem var. Bitmesini bekleyin.',
    operation_not_supported: 'Bu sağlayıcı buna izin vermiyor.',
    amount_exceeds_authorized: 'Bu, kartta bloke edilen tutardan fazla.',
    requested_by_required: 'Adınızı veya personel numaranızı girin.',
    validation_failed: 'Girilen bilgilerden biri geçersiz. Kontrol edip tekrar deneyin.',
    idempotency_conflict: 'Bu onay başka bir işlem için kullanılmış. Baştan başlayın.',
    queue_expired: 'Sağlayıcıyı çok uzun bekledi ve gönderilmedi.',
    terminal_busy: 'Terminal başka bir ödemeyle meşguldü.',
    terminal_not_paired: 'Bu terminal eşleştirilmemiş.',
    card_required: 'Bu sağlayıcı kart bilgilerini istiyor.',
    not_found: 'posbridge bu ödemeyi tanımıyor.',
    transaction_archived: 'Bu ödeme arşivlendi: okunabilir ama değiştirilemez.',
    paused: 'posbridge duraklatıldı ve yeni ödeme almıyor.',
    shutting_down: 'posbridge kapanıyor. Birazdan tekrar deneyin.',
    storage_unavailable: 'posbridge veritabanına yazamıyor. Bu bilgisayardaki boş disk alanını kontrol edin.',
    daemon_unreachable: 'posbridge bu bilgisayarda yanıt vermiyor. Yeniden başlıyor olabilir.',
    unauthorized: 'Oturumunuz kapandı. Durum penceresini sistem tepsisindeki simgeden yeniden açın.',
    resolved_by_person: 'Elle sonuçlandırıldı.',
    other: 'Bir sorun oluştu. Tekrar deneyin; sürerse destek hattını arayın.',
  },
});

type Keyed = Record<string, string>;

export const txStateName = (s: string): string => (txStateWords as unknown as Keyed)[s] ?? s;
export const stepName = (s: string): string => (stepWords as unknown as Keyed)[s] ?? s;
export const outcomeName = (o: string | null): string => (outcomeWords as unknown as Keyed)[o ?? 'running'] ?? o ?? '';
/** An error code in plain words; an unknown code gets the general sentence, never the raw text. */
export const errorText = (code: string): string =>
  Object.hasOwn(errorWords, code) ? (errorWords as unknown as Keyed)[code]! : errorWords.other;

/** A card as staff and receipts show it: brand and the last four digits only ("VISA •••• 1111"). */
export function cardLabel(card: { brand: string | null; masked_pan: string | null } | null): string | undefined {
  if (!card) return undefined;
  const last4 = card.masked_pan?.match(/(\d{4})$/)?.[1];
  const brand = card.brand?.toUpperCase();
  if (!last4) return brand;
  return brand ? `${brand} •••• ${last4}` : `•••• ${last4}`;
}
