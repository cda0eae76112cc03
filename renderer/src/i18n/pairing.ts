// The pairing wizard's words (choosing, finding, naming and testing a terminal, the test payment, and the
// advice when a step fails), in the three languages side by side.
import { messages } from './catalogue.js';

type S = string;

export const pairWords = messages({
  en: {
    kindSerialTitle: 'Card terminal on a USB or serial cable',
    kindSerialHint: 'A ZVT terminal plugged into this PC.',
    kindTcpTitle: 'Card terminal on the network',
    kindTcpHint: 'A ZVT terminal reached by its IP address.',
    kindLab4payTitle: 'Lab4Pay terminal',
    kindLab4payHint: 'Needs the one-time password the terminal shows.',
    kindBlinkTitle: 'Blink terminal',
    kindBlinkHint: "Picked from your Blink account's terminal list.",
    kindPayrocTitle: 'Payroc account',
    kindPayrocHint: 'Cards typed in at the POS; needs the processing terminal id from Payroc.',

    heading: 'Pair a terminal',
    headingKind: (kind: S) => `Pair a terminal: ${kind}`,
    whatKind: 'What kind of terminal are you adding?',
    startAgain: 'Start again',
    next: 'Next',
    finish: 'Finish',

    plugIn: 'Plug the terminal into this PC and switch it on, then look for it.',
    scan: 'Look for terminals',
    noPorts: 'No cable port found. Check the USB cable, wait a few seconds and look again, or type the port in below.',
    scanFailed: 'This PC could not list its ports. Type the port name below.',
    unknownDevice: 'unknown device',
    serialNumber: (s: S) => `serial ${s}`,
    manualLabel: 'Or type the port name',
    manualHint: 'As Windows Device Manager shows it (COM3), or the device on Linux (/dev/ttyUSB0).',
    manualBad: 'This is not a port name. Use COM and a number (COM3), or a path such as /dev/ttyUSB0.',
    usePort: 'Use this port',

    addressLabel: "The terminal's address (IP or name, and port if not 20007)",
    addressHint: "Shown in the terminal's network settings, e.g. 192.168.1.40:20007.",
    getList: 'Get the terminal list',
    online: 'online',
    offline: 'offline',
    payrocLabel: 'Payroc processing terminal id',
    payrocHint: "From the Payroc onboarding papers; Payroc's API has no list of them.",

    nameLabel: 'Name staff will see',
    namePlaceholder: 'e.g. Front desk',
    idLabel: 'Terminal id for the POS',
    idBad: 'Use letters, digits, dots, dashes or underscores.',
    currencyLabel: 'Currency',
    currencyDefault: (provider: S, code: S) =>
      `${code} is ${provider}'s own default; change it if this terminal takes another currency.`,
    passwordLabel: 'ECR password',
    passwordHint: 'The 6-digit password set on the terminal for the till (000000 unless the installer changed it).',
    passwordBad: 'Six digits, no letters or spaces.',
    profileLabel: 'Terminal profile',
    profileSpecTitle: 'Standard ZVT',
    profileSpecText:
      'For most terminals: hold, raise, charge and release as the ZVT specification describes them. Choose this unless the supplier says otherwise.',
    profileCardCompleteTitle: 'card complete',
    profileCardCompleteText:
      'For card complete terminals: a charge names the receipt number, date and time; a hold cannot be released in part.',
    profileFeigTitle: 'Feig',
    profileFeigText:
      'For Feig card readers, as in EV chargers: a hold cannot be raised; a charge releases the part not used.',
    baudLabel: 'Speed (baud rate)',
    baudHint: 'As set on the terminal; 9600 unless its menu says otherwise.',
    blinkSite: 'Blink site/branch id',
    blinkLocation: 'Blink POS location',
    save: 'Save the terminal',

    saving: 'Saving the terminal…',
    stepConnectSerial: (path: S) => `Opening the port ${path}`,
    stepConnectTcp: (where: S) => `Connecting to ${where}`,
    stepRegistration: 'Registering with the terminal (06 00) with the ECR password',
    stepAnswer: 'Waiting for the terminal to confirm',
    stepStatus: 'Asking the terminal for its status (05 01)',
    running: 'in progress',
    done: 'done',
    failed: 'failed',
    answered: (tid: S, software: S) =>
      `The terminal answered: terminal id ${tid}${software ? `, software ${software}` : ''}.`,
    savedAs: (name: S, id: S) => `“${name}” is saved as terminal ${id}.`,
    failedTitle: 'The terminal did not answer as it should.',
    testAgain: 'Test again',
    changeSettings: 'Change the settings',

    netRefused: (where: S) =>
      `The terminal at ${where} refused the connection. Check the IP address and port, and that the terminal's ECR interface over network is switched on.`,
    netUnreachable: (where: S) =>
      `${where} cannot be reached from this PC. Check that this PC and the terminal are in the same network and that the IP address is right.`,
    netTimeout: (where: S) =>
      `The terminal at ${where} does not answer. Check that it is switched on and connected to the network, and the IP address.`,
    netName: (host: S) => `The name ${host} is not known in this network. Enter the terminal's IP address instead.`,
    netDropped:
      'The terminal closed the connection. Check that no other till is connected to it: a ZVT terminal talks to one till at a time.',
    portMissing: (path: S) =>
      `There is no port ${path} on this PC. Check the port name (Windows shows it in Device Manager) and that the cable is plugged in.`,
    portBusy: (path: S) =>
      `The port ${path} is in use by another program. Close that program (an old till program or a terminal tool) and try again.`,
    portDenied: (path: S) =>
      `posbridge may not open ${path}. On Linux, add the posbridge user to the dialout group; on Windows, close the program that holds the port.`,
    cableNoAck:
      'The terminal does not answer on the cable. Check the cable, the port name and the baud rate, and that the terminal is switched on and set to a till on the serial port.',
    cableLost: 'The connection on the cable broke. Check the cable and its plugs.',
    noAnswer: 'The terminal took too long to answer. Check that it is idle (no menu open) and test again.',
    refused: (code: S) =>
      `The terminal refused the registration (result code ${code}). Check the ECR password and the terminal profile.`,
    unknown: (detail: S) => `The test failed: ${detail}`,
    cloudUnreachable: (provider: S) =>
      `${provider} cannot be reached. Check this PC's internet connection and try again.`,
    cloudCredentials: (provider: S) =>
      `${provider} refused posbridge's access details. Check ${provider}'s API key and secret (Lab4Pay: the integrator id) in posbridge's settings.`,
    otpRefused:
      'Lab4Pay refused the one-time password. Make a new one on the terminal (Settings → Pay-Connect → Pair) and type it exactly as shown.',
    idTaken: (id: S) => `A terminal with the id ${id} exists already. Choose another id.`,
    invalid: 'Some details are not valid. Check the fields and try again.',
    daemonDown: 'posbridge is not running. Start posbridge and try again.',
    otpLabel: 'The one-time password the terminal shows',
    otpHint: 'On the Lab4Pay terminal: Settings → Pay-Connect → Pair.',
  },
  de: {
    kindSerialTitle: 'Kartenterminal am USB- oder seriellen Kabel',
    kindSerialHint: 'Ein ZVT-Terminal, das an diesem PC angeschlossen ist.',
    kindTcpTitle: 'Kartenterminal im Netzwerk',
    kindTcpHint: 'Ein ZVT-Terminal, erreichbar über seine IP-Adresse.',
    kindLab4payTitle: 'Lab4Pay-Terminal',
    kindLab4payHint: 'Braucht das Einmalpasswort, das das Terminal anzeigt.',
    kindBlinkTitle: 'Blink-Terminal',
    kindBlinkHint: 'Wird aus der Terminalliste Ihres Blink-Kontos gewählt.',
    kindPayrocTitle: 'Payroc-Konto',
    kindPayrocHint: 'Karten werden an der Kasse eingetippt; braucht die Processing-Terminal-ID von Payroc.',

    heading: 'Terminal koppeln',
    headingKind: (kind: S) => `Terminal koppeln: ${kind}`,
    whatKind: 'Welche Art von Terminal möchten Sie hinzufügen?',
    startAgain: 'Von vorn beginnen',
    next: 'Weiter',
    finish: 'Fertig',

    plugIn: 'Schließen Sie das Terminal an diesen PC an, schalten Sie es ein und suchen Sie es dann.',
    scan: 'Nach Terminals suchen',
    noPorts:
      'Kein Kabelanschluss gefunden. Prüfen Sie das USB-Kabel, warten Sie ein paar Sekunden und suchen Sie erneut – oder geben Sie den Anschluss unten ein.',
    scanFailed: 'Dieser PC konnte seine Anschlüsse nicht auflisten. Geben Sie den Anschlussnamen unten ein.',
    unknownDevice: 'unbekanntes Gerät',
    serialNumber: (s: S) => `Seriennr. ${s}`,
    manualLabel: 'Oder den Anschluss eingeben',
    manualHint: 'So, wie ihn der Windows-Geräte-Manager zeigt (COM3), unter Linux das Gerät (/dev/ttyUSB0).',
    manualBad: 'Das ist kein Anschlussname. Geben Sie COM mit einer Zahl ein (COM3) oder einen Pfad wie /dev/ttyUSB0.',
    usePort: 'Diesen Anschluss verwenden',

    addressLabel: 'Adresse des Terminals (IP oder Name, dazu der Port, falls nicht 20007)',
    addressHint: 'Steht in den Netzwerkeinstellungen des Terminals, z. B. 192.168.1.40:20007.',
    getList: 'Terminalliste abrufen',
    online: 'online',
    offline: 'offline',
    payrocLabel: 'Payroc-Processing-Terminal-ID',
    payrocHint: 'Aus den Onboarding-Unterlagen von Payroc; die Payroc-API bietet keine Liste davon.',

    nameLabel: 'Name, den das Personal sieht',
    namePlaceholder: 'z. B. Kasse vorn',
    idLabel: 'Terminal-ID für die Kasse',
    idBad: 'Nur Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche.',
    currencyLabel: 'Währung',
    currencyDefault: (provider: S, code: S) =>
      `${code} ist die Standardwährung von ${provider}; ändern Sie sie, wenn dieses Terminal eine andere Währung nutzt.`,
    passwordLabel: 'Kassenpasswort (ECR-Passwort)',
    passwordHint:
      'Das sechsstellige Passwort, das am Terminal für die Kasse eingestellt ist (000000, sofern der Installateur es nicht geändert hat).',
    passwordBad: 'Sechs Ziffern, ohne Buchstaben oder Leerzeichen.',
    profileLabel: 'Terminalprofil',
    profileSpecTitle: 'Standard-ZVT',
    profileSpecText:
      'Für die meisten Terminals: Reservieren, Erhöhen, Buchen und Freigeben so, wie die ZVT-Spezifikation es beschreibt. Wählen Sie dieses Profil, wenn der Lieferant nichts anderes sagt.',
    profileCardCompleteTitle: 'card complete',
    profileCardCompleteText:
      'Für Terminals von card complete: Gebucht wird mit Belegnummer, Datum und Uhrzeit; eine Reservierung lässt sich nicht teilweise freigeben.',
    profileFeigTitle: 'Feig',
    profileFeigText:
      'Für Feig-Kartenleser, etwa in Ladesäulen: Eine Reservierung lässt sich nicht erhöhen; gebucht wird, indem der nicht genutzte Teil freigegeben wird.',
    baudLabel: 'Geschwindigkeit (Baudrate)',
    baudHint: 'Wie am Terminal eingestellt; 9600, sofern sein Menü nichts anderes zeigt.',
    blinkSite: 'Blink-Standort-/Filial-ID',
    blinkLocation: 'Blink-Kassenplatz',
    save: 'Terminal speichern',

    saving: 'Terminal wird gespeichert …',
    stepConnectSerial: (path: S) => `Anschluss ${path} wird geöffnet`,
    stepConnectTcp: (where: S) => `Verbindung zu ${where} wird aufgebaut`,
    stepRegistration: 'Anmeldung am Terminal (06 00) mit dem Kassenpasswort',
    stepAnswer: 'Warten auf die Bestätigung des Terminals',
    stepStatus: 'Statusabfrage beim Terminal (05 01)',
    running: 'läuft',
    done: 'erledigt',
    failed: 'fehlgeschlagen',
    answered: (tid: S, software: S) =>
      `Das Terminal hat geantwortet: Terminal-ID ${tid}${software ? `, Software ${software}` : ''}.`,
    savedAs: (name: S, id: S) => `„${name}“ ist als Terminal ${id} gespeichert.`,
    failedTitle: 'Das Terminal hat nicht wie erwartet geantwortet.',
    testAgain: 'Erneut testen',
    changeSettings: 'Einstellungen ändern',

    netRefused: (where: S) =>
      `Das Terminal unter ${where} hat die Verbindung abgelehnt. Prüfen Sie IP-Adresse und Port und ob am Terminal die Kassenschnittstelle (ECR) über Netzwerk eingeschaltet ist.`,
    netUnreachable: (where: S) =>
      `${where} ist von diesem PC aus nicht erreichbar. Prüfen Sie, ob PC und Terminal im selben Netzwerk sind und ob die IP-Adresse stimmt.`,
    netTimeout: (where: S) =>
      `Das Terminal unter ${where} antwortet nicht. Prüfen Sie, ob es eingeschaltet und mit dem Netzwerk verbunden ist, und die IP-Adresse.`,
    netName: (host: S) =>
      `Der Name ${host} ist in diesem Netzwerk unbekannt. Geben Sie stattdessen die IP-Adresse des Terminals ein.`,
    netDropped:
      'Das Terminal hat die Verbindung getrennt. Prüfen Sie, ob keine andere Kasse mit ihm verbunden ist: Ein ZVT-Terminal spricht immer nur mit einer Kasse.',
    portMissing: (path: S) =>
      `An diesem PC gibt es keinen Anschluss ${path}. Prüfen Sie den Anschlussnamen (unter Windows im Geräte-Manager) und ob das Kabel steckt.`,
    portBusy: (path: S) =>
      `Der Anschluss ${path} wird von einem anderen Programm belegt. Schließen Sie dieses Programm (etwa eine alte Kassensoftware oder ein Terminal-Tool) und versuchen Sie es erneut.`,
    portDenied: (path: S) =>
      `posbridge darf ${path} nicht öffnen. Unter Linux den Benutzer von posbridge zur Gruppe dialout hinzufügen; unter Windows das Programm schließen, das den Anschluss belegt.`,
    cableNoAck:
      'Das Terminal antwortet nicht über das Kabel. Prüfen Sie das Kabel, den Anschlussnamen und die Baudrate und ob das Terminal eingeschaltet und auf Kassenanbindung über die serielle Schnittstelle eingestellt ist.',
    cableLost: 'Die Verbindung über das Kabel ist abgebrochen. Prüfen Sie das Kabel und die Stecker.',
    noAnswer:
      'Das Terminal hat zu lange nicht geantwortet. Prüfen Sie, ob es bereit ist (kein Menü offen), und testen Sie erneut.',
    refused: (code: S) =>
      `Das Terminal hat die Anmeldung abgelehnt (Ergebniscode ${code}). Prüfen Sie das Kassenpasswort und das Terminalprofil.`,
    unknown: (detail: S) => `Der Test ist fehlgeschlagen: ${detail}`,
    cloudUnreachable: (provider: S) =>
      `${provider} ist nicht erreichbar. Prüfen Sie die Internetverbindung dieses PCs und versuchen Sie es erneut.`,
    cloudCredentials: (provider: S) =>
      `${provider} hat die Zugangsdaten von posbridge abgelehnt. Prüfen Sie API-Schlüssel und Secret von ${provider} (bei Lab4Pay die Integrator-ID) in den Einstellungen von posbridge.`,
    otpRefused:
      'Lab4Pay hat das Einmalpasswort abgelehnt. Erzeugen Sie am Terminal ein neues (Einstellungen → Pay-Connect → Koppeln) und geben Sie es genau so ein, wie es angezeigt wird.',
    idTaken: (id: S) => `Es gibt bereits ein Terminal mit der ID ${id}. Wählen Sie eine andere ID.`,
    invalid: 'Einige Angaben sind ungültig. Prüfen Sie die Felder und versuchen Sie es erneut.',
    daemonDown: 'posbridge läuft nicht. Starten Sie posbridge und versuchen Sie es erneut.',
    otpLabel: 'Das Einmalpasswort, das das Terminal anzeigt',
    otpHint: 'Am Lab4Pay-Terminal: Einstellungen → Pay-Connect → Koppeln.',
  },
  tr: {
    kindSerialTitle: 'USB veya seri kabloyla bağlı kart terminali',
    kindSerialHint: 'Bu bilgisayara takılı bir ZVT terminali.',
    kindTcpTitle: 'Ağdaki kart terminali',
    kindTcpHint: 'IP adresiyle ulaşılan bir ZVT terminali.',
    kindLab4payTitle: 'Lab4Pay terminali',
    kindLab4payHint: 'Terminalin gösterdiği tek kullanımlık şifre gerekir.',
    kindBlinkTitle: 'Blink terminali',
    kindBlinkHint: 'Blink hesabınızın terminal listesinden seçilir.',
    kindPayrocTitle: 'Payroc hesabı',
    kindPayrocHint: "Kart bilgileri kasada girilir; Payroc'un verdiği işlem terminali kimliği gerekir.",

    heading: 'Terminal eşleştir',
    headingKind: (kind: S) => `Terminal eşleştir: ${kind}`,
    whatKind: 'Hangi tür terminal ekliyorsunuz?',
    startAgain: 'Baştan başla',
    next: 'İleri',
    finish: 'Bitir',

    plugIn: 'Terminali bu bilgisayara takıp açın, sonra arayın.',
    scan: 'Terminal ara',
    noPorts:
      'Kablo bağlantı noktası bulunamadı. USB kablosunu kontrol edin, birkaç saniye bekleyip yeniden arayın ya da bağlantı noktasını aşağıya yazın.',
    scanFailed: 'Bu bilgisayar bağlantı noktalarını listeleyemedi. Bağlantı noktasının adını aşağıya yazın.',
    unknownDevice: 'bilinmeyen cihaz',
    serialNumber: (s: S) => `seri no ${s}`,
    manualLabel: 'Ya da bağlantı noktasının adını yazın',
    manualHint: "Windows Aygıt Yöneticisi'nde göründüğü gibi (COM3) ya da Linux'ta aygıt yolu (/dev/ttyUSB0).",
    manualBad: 'Bu bir bağlantı noktası adı değil. COM ve bir sayı (COM3) ya da /dev/ttyUSB0 gibi bir yol girin.',
    usePort: 'Bu bağlantı noktasını kullan',

    addressLabel: 'Terminalin adresi (IP veya ad; port 20007 değilse port da)',
    addressHint: 'Terminalin ağ ayarlarında yazar, ör. 192.168.1.40:20007.',
    getList: 'Terminal listesini getir',
    online: 'çevrimiçi',
    offline: 'çevrimdışı',
    payrocLabel: 'Payroc işlem terminali kimliği',
    payrocHint: "Payroc'un kayıt belgelerinde yazar; Payroc API'sinde bunların bir listesi yoktur.",

    nameLabel: 'Personelin göreceği ad',
    namePlaceholder: 'ör. Ön kasa',
    idLabel: 'Kasa için terminal kimliği',
    idBad: 'Yalnızca harf, rakam, nokta, tire veya alt çizgi kullanın.',
    currencyLabel: 'Para birimi',
    currencyDefault: (provider: S, code: S) =>
      `${provider} için varsayılan para birimi ${code}; bu terminal başka bir para birimi kullanıyorsa değiştirin.`,
    passwordLabel: 'Kasa şifresi (ECR şifresi)',
    passwordHint: 'Terminalde kasa için ayarlanmış 6 haneli şifre (kurulumu yapan değiştirmediyse 000000).',
    passwordBad: 'Altı rakam; harf veya boşluk olmadan.',
    profileLabel: 'Terminal profili',
    profileSpecTitle: 'Standart ZVT',
    profileSpecText:
      'Çoğu terminal için: provizyon, artırma, tahsilat ve provizyon iptali ZVT şartnamesinde anlatıldığı gibi. Tedarikçi aksini söylemedikçe bunu seçin.',
    profileCardCompleteTitle: 'card complete',
    profileCardCompleteText:
      'card complete terminalleri için: tahsilat fiş numarası, tarih ve saatle yapılır; bir provizyon kısmen iptal edilemez.',
    profileFeigTitle: 'Feig',
    profileFeigText:
      'Şarj istasyonlarındaki gibi Feig kart okuyucuları için: provizyon artırılamaz; tahsilat, kullanılmayan kısmın iptaliyle yapılır.',
    baudLabel: 'Hız (baud hızı)',
    baudHint: 'Terminalde ayarlandığı gibi; menüsünde başka bir değer yoksa 9600.',
    blinkSite: 'Blink şube kimliği',
    blinkLocation: 'Blink kasa konumu',
    save: 'Terminali kaydet',

    saving: 'Terminal kaydediliyor…',
    stepConnectSerial: (path: S) => `${path} bağlantı noktası açılıyor`,
    stepConnectTcp: (where: S) => `${where} adresine bağlanılıyor`,
    stepRegistration: 'Terminale kasa şifresiyle kayıt (06 00)',
    stepAnswer: 'Terminalin onayı bekleniyor',
    stepStatus: 'Terminalden durumu soruluyor (05 01)',
    running: 'sürüyor',
    done: 'tamam',
    failed: 'başarısız',
    answered: (tid: S, software: S) =>
      `Terminal yanıt verdi: terminal kimliği ${tid}${software ? `, yazılım ${software}` : ''}.`,
    savedAs: (name: S, id: S) => `“${name}”, ${id} terminali olarak kaydedildi.`,
    failedTitle: 'Terminal beklendiği gibi yanıt vermedi.',
    testAgain: 'Yeniden test et',
    changeSettings: 'Ayarları değiştir',

    netRefused: (where: S) =>
      `${where} adresindeki terminal bağlantıyı reddetti. IP adresini ve portu, ayrıca terminalde ağ üzerinden kasa (ECR) arayüzünün açık olduğunu kontrol edin.`,
    netUnreachable: (where: S) =>
      `${where} adresine bu bilgisayardan ulaşılamıyor. Bilgisayarla terminalin aynı ağda olduğunu ve IP adresinin doğru olduğunu kontrol edin.`,
    netTimeout: (where: S) =>
      `${where} adresindeki terminal yanıt vermiyor. Açık ve ağa bağlı olduğunu, ayrıca IP adresini kontrol edin.`,
    netName: (host: S) => `${host} adı bu ağda bilinmiyor. Bunun yerine terminalin IP adresini girin.`,
    netDropped:
      'Terminal bağlantıyı kapattı. Başka bir kasanın ona bağlı olmadığını kontrol edin: bir ZVT terminali aynı anda yalnızca bir kasayla konuşur.',
    portMissing: (path: S) =>
      `Bu bilgisayarda ${path} adlı bir bağlantı noktası yok. Bağlantı noktasının adını (Windows'ta Aygıt Yöneticisi'nde görünür) ve kablonun takılı olduğunu kontrol edin.`,
    portBusy: (path: S) =>
      `${path} bağlantı noktasını başka bir program kullanıyor. O programı (ör. eski bir kasa yazılımı veya terminal aracı) kapatıp yeniden deneyin.`,
    portDenied: (path: S) =>
      `posbridge'in ${path} bağlantı noktasını açma izni yok. Linux'ta posbridge kullanıcısını dialout grubuna ekleyin; Windows'ta bağlantı noktasını tutan programı kapatın.`,
    cableNoAck:
      'Terminal kablo üzerinden yanıt vermiyor. Kabloyu, bağlantı noktasının adını ve baud hızını, ayrıca terminalin açık ve seri bağlantı noktasından kasaya bağlanacak şekilde ayarlı olduğunu kontrol edin.',
    cableLost: 'Kablo üzerindeki bağlantı koptu. Kabloyu ve fişlerini kontrol edin.',
    noAnswer:
      'Terminal çok uzun süre yanıt vermedi. Hazır olduğunu (açık menü olmadığını) kontrol edip yeniden test edin.',
    refused: (code: S) =>
      `Terminal kaydı reddetti (sonuç kodu ${code}). Kasa şifresini ve terminal profilini kontrol edin.`,
    unknown: (detail: S) => `Test başarısız oldu: ${detail}`,
    cloudUnreachable: (provider: S) =>
      `${provider} sunucusuna ulaşılamıyor. Bu bilgisayarın internet bağlantısını kontrol edip yeniden deneyin.`,
    cloudCredentials: (provider: S) =>
      `${provider}, posbridge'in erişim bilgilerini reddetti. posbridge ayarlarında ${provider} API anahtarını ve gizli anahtarını (Lab4Pay'de entegratör kimliğini) kontrol edin.`,
    otpRefused:
      'Lab4Pay tek kullanımlık şifreyi reddetti. Terminalde yeni bir şifre oluşturun (Ayarlar → Pay-Connect → Eşleştir) ve tam olarak gösterildiği gibi girin.',
    idTaken: (id: S) => `${id} kimliğiyle bir terminal zaten var. Başka bir kimlik seçin.`,
    invalid: 'Bazı bilgiler geçerli değil. Alanları kontrol edip yeniden deneyin.',
    daemonDown: "posbridge çalışmıyor. posbridge'i başlatıp yeniden deneyin.",
    otpLabel: 'Terminalin gösterdiği tek kullanımlık şifre',
    otpHint: 'Lab4Pay terminalinde: Ayarlar → Pay-Connect → Eşleştir.',
  },
});
