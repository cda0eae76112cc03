// TypeBox, its compiler and its value functions, from one module. `npm run build` bundles this file into
// a single file (build/bundle-typebox.mjs): Node would otherwise load TypeBox's ~680 ES modules one by one,
// about a third of the daemon's start-up. Everything in bridge/ imports TypeBox from here.
export * from 'typebox';
export { Compile } from 'typebox/compile';
export { Value } from 'typebox/value';
