// The words of the Help page: what this posbridge is and where it keeps its data, and what to do in the
// situations staff meet most, each written from what posbridge does in them (README "When things go wrong").
import { messages } from './catalogue.js';

export const helpWords = messages({
  en: {
    title: 'Help',
    about: 'This posbridge',
    version: 'Version',
    dataDir: 'Data folder',
    logFile: 'Log file',
    logHint: 'The tray menu opens the logs folder. Support may ask for this file; it holds no card numbers.',
    notKnown: 'Not known while posbridge is not running',
    notSet: 'Not written to a file',
    whatToDo: 'What to do when…',
    offlineTitle: 'A terminal says “Offline”',
    offline1:
      'posbridge cannot reach this terminal. Payments cannot be taken on it; the other terminals go on working.',
    offline2:
      'Check that it is switched on. A terminal on a cable: check the cable to this PC. A terminal on the network or in the cloud: check its network or Wi-Fi. The card turns to “Ready” by itself once it answers.',
    providerTitle: 'A provider “cannot be reached” or “answers with errors”',
    provider1:
      'Check this PC’s internet connection. Charges, releases and changes of a held amount are kept on this PC and sent by themselves, in order, when the provider answers again. “Waiting to be sent” on the Status page shows how many; “Send now” tries at once.',
    provider2:
      'New holds on a terminal that reads the card (Blink, Lab4Pay) are refused while the provider cannot be reached. Others wait only within the limits set for this store; beyond them the till is told no.',
    doubtTitle: 'A payment says “Needs checking”',
    doubt1:
      'posbridge sent it but could not learn whether it went through, for example because the connection dropped. It keeps asking the provider where the provider allows it. Do not take the payment again before you know.',
    doubt2:
      'Check with the provider (its website or its phone line). Then, under “Needs attention”, choose “Record the outcome”, pick what the provider said and note who you checked with.',
    notRunningTitle: 'The window says “posbridge is not running”',
    notRunning1:
      'No card payments can be taken until it runs again. Start posbridge from its icon in the tray, or restart this PC. This window comes back by itself.',
    notRunning2:
      'Nothing saved is lost: posbridge writes every payment to its database before it leaves this PC. A payment that was under way is looked up when posbridge starts again, or shows as “Needs checking”.',
    signedOutTitle: 'The window asks you to sign in',
    signedOut1:
      'A sign-in lasts 12 hours. Open the status window again from the posbridge icon in the tray; it signs in by itself. A technician can also run “posbridge ui” on this PC and open the link it prints (it works once, for ten minutes).',
    holdTitle: 'A hold ends soon or must be charged or released',
    hold1:
      'A hold keeps the amount on the card until it is charged, released, or it expires. Charge or release it from the till as usual. “Needs attention” lists holds that expire within 24 hours and holds the till does not know of.',
    hold2:
      'If it is still open, charge or release it from its page under Transactions; if in doubt, ask the manager before releasing, because the money then goes back to the card.',
  },
  de: {
    title: 'Hilfe',
    about: 'Dieses posbridge',
    version: 'Version',
    dataDir: 'Datenordner',
    logFile: 'Protokolldatei',
    logHint:
      'Das Menü in der Taskleiste öffnet den Protokollordner. Der Support fragt eventuell nach dieser Datei; sie enthält keine Kartennummern.',
    notKnown: 'Unbekannt, solange posbridge nicht läuft',
    notSet: 'Wird nicht in eine Datei geschrieben',
    whatToDo: 'Was tun, wenn …',
    offlineTitle: 'Ein Terminal „Offline“ anzeigt',
    offline1:
      'posbridge erreicht dieses Terminal nicht. Daran können keine Zahlungen angenommen werden; die anderen Terminals arbeiten weiter.',
    offline2:
      'Prüfen Sie, ob es eingeschaltet ist. Terminal am Kabel: Prüfen Sie das Kabel zu diesem PC. Terminal im Netzwerk oder in der Cloud: Prüfen Sie Netzwerk oder WLAN. Die Karte zeigt von selbst wieder „Bereit“, sobald es antwortet.',
    providerTitle: 'Ein Zahlungsanbieter „nicht erreichbar“ ist oder „mit Fehlern antwortet“',
    provider1:
      'Prüfen Sie die Internetverbindung dieses PCs. Abbuchungen, Freigaben und geänderte Reservierungen bleiben auf diesem PC gespeichert und werden von selbst der Reihe nach gesendet, sobald der Anbieter wieder antwortet. „Wartet auf Versand“ auf der Statusseite zeigt, wie viele es sind; „Jetzt senden“ versucht es sofort.',
    provider2:
      'Neue Reservierungen an einem Terminal, das die Karte liest (Blink, Lab4Pay), werden abgelehnt, solange der Anbieter nicht erreichbar ist. Andere warten nur innerhalb der für diesen Laden eingestellten Grenzen; darüber hinaus bekommt die Kasse eine Absage.',
    doubtTitle: 'Eine Zahlung „Muss geprüft werden“ anzeigt',
    doubt1:
      'posbridge hat sie gesendet, konnte aber nicht erfahren, ob sie durchgegangen ist, zum Beispiel weil die Verbindung abbrach. Wo der Anbieter es erlaubt, fragt posbridge weiter nach. Nehmen Sie die Zahlung nicht noch einmal an, bevor Sie es wissen.',
    doubt2:
      'Fragen Sie beim Zahlungsanbieter nach (Website oder Telefon). Wählen Sie dann unter „Zu erledigen“ „Ergebnis eintragen“, wählen Sie die Antwort des Anbieters und notieren Sie, bei wem Sie nachgefragt haben.',
    notRunningTitle: 'Das Fenster „posbridge läuft nicht“ anzeigt',
    notRunning1:
      'Bis es wieder läuft, können keine Kartenzahlungen angenommen werden. Starten Sie posbridge über sein Symbol in der Taskleiste oder starten Sie diesen PC neu. Dieses Fenster meldet sich von selbst zurück.',
    notRunning2:
      'Gespeichertes geht nicht verloren: posbridge schreibt jede Zahlung in seine Datenbank, bevor sie diesen PC verlässt. Eine Zahlung, die gerade lief, wird beim nächsten Start nachgefragt oder als „Muss geprüft werden“ angezeigt.',
    signedOutTitle: 'Das Fenster eine Anmeldung verlangt',
    signedOut1:
      'Eine Anmeldung gilt 12 Stunden. Öffnen Sie das Statusfenster erneut über das posbridge-Symbol in der Taskleiste; es meldet sich selbst an. Ein Techniker kann auch auf diesem PC „posbridge ui“ ausführen und den angezeigten Link öffnen (einmal gültig, zehn Minuten lang).',
    holdTitle: 'Eine Reservierung bald abläuft oder abgebucht bzw. freigegeben werden muss',
    hold1:
      'Eine Reservierung hält den Betrag auf der Karte, bis er abgebucht, freigegeben wird oder sie abläuft. Buchen Sie ab oder geben Sie frei wie gewohnt an der Kasse. „Zu erledigen“ zeigt Reservierungen, die in 24 Stunden ablaufen, und solche, die die Kasse nicht kennt.',
    hold2:
      'Ist sie noch offen, buchen Sie sie auf ihrer Seite unter Transaktionen ab oder geben Sie sie dort frei. Fragen Sie im Zweifel die Filialleitung, bevor Sie freigeben: Das Geld geht dann an die Karte zurück.',
  },
  tr: {
    title: 'Yardım',
    about: 'Bu posbridge',
    version: 'Sürüm',
    dataDir: 'Veri klasörü',
    logFile: 'Günlük dosyası',
    logHint:
      'Görev çubuğundaki menü günlük klasörünü açar. Destek ekibi bu dosyayı isteyebilir; içinde kart numarası yoktur.',
    notKnown: 'posbridge çalışmadığı sürece bilinmiyor',
    notSet: 'Bir dosyaya yazılmıyor',
    whatToDo: 'Şu durumda ne yapmalı…',
    offlineTitle: 'Bir terminal “Çevrim dışı” görünüyorsa',
    offline1:
      'posbridge bu terminale ulaşamıyor. Bu terminalden ödeme alınamaz; diğer terminaller çalışmaya devam eder.',
    offline2:
      'Terminalin açık olduğunu kontrol edin. Kabloyla bağlı terminal: bu bilgisayara giden kabloyu kontrol edin. Ağdaki ya da buluttaki terminal: ağ veya Wi-Fi bağlantısını kontrol edin. Terminal yanıt verince kart kendiliğinden “Hazır” olur.',
    providerTitle: 'Bir ödeme kuruluşuna “ulaşılamıyor” ya da kuruluş “hata döndürüyor” ise',
    provider1:
      'Bu bilgisayarın internet bağlantısını kontrol edin. Tahsilatlar, iptaller ve provizyon tutarı değişiklikleri bu bilgisayarda saklanır ve kuruluş yeniden yanıt verince sırayla kendiliğinden gönderilir. Durum sayfasındaki “Gönderilmeyi bekleyenler” kaç tane olduğunu gösterir; “Şimdi gönder” hemen dener.',
    provider2:
      'Kuruluşa ulaşılamadığı sürece kartı okuyan bir terminalde (Blink, Lab4Pay) yeni provizyon reddedilir. Diğerleri yalnızca bu mağaza için belirlenen sınırlar içinde bekler; sınır aşılırsa kasaya ret yanıtı gider.',
    doubtTitle: 'Bir ödemede “Kontrol gerekli” yazıyorsa',
    doubt1:
      'posbridge ödemeyi gönderdi ama gerçekleşip gerçekleşmediğini öğrenemedi; örneğin bağlantı koptu. Kuruluş izin veriyorsa posbridge sormaya devam eder. Sonucu öğrenmeden ödemeyi yeniden almayın.',
    doubt2:
      'Ödeme kuruluşuna sorun (web sitesi ya da telefon hattı). Sonra “İlgilenilmesi gerekenler” altında “Sonucu kaydet”i seçin, kuruluşun yanıtını işaretleyin ve kiminle görüştüğünüzü not edin.',
    notRunningTitle: 'Pencerede “posbridge çalışmıyor” yazıyorsa',
    notRunning1:
      'posbridge yeniden çalışana kadar kartlı ödeme alınamaz. posbridge’i görev çubuğundaki simgesinden başlatın ya da bu bilgisayarı yeniden başlatın. Bu pencere kendiliğinden geri gelir.',
    notRunning2:
      'Kaydedilen hiçbir şey kaybolmaz: posbridge her ödemeyi bu bilgisayardan çıkmadan önce veritabanına yazar. O sırada süren bir ödeme, posbridge yeniden başlayınca sorgulanır ya da “Kontrol gerekli” olarak gösterilir.',
    signedOutTitle: 'Pencere oturum açmanızı istiyorsa',
    signedOut1:
      'Bir oturum 12 saat sürer. Durum penceresini görev çubuğundaki posbridge simgesinden yeniden açın; oturum kendiliğinden açılır. Bir teknisyen bu bilgisayarda “posbridge ui” komutunu çalıştırıp verdiği bağlantıyı da açabilir (bir kez, on dakika geçerlidir).',
    holdTitle: 'Bir provizyonun süresi doluyorsa ya da tahsil edilmesi veya iptal edilmesi gerekiyorsa',
    hold1:
      'Provizyon, tahsil edilene, iptal edilene ya da süresi dolana kadar tutarı kartta tutar. Her zamanki gibi kasadan tahsil edin ya da iptal edin. “İlgilenilmesi gerekenler”, 24 saat içinde süresi dolacak provizyonları ve kasanın bilmediği provizyonları gösterir.',
    hold2:
      'Hâlâ açıksa İşlemler altındaki sayfasından tahsil edin ya da iptal edin. Emin değilseniz iptal etmeden önce mağaza müdürüne sorun: iptal edilen tutar karta geri döner.',
  },
});
