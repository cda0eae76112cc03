// Terminal credentials from pairing are sealed per terminal.

/** The context a terminal's credentials are sealed under: a blob copied to another terminal does not open. */
export const credentialContext = (terminalId: string) => `terminal-credentials:${terminalId}`;
