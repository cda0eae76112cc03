// The desktop's language for the status window. Electron's navigator.languages in the window follows
// Chromium's own preferences, not the system's, so the tray passes app.getLocale() in the login link's
// fragment (never sent to any server); the window uses it until staff pick a language with its switch.

/** `…/ui/#login=pbl_…&view=/status` + "de-DE" → `…&lang=de-DE`; other links, or a tag that is no BCP 47 tag, stay. */
export function withDesktopLanguage(link: string, tag: string): string {
  if (!link.includes('#login=') || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return link;
  return `${link}&lang=${tag}`;
}
