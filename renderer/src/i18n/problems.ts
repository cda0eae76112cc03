// The headline and the problems behind it, said from the codes and facts the daemon sends with each
// problem (GET /v1/status), so German and Turkish staff never read the daemon's English. A code this
// window does not know yet (a newer daemon) shows the daemon's own text.
import { messages } from './catalogue.js';
import { providerWords } from './common.js';

/** The facts a problem's words are made of, as GET /v1/status sends them. */
export interface ProblemFacts {
  readonly provider?: string;
  readonly terminal?: string;
  readonly queued?: number;
  readonly count?: number;
  readonly direct?: boolean;
  /** A terminal of this PC's reached over the network (ZVT over TCP), not by cable. */
  readonly network?: boolean;
}

type Say = (p: ProblemFacts) => string;

/** The kinds of problem the daemon names (bridge/api/status-line.ts); each language must say every one. */
export type ProblemCode =
  | 'database_unwritable'
  | 'integrity_failed'
  | 'stopping'
  | 'paused'
  | 'not_paired'
  | 'provider_failing'
  | 'provider_unreachable'
  | 'terminal_offline'
  | 'no_terminal_works'
  | 'no_terminals'
  | 'unresolved'
  | 'orphan_holds'
  | 'follow_up_failed';

const P = (p: ProblemFacts) => {
  const code = p.provider ?? '';
  return (providerWords as unknown as Record<string, string | undefined>)[code] ?? code;
};
const n = (p: ProblemFacts) => p.queued ?? p.count ?? 0;
/** ZVT terminals are card terminals; a cloud one is named by its provider. */
const enTerminal = (p: ProblemFacts) => `${p.provider === 'zvt' ? 'Card' : P(p)} terminal ${p.terminal ?? ''}`;
const deTerminal = (p: ProblemFacts) =>
  p.provider === 'zvt' ? `Kartenterminal ${p.terminal ?? ''}` : `${P(p)}-Terminal ${p.terminal ?? ''}`;
const trTerminal = (p: ProblemFacts) =>
  p.provider === 'zvt' ? `Kart terminali ${p.terminal ?? ''}` : `${P(p)} terminali ${p.terminal ?? ''}`;

export const problemText = messages<Record<ProblemCode, Say>>({
  en: {
    database_unwritable: () => 'Card payments are stopped: posbridge cannot save to its database',
    integrity_failed: () => 'The database failed its integrity check; card payments still work',
    stopping: () => 'posbridge is stopping',
    paused: () => 'Paused: posbridge takes no new card payments',
    not_paired: (p) => `${enTerminal(p)} is not paired yet`,
    provider_failing: (p) => `${P(p)} is not working for ${p.terminal}`,
    provider_unreachable: (p) => `${P(p)} cannot be reached for ${p.terminal}`,
    terminal_offline: (p) => `${enTerminal(p)} is offline`,
    no_terminal_works: () => 'No terminal can take card payments now',
    no_terminals: () => 'No terminal is set up yet',
    unresolved: (p) => (n(p) === 1 ? '1 payment needs checking' : `${n(p)} payments need checking`),
    orphan_holds: (p) => (n(p) === 1 ? '1 hold the till does not know of' : `${n(p)} holds the till does not know of`),
    follow_up_failed: (p) =>
      n(p) === 1 ? '1 charge or release did not go through' : `${n(p)} charges or releases did not go through`,
  },
  de: {
    database_unwritable: () => 'Kartenzahlungen gestoppt: posbridge kann nicht in seine Datenbank schreiben',
    integrity_failed: () => 'Die Datenbank hat die Integritätsprüfung nicht bestanden; Kartenzahlungen gehen weiter',
    stopping: () => 'posbridge wird beendet',
    paused: () => 'Pausiert: posbridge nimmt keine neuen Kartenzahlungen an',
    not_paired: (p) => `${deTerminal(p)} ist noch nicht gekoppelt`,
    provider_failing: (p) => `${P(p)} funktioniert für ${p.terminal} nicht`,
    provider_unreachable: (p) => `${P(p)} ist für ${p.terminal} nicht erreichbar`,
    terminal_offline: (p) => `${deTerminal(p)} ist offline`,
    no_terminal_works: () => 'Kein Terminal kann gerade Kartenzahlungen annehmen',
    no_terminals: () => 'Noch kein Terminal eingerichtet',
    unresolved: (p) => (n(p) === 1 ? '1 Zahlung muss geprüft werden' : `${n(p)} Zahlungen müssen geprüft werden`),
    orphan_holds: (p) =>
      n(p) === 1 ? '1 Reservierung, die die Kasse nicht kennt' : `${n(p)} Reservierungen, die die Kasse nicht kennt`,
    follow_up_failed: (p) =>
      n(p) === 1
        ? '1 Abbuchung oder Freigabe ist nicht durchgegangen'
        : `${n(p)} Abbuchungen oder Freigaben sind nicht durchgegangen`,
  },
  tr: {
    database_unwritable: () => 'Kartlı ödemeler durdu: posbridge veritabanına yazamıyor',
    integrity_failed: () => 'Veritabanı bütünlük denetimini geçemedi; kartlı ödemeler sürüyor',
    stopping: () => 'posbridge kapanıyor',
    paused: () => 'Duraklatıldı: posbridge yeni kartlı ödeme almıyor',
    not_paired: (p) => `${trTerminal(p)} henüz eşleştirilmedi`,
    provider_failing: (p) => `${P(p)}, ${p.terminal} için çalışmıyor`,
    provider_unreachable: (p) => `${p.terminal} için ${P(p)} hizmetine ulaşılamıyor`,
    terminal_offline: (p) => `${trTerminal(p)} çevrim dışı`,
    no_terminal_works: () => 'Şu anda hiçbir terminal kartlı ödeme alamıyor',
    no_terminals: () => 'Henüz kurulu terminal yok',
    unresolved: (p) => `${n(p)} ödeme kontrol edilmeli`,
    orphan_holds: (p) => `Kasanın bilmediği ${n(p)} provizyon`,
    follow_up_failed: (p) => `${n(p)} tahsilat veya provizyon iptali gerçekleşmedi`,
  },
});

