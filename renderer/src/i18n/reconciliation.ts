// The Reconciliation tab's words: a day's payments compared with each provider's own records.
import { messages } from './catalogue.js';

export type DiffKind =
  'missing_at_provider' | 'unknown_to_posbridge' | 'amount_differs' | 'state_differs' | 'currency_differs';

export const reconcileWords = messages({
  en: {
    tab: 'Reconciliation',
    title: 'Reconciliation',
    intro:
      "Compares a day's payments with each provider's own records. Every difference is shown here and raised as an event; nothing is changed automatically.",
    day: 'Day',
    run: 'Check this day',
    running: 'Checking with the providers…',
    alreadyRunning: 'A check is already running. Its result appears here when it is done.',
    notYet: 'This day has not been checked yet.',
    lastRun: (at: string, by: string) => `Last checked ${at} by ${by}`,
    byWindow: 'the status window',
    allMatch: 'Everything matches: every payment was found at its provider as we have it.',
    someDiffer: (n: number) => (n === 1 ? '1 difference found' : `${n} differences found`),
    notAll: 'Not everything could be checked. This is not a result: check again later.',
    noProviders: 'There are no cloud terminals to check.',
    checked: 'No differences',
    differences: (n: number) => (n === 1 ? '1 difference' : `${n} differences`),
    couldNotCheck: 'Could not check',
    noRecords: 'Offers no record to compare',
    counts: (payments: number, checked: number) =>
      `${payments === 1 ? '1 payment' : `${payments} payments`} that day, ${checked} compared`,
    details: 'Details',
    openPayment: 'Open payment',
    differencesTitle: 'Differences',
    theirRef: (ref: string) => `Provider's id: ${ref}`,
    missing: (p: string, state: string, amount: string) =>
      `${p} has no record of this payment. We have it as ${state}, ${amount}.`,
    unknown: (p: string, amount: string, state: string) =>
      `${p} has a payment we have no record of: ${amount}, ${state}.`,
    heldDiffers: (p: string, ours: string, theirs: string) =>
      `Held amount differs: we have ${ours}, ${p} has ${theirs}.`,
    chargedDiffers: (p: string, ours: string, theirs: string) =>
      `Charged amount differs: we have ${ours}, ${p} has ${theirs}.`,
    stateDiffers: (p: string, ours: string, theirs: string) => `State differs: we have ${ours}, ${p} has ${theirs}.`,
    currencyDiffers: (p: string, ours: string, theirs: string) =>
      `Currency differs: we have ${ours}, ${p} has ${theirs}.`,
    s_authorized: 'held',
    s_approved: 'approved',
    s_captured: 'charged',
    s_released: 'released',
    s_voided: 'released',
    s_expired: 'expired',
    s_declined: 'declined',
    s_failed: 'failed',
    s_unresolved: 'unclear (a person must check)',
    s_pending: 'still in progress',
    s_in_progress: 'still in progress',
    s_other: 'unclear',
  },
  de: {
    tab: 'Abgleich',
    title: 'Abgleich',
    intro:
      'Vergleicht die Zahlungen eines Tages mit den Aufzeichnungen des jeweiligen Anbieters. Jede Abweichung wird hier angezeigt und als Ereignis gemeldet; nichts wird automatisch geändert.',
    day: 'Tag',
    run: 'Diesen Tag prüfen',
    running: 'Abgleich mit den Anbietern läuft …',
    alreadyRunning: 'Ein Abgleich läuft bereits. Sein Ergebnis erscheint hier, sobald er fertig ist.',
    notYet: 'Dieser Tag wurde noch nicht geprüft.',
    lastRun: (at: string, by: string) => `Zuletzt geprüft ${at} über ${by}`,
    byWindow: 'das Statusfenster',
    allMatch: 'Alles stimmt überein: Jede Zahlung ist beim Anbieter so verbucht wie bei uns.',
    someDiffer: (n: number) => (n === 1 ? '1 Abweichung gefunden' : `${n} Abweichungen gefunden`),
    notAll: 'Nicht alles konnte geprüft werden. Das ist kein Ergebnis: Bitte später erneut prüfen.',
    noProviders: 'Es gibt keine Cloud-Terminals zu prüfen.',
    checked: 'Keine Abweichungen',
    differences: (n: number) => (n === 1 ? '1 Abweichung' : `${n} Abweichungen`),
    couldNotCheck: 'Konnte nicht geprüft werden',
    noRecords: 'Bietet keine Aufzeichnungen zum Abgleich',
    counts: (payments: number, checked: number) =>
      `${payments === 1 ? '1 Zahlung' : `${payments} Zahlungen`} an diesem Tag, ${checked} verglichen`,
    details: 'Details',
    openPayment: 'Zahlung öffnen',
    differencesTitle: 'Abweichungen',
    theirRef: (ref: string) => `Nummer beim Anbieter: ${ref}`,
    missing: (p: string, state: string, amount: string) =>
      `${p} hat keinen Eintrag zu dieser Zahlung. Bei uns: ${state}, ${amount}.`,
    unknown: (p: string, amount: string, state: string) =>
      `${p} führt eine Zahlung, die wir nicht kennen: ${amount}, ${state}.`,
    heldDiffers: (p: string, ours: string, theirs: string) =>
      `Reservierter Betrag weicht ab: bei uns ${ours}, bei ${p} ${theirs}.`,
    chargedDiffers: (p: string, ours: string, theirs: string) =>
      `Abgebuchter Betrag weicht ab: bei uns ${ours}, bei ${p} ${theirs}.`,
    stateDiffers: (p: string, ours: string, theirs: string) => `Status weicht ab: bei uns ${ours}, bei ${p} ${theirs}.`,
    currencyDiffers: (p: string, ours: string, theirs: string) =>
      `Währung weicht ab: bei uns ${ours}, bei ${p} ${theirs}.`,
    s_authorized: 'reserviert',
    s_approved: 'genehmigt',
    s_captured: 'abgebucht',
    s_released: 'freigegeben',
    s_voided: 'freigegeben',
    s_expired: 'abgelaufen',
    s_declined: 'abgelehnt',
    s_failed: 'fehlgeschlagen',
    s_unresolved: 'ungeklärt (bitte prüfen)',
    s_pending: 'noch in Bearbeitung',
    s_in_progress: 'noch in Bearbeitung',
    s_other: 'unklar',
  },
  tr: {
    tab: 'Mutabakat',
    title: 'Mutabakat',
    intro:
      'Bir günün ödemelerini her sağlayıcının kendi kayıtlarıyla karşılaştırır. Her fark burada gösterilir ve olay olarak bildirilir; hiçbir şey otomatik olarak değiştirilmez.',
    day: 'Gün',
    run: 'Bu günü kontrol et',
    running: 'Sağlayıcılarla karşılaştırılıyor…',
    alreadyRunning: 'Bir kontrol zaten çalışıyor. Sonucu bittiğinde burada görünür.',
    notYet: 'Bu gün henüz kontrol edilmedi.',
    lastRun: (at: string, by: string) => `Son kontrol: ${at}, ${by}`,
    byWindow: 'durum penceresinden',
    allMatch: 'Her şey tutuyor: Her ödeme sağlayıcıda bizdeki gibi kayıtlı.',
    someDiffer: (n: number) => `${n} fark bulundu`,
    notAll: 'Her şey kontrol edilemedi. Bu bir sonuç değil: Lütfen daha sonra tekrar kontrol edin.',
    noProviders: 'Kontrol edilecek bulut terminali yok.',
    checked: 'Fark yok',
    differences: (n: number) => `${n} fark`,
    couldNotCheck: 'Kontrol edilemedi',
    noRecords: 'Karşılaştırılacak kayıt sunmuyor',
    counts: (payments: number, checked: number) => `O gün ${payments} ödeme, ${checked} tanesi karşılaştırıldı`,
    details: 'Ayrıntılar',
    openPayment: 'Ödemeyi aç',
    differencesTitle: 'Farklar',
    theirRef: (ref: string) => `Sağlayıcıdaki numara: ${ref}`,
    missing: (p: string, state: string, amount: string) =>
      `${p} bu ödemenin kaydını tutmuyor. Bizde: ${state}, ${amount}.`,
    unknown: (p: string, amount: string, state: string) =>
      `${p}, bizde kaydı olmayan bir ödeme gösteriyor: ${amount}, ${state}.`,
    heldDiffers: (p: string, ours: string, theirs: string) =>
      `Provizyon tutarı farklı: bizde ${ours}, ${p} tarafında ${theirs}.`,
    chargedDiffers: (p: string, ours: string, theirs: string) =>
      `Tahsil edilen tutar farklı: bizde ${ours}, ${p} tarafında ${theirs}.`,
    stateDiffers: (p: string, ours: string, theirs: string) => `Durum farklı: bizde ${ours}, ${p} tarafında ${theirs}.`,
    currencyDiffers: (p: string, ours: string, theirs: string) =>
      `Para birimi farklı: bizde ${ours}, ${p} tarafında ${theirs}.`,
    s_authorized: 'provizyon alındı',
    s_approved: 'onaylandı',
    s_captured: 'tahsil edildi',
    s_released: 'serbest bırakıldı',
    s_voided: 'serbest bırakıldı',
    s_expired: 'süresi doldu',
    s_declined: 'reddedildi',
    s_failed: 'başarısız',
    s_unresolved: 'belirsiz (kontrol edilmeli)',
    s_pending: 'hâlâ işleniyor',
    s_in_progress: 'hâlâ işleniyor',
    s_other: 'belirsiz',
  },
});

/** A state word, ours or the provider's, in the chosen language. */
export function stateWord(state: string): string {
  const key = `s_${state}` as keyof typeof reconcileWords;
  const w = reconcileWords[key];
  return typeof w === 'string' ? w : reconcileWords.s_other;
}
