// The rule that keeps the window in the staff's language: no word shown to people is written straight into
// a view. Every .tsx file under renderer/src is parsed (TypeScript's own parser) and each JSX text, each
// string literal placed in JSX, and each aria-label, title, placeholder, alt or label attribute given as a
// plain string must hold no letter: words come from a catalogue. Symbols ("←", "•", "—", quotes) pass, as
// does text inside <code> (a command or a path, the same in every language).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = 'renderer/src';

/** Views still being put through catalogues; each leaves this list when it is converted. */
const NOT_YET_CONVERTED = new Set<string>([]);

const SHOWN_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-description']);
const LETTER = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

/** The strings a JSX child expression puts on screen: itself, either branch of a ?:, a fallback of || or ??. */
function shownStrings(e: ts.Expression): (ts.StringLiteralLike | ts.TemplateLiteralLikeNode)[] {
  if (ts.isParenthesizedExpression(e)) return shownStrings(e.expression);
  if (ts.isStringLiteralLike(e)) return [e];
  if (ts.isTemplateExpression(e)) return [e.head, ...e.templateSpans.map((s) => s.literal)];
  if (ts.isConditionalExpression(e)) return [...shownStrings(e.whenTrue), ...shownStrings(e.whenFalse)];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
      return [...shownStrings(e.left), ...shownStrings(e.right)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shownStrings(e.right);
  }
  return [];
}

/** Each bare word in a file: "file:line: text". */
export function bareWords(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (n: ts.Node, what: string) =>
    found.push(`${file}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${what.trim()}`);
  const inCode = (n: ts.Node) => {
    for (let p = n.parent; p; p = p.parent)
      if (ts.isJsxElement(p) && p.openingElement.tagName.getText(source) === 'code') return true;
    return false;
  };
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n) && LETTER.test(n.text) && !inCode(n)) at(n, n.text);
    if (
      ts.isJsxExpression(n) &&
      n.expression &&
      (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent)) &&
      !inCode(n)
    )
      for (const shown of shownStrings(n.expression)) if (LETTER.test(shown.text)) at(shown, shown.text);
    if (ts.isJsxAttribute(n) && SHOWN_ATTRIBUTES.has(n.name.getText(source))) {
      const v = n.initializer;
      const literal =
        v && ts.isStringLiteral(v)
          ? v
          : v && ts.isJsxExpression(v) && v.expression && ts.isStringLiteralLike(v.expression)
            ? v.expression
            : undefined;
      if (literal && LETTER.test(literal.text)) at(n, `${n.name.getText(source)}="${literal.text}"`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

describe('words shown in the window come from the catalogues', () => {
  it('finds a bare word, a bare string child and a bare shown attribute, with its file and line', () => {
    const sample = [
      'export const A = () => (',
      '  <p title="Close">',
      "    Saved {'now'} <code>posbridge ui</code> — {x} {busy ? 'Wait' : w.go} {money(1, 'EUR')}",
      '    <input placeholder={"e.g. 12"} aria-label={w.search} />',
      '  </p>',
      ');',
    ].join('\n');
    expect(bareWords('x.tsx', sample)).toEqual([
      'x.tsx:2: title="Close"',
      'x.tsx:3: Saved',
      'x.tsx:3: now',
      'x.tsx:3: Wait',
      'x.tsx:4: placeholder="e.g. 12"',
    ]);
  });

  it('has none in the converted views', () => {
    const files = tsxFiles(ROOT).map((f) => relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining([...NOT_YET_CONVERTED]));
    const found = files
      .filter((f) => !NOT_YET_CONVERTED.has(f))
      .flatMap((f) => bareWords(join(ROOT, f), readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