export const problemAdvice = messages<Record<ProblemCode, Say>>({
  en: {
    database_unwritable: () =>
      'Check that this PC has free disk space, then restart posbridge. Call support if it stays.',
    integrity_failed: () =>
      'Call support today: posbridge needs a technician to copy the data folder and repair the database. Do not delete anything.',
    stopping: () => 'It starts again from the posbridge icon in the tray.',
    paused: () => 'Choose "Resume" in the posbridge menu when ready. Open holds can still be charged or released.',
    not_paired: () => 'A technician pairs it from "Pair a terminal" in the posbridge menu.',
    provider_failing: (p) =>
      `${P(p)} answers, but with errors. ${
        n(p) === 0
          ? 'Payments are tried again by themselves.'
          : n(p) === 1
            ? '1 waiting payment is tried again by itself.'
            : `${n(p)} waiting payments are tried again by themselves.`
      } Call support if it stays.`,
    provider_unreachable: (p) =>
      `Check this PC's internet connection. ${
        n(p) === 0
          ? 'Payments wait here and go out when it is back.'
          : n(p) === 1
            ? '1 waiting payment goes out when it is back.'
            : `${n(p)} waiting payments go out when it is back.`
      }`,
    terminal_offline: (p) =>
      !p.direct
        ? 'Check its power and network.'
        : p.network
          ? 'Check its power, its network connection and its IP address.'
          : 'Check its power and its cable to this PC.',
    no_terminal_works: () => 'Check the terminals below.',
    no_terminals: () => 'A technician adds one from "Pair a terminal" in the posbridge menu.',
    unresolved: () =>
      'posbridge could not learn whether it went through. Open the status window and settle it after checking with the provider.',
    orphan_holds: () =>
      'The card was approved after the till was told to wait, and the till never asked again. Capture it from the till, or release it in Transactions.',
    follow_up_failed: () =>
      'The till was told it was under way; then the provider refused it or it failed. Open it under Needs attention and charge or release it again, or check with the provider.',
  },
  de: {
    database_unwritable: () =>
      'Prüfen Sie, ob auf diesem PC Speicherplatz frei ist, und starten Sie posbridge neu. Bleibt es so, rufen Sie den Support an.',
    integrity_failed: () =>
      'Rufen Sie heute noch den Support an: Ein Techniker muss den Datenordner sichern und die Datenbank reparieren. Löschen Sie nichts.',
    stopping: () => 'Sie starten es wieder über das posbridge-Symbol in der Taskleiste.',
    paused: () =>
      'Wählen Sie oben „Zahlungen wieder annehmen“, wenn Sie bereit sind. Offene Reservierungen können weiter abgebucht oder freigegeben werden.',
    not_paired: () => 'Ein Techniker koppelt es unter „Terminal koppeln“.',
    provider_failing: (p) =>
      `${P(p)} antwortet, aber mit Fehlern. ${
        n(p) === 0
          ? 'Zahlungen werden von selbst erneut versucht.'
          : n(p) === 1
            ? '1 wartende Zahlung wird von selbst erneut versucht.'
            : `${n(p)} wartende Zahlungen werden von selbst erneut versucht.`
      } Bleibt es so, rufen Sie den Support an.`,
    provider_unreachable: (p) =>
      `Prüfen Sie die Internetverbindung dieses PCs. ${
        n(p) === 0
          ? 'Zahlungen warten hier und werden gesendet, sobald die Verbindung wieder steht.'
          : n(p) === 1
            ? '1 wartende Zahlung wird gesendet, sobald die Verbindung wieder steht.'
            : `${n(p)} wartende Zahlungen werden gesendet, sobald die Verbindung wieder steht.`
      }`,
    terminal_offline: (p) =>
      !p.direct
        ? 'Prüfen Sie Strom und Netzwerk des Terminals.'
        : p.network
          ? 'Prüfen Sie den Strom, die Netzwerkverbindung und die IP-Adresse des Terminals.'
          : 'Prüfen Sie den Strom und das Kabel zu diesem PC.',
    no_terminal_works: () => 'Prüfen Sie die Terminals unten.',
    no_terminals: () => 'Ein Techniker richtet eines unter „Terminal koppeln“ ein.',
    unresolved: () =>
      'posbridge konnte nicht erfahren, ob sie durchgegangen ist. Fragen Sie beim Zahlungsanbieter nach und tragen Sie das Ergebnis unten ein.',
    orphan_holds: () =>
      'Die Karte wurde genehmigt, nachdem die Kasse zum Warten aufgefordert war, und die Kasse hat nicht mehr nachgefragt. Buchen Sie sie an der Kasse ab oder geben Sie sie unter Transaktionen frei.',
    follow_up_failed: () =>
      'Die Kasse hat „wird bearbeitet“ erhalten; danach hat der Anbieter abgelehnt oder es ist fehlgeschlagen. Öffnen Sie die Zahlung unter „Zu erledigen“ und buchen Sie erneut ab oder geben Sie frei, oder fragen Sie beim Anbieter nach.',
  },
  tr: {
    database_unwritable: () =>
      'Bu bilgisayarda boş disk alanı olup olmadığını kontrol edin, sonra posbridge’i yeniden başlatın. Sorun sürerse destek hattını arayın.',
    integrity_failed: () =>
      'Bugün destek hattını arayın: bir teknisyenin veri klasörünü kopyalayıp veritabanını onarması gerekiyor. Hiçbir şeyi silmeyin.',
    stopping: () => 'Görev çubuğundaki posbridge simgesinden yeniden başlatabilirsiniz.',
    paused: () =>
      'Hazır olduğunuzda yukarıdaki “Ödeme almaya devam et” düğmesine basın. Açık provizyonlar yine tahsil edilebilir ya da iptal edilebilir.',
    not_paired: () => 'Bir teknisyen “Terminal eşleştir” bölümünden eşleştirir.',
    provider_failing: (p) =>
      `${P(p)} yanıt veriyor ama hata döndürüyor. ${
        n(p) === 0 ? 'Ödemeler kendiliğinden yeniden denenir.' : `Bekleyen ${n(p)} ödeme kendiliğinden yeniden denenir.`
      } Sorun sürerse destek hattını arayın.`,
    provider_unreachable: (p) =>
      `Bu bilgisayarın internet bağlantısını kontrol edin. ${
        n(p) === 0
          ? 'Ödemeler burada bekler, bağlantı gelince gönderilir.'
          : `Bekleyen ${n(p)} ödeme bağlantı gelince gönderilir.`
      }`,
    terminal_offline: (p) =>
      !p.direct
        ? 'Terminalin elektriğini ve ağ bağlantısını kontrol edin.'
        : p.network
          ? 'Terminalin elektriğini, ağ bağlantısını ve IP adresini kontrol edin.'
          : 'Terminalin elektriğini ve bu bilgisayara giden kablosunu kontrol edin.',
    no_terminal_works: () => 'Aşağıdaki terminalleri kontrol edin.',
    no_terminals: () => 'Bir teknisyen “Terminal eşleştir” bölümünden terminal ekler.',
    unresolved: () =>
      'posbridge ödemenin gerçekleşip gerçekleşmediğini öğrenemedi. Ödeme kuruluşuna sorun, sonra sonucu aşağıya kaydedin.',
    orphan_holds: () =>
      'Kart, kasaya beklemesi söylendikten sonra onaylandı ve kasa bir daha sormadı. Kasadan tahsil edin ya da İşlemler bölümünden iptal edin.',
    follow_up_failed: () =>
      'Kasaya işlemin sürdüğü bildirildi; sonra ödeme kuruluşu reddetti ya da işlem başarısız oldu. Ödemeyi “İlgilenilmesi gerekenler” bölümünden açıp yeniden tahsil edin veya provizyonu iptal edin ya da ödeme kuruluşuna danışın.',
  },
});

