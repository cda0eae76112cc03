// Message catalogues. Each part of the window declares its words once, in the three languages side by
// side; the German and Turkish tables must have every English key with the same shape (a sentence, or a
// function of the same arguments), so a missing translation fails the type check, not the cashier.
import { locale, type Locale } from './locale.js';

export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

/** A word as read: any sentence (not only the English literal), or a function of the same arguments. */
type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : string;
export type Words<M extends Messages> = { readonly [K in keyof M]: Widen<M[K]> };

export interface Catalogue<M extends Messages> {
  readonly en: M;
  readonly de: Words<M>;
  readonly tr: Words<M>;
}

/**
 * The words of one part, read in the language of the moment: `const w = messages({...}); w.title`.
 * Each read looks the language up again, so nothing keeps English after the switch.
 */
export function messages<M extends Messages>(c: Catalogue<M>): Words<M> & { readonly [inLocale]: Catalogue<M> } {
  const view = { [inLocale]: c } as Words<M> & { [inLocale]: Catalogue<M> };
  for (const key of Object.keys(c.en))
    Object.defineProperty(view, key, { enumerable: true, get: () => (c[locale()] as M)[key] });
  return view;
}

/** The tables behind a `messages()` view, for tests that compare languages. */
export const inLocale: unique symbol = Symbol('catalogue');

export function tableOf<M extends Messages>(m: { readonly [inLocale]: Catalogue<M> }, l: Locale): Words<M> {
  return m[inLocale][l] as Words<M>;
}
