// The number literals of a JSON text as written, with where they are. JSON.parse reads 25.00 as 25
// and 1e400 as Infinity; what the POS wrote is only in the text. The text must already have passed
// JSON.parse: this walker assumes valid JSON and only tracks where it is. It loops with its own stack
// rather than recursing, so a deeply nested body (which JSON.parse accepts) cannot overflow the stack.

export type JsonPath = readonly (string | number)[];

export interface NumberLiteral {
  readonly path: JsonPath;
  readonly text: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

interface Frame {
  readonly kind: 'object' | 'array';
  /** The key or index of the member being read. */
  at: string | number;
}

export function numberLiterals(text: string): NumberLiteral[] {
  const found: NumberLiteral[] = [];
  const stack: Frame[] = [];
  let i = 0;
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  const stringEnd = (start: number) => {
    let j = start + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  const readKey = (frame: Frame) => {
    skipWhitespace();
    const end = stringEnd(i);
    frame.at = JSON.parse(text.slice(i, end)) as string;
    i = end;
    skipWhitespace();
    i += 1; // ':'
  };

  for (;;) {
    // A value starts here.
    skipWhitespace();
    const c = text[i];
    if (c === '{' || c === '[') {
      const frame: Frame = { kind: c === '{' ? 'object' : 'array', at: 0 };
      i += 1;
      skipWhitespace();
      if (text[i] !== '}' && text[i] !== ']') {
        stack.push(frame);
        if (frame.kind === 'object') readKey(frame);
        continue;
      }
      i += 1; // an empty container is a complete value
    } else if (c === '"') {
      i = stringEnd(i);
    } else if (c === 't' || c === 'n') {
      i += 4;
    } else if (c === 'f') {
      i += 5;
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) throw new SyntaxError(`numberLiterals: not valid JSON at ${i}`);
      found.push({ path: stack.map((f) => f.at), text: m[0] });
      i = NUMBER.lastIndex;
    }
    // A value ended: a comma starts the next member; a closing bracket ends its container, which is a value too.
    for (;;) {
      const frame = stack.at(-1);
      if (!frame) return found;
      skipWhitespace();
      const sep = text[i];
      i += 1;
      if (sep === ',') {
        if (frame.kind === 'array') frame.at = (frame.at as number) + 1;
        else readKey(frame);
        break;
      }
      stack.pop();
    }
  }
}

/** Written with a fraction or an exponent, which JSON.parse silently reads away (25.00 → 25). */
export function hasFractionOrExponent(literal: string): boolean {
  return /[.eE]/.test(literal);
}