export const headlineWords = messages({
  en: {
    works: (terminals: number) =>
      terminals === 1 ? 'Card payments work' : `Card payments work on all ${terminals} terminals`,
    andMore: (text: string, more: number) => `${text} (and ${more} more)`,
    checking: 'Checking…',
    notRunning: 'posbridge is not running',
    notRunningAdvice:
      'Card payments cannot be taken now. Start posbridge from its icon in the tray; this window comes back by itself when it runs.',
    resume: 'Resume taking payments',
  },
  de: {
    works: (terminals: number) =>
      terminals === 1
        ? 'Kartenzahlungen funktionieren'
        : `Kartenzahlungen funktionieren an allen ${terminals} Terminals`,
    andMore: (text: string, more: number) => `${text} (und ${more} weitere)`,
    checking: 'Wird geprüft…',
    notRunning: 'posbridge läuft nicht',
    notRunningAdvice:
      'Kartenzahlungen sind gerade nicht möglich. Starten Sie posbridge über sein Symbol in der Taskleiste; dieses Fenster meldet sich von selbst zurück, sobald es läuft.',
    resume: 'Zahlungen wieder annehmen',
  },
  tr: {
    works: (terminals: number) =>
      terminals === 1 ? 'Kartlı ödemeler çalışıyor' : `Kartlı ödemeler ${terminals} terminalin hepsinde çalışıyor`,
    andMore: (text: string, more: number) => `${text} (ve ${more} sorun daha)`,
    checking: 'Kontrol ediliyor…',
    notRunning: 'posbridge çalışmıyor',
    notRunningAdvice:
      'Şu anda kartlı ödeme alınamıyor. posbridge’i görev çubuğundaki simgesinden başlatın; çalıştığında bu pencere kendiliğinden güncellenir.',
    resume: 'Ödeme almaya devam et',
  },
});

