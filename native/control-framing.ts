// The control channel's framing: one JSON value per line (UTF-8, ended by \n). JSON.stringify never puts a
// raw newline inside a value, so a line is always one whole message. Pure: bytes in, lines out.

/**
 * Splits a byte stream into lines, keeping at most `maxBytes` of a line that has not ended yet: past that
 * the sender is not speaking this protocol (or is trying to fill the daemon's memory), and `push`
 * answers 'overflow' instead of buffering more.
 */
export class LineBuffer {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): string[] | 'overflow' {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      if (this.size + (nl - start) > this.maxBytes) return this.overflow();
      const line =
        this.size === 0 ? chunk.subarray(start, nl) : Buffer.concat([...this.parts, chunk.subarray(start, nl)]);
      this.parts = [];
      this.size = 0;
      start = nl + 1;
      const text = line.toString('utf8').trim();
      if (text) lines.push(text);
    }
    const rest = chunk.length - start;
    if (rest > 0) {
      if (this.size + rest > this.maxBytes) return this.overflow();
      // A copy: the rest must not keep the whole chunk (up to 64 KiB) alive.
      this.parts.push(Buffer.from(chunk.subarray(start)));
      this.size += rest;
    }
    return lines;
  }

  private overflow(): 'overflow' {
    this.parts = [];
    this.size = 0;
    return 'overflow';
  }
}

export function encodeMessage(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}
