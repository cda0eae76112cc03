// The words of the window's frame: its sections, signing out, and the page shown when it is not signed in.
import { messages } from './catalogue.js';

export const windowWords = messages({
  en: {
    sections: 'Sections',
    status: 'Status',
    transactions: 'Transactions',
    pair: 'Pair a terminal',
    help: 'Help',
    signOut: 'Sign out',
    signInNeeded: 'Sign-in needed',
    howBefore: 'Open the status window from the posbridge icon in the tray, or run',
    howAfter: 'on this PC and open the link it prints.',
  },
  de: {
    sections: 'Bereiche',
    status: 'Status',
    transactions: 'Transaktionen',
    pair: 'Terminal koppeln',
    help: 'Hilfe',
    signOut: 'Abmelden',
    signInNeeded: 'Anmeldung nötig',
    howBefore:
      'Öffnen Sie das Statusfenster über das posbridge-Symbol in der Taskleiste, oder führen Sie auf diesem PC',
    howAfter: 'aus und öffnen Sie den Link, den es anzeigt.',
  },
  tr: {
    sections: 'Bölümler',
    status: 'Durum',
    transactions: 'İşlemler',
    pair: 'Terminal eşleştir',
    help: 'Yardım',
    signOut: 'Oturumu kapat',
    signInNeeded: 'Oturum açmanız gerekiyor',
    howBefore: 'Durum penceresini görev çubuğundaki posbridge simgesinden açın ya da bu bilgisayarda',
    howAfter: 'komutunu çalıştırıp verdiği bağlantıyı açın.',
  },
});

/** Why the window asks to sign in, in one sentence; how to sign in follows it. */
export const signedOutWords = messages({
  en: {
    no_session: 'This window is not signed in.',
    link_used: 'This sign-in link has already been used or has expired.',
    ended: 'You were signed out (a sign-in lasts 12 hours).',
    signed_out: 'You are signed out.',
    unreachable: 'posbridge did not answer while signing in. It may be restarting.',
  },
  de: {
    no_session: 'Dieses Fenster ist nicht angemeldet.',
    link_used: 'Dieser Anmeldelink wurde schon benutzt oder ist abgelaufen.',
    ended: 'Sie wurden abgemeldet (eine Anmeldung gilt 12 Stunden).',
    signed_out: 'Sie sind abgemeldet.',
    unreachable: 'posbridge hat bei der Anmeldung nicht geantwortet. Vielleicht startet es gerade neu.',
  },
  tr: {
    no_session: 'Bu pencerede oturum açılmadı.',
    link_used: 'Bu oturum açma bağlantısı zaten kullanıldı ya da süresi doldu.',
    ended: 'Oturumunuz kapatıldı (bir oturum 12 saat sürer).',
    signed_out: 'Oturumunuz kapalı.',
    unreachable: 'Oturum açılırken posbridge yanıt vermedi. Yeniden başlıyor olabilir.',
  },
});