interface StatusProblem {
  readonly level: string;
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  readonly text: string;
  readonly advice: string;
}

const known = (code: string | undefined): code is ProblemCode => code !== undefined && code in problemText;

/** One problem in the chosen language: its text and what to do. */
export function sayProblem(
  p: StatusProblem,
  all: readonly StatusProblem[] = [],
): { readonly text: string; readonly advice: string } {
  if (!known(p.code)) return { text: p.text, advice: p.advice };
  const facts = (p.params ?? {}) as ProblemFacts & { advice_of?: number };
  // "No terminal works" gives the advice of the problem that is its cause, as the daemon does.
  const lender = p.code === 'no_terminal_works' && facts.advice_of !== undefined ? all[facts.advice_of] : undefined;
  const advice = lender && lender !== p ? sayProblem(lender, all).advice : problemAdvice[p.code](facts);
  return { text: problemText[p.code](facts), advice };
}

/** The headline and its advice, composed as the daemon composes its English one (bridge/api/status-line.ts). */
export function sayHeadline(s: {
  readonly level: string;
  readonly problems: readonly StatusProblem[];
  readonly terminals: { readonly total: number };
}): { readonly headline: string; readonly advice: string } {
  const first = s.problems[0];
  if (!first) return { headline: headlineWords.works(s.terminals.total), advice: '' };
  const said = sayProblem(first, s.problems);
  const headline =
    s.problems.length > 1 && s.level !== 'down' ? headlineWords.andMore(said.text, s.problems.length - 1) : said.text;
  return { headline, advice: said.advice };
}
