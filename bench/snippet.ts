/**
 * Code that runs in the browser lives in plain-JS files under in-browser/ and is evaluated as
 * text: functions written here would be transformed by tsx (it injects `__name(...)` helpers
 * that do not exist in the browser).
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

/** An expression that calls the function in in-browser/<name>.js with JSON arguments. */
export function snippet(name: string, ...args: unknown[]): string {
  let source = cache.get(name);
  if (source === undefined) {
    source = readFileSync(new URL(`./in-browser/${name}.js`, import.meta.url), 'utf8').replace(/^\s*\/\/.*\n/gm, '').trim();
    cache.set(name, source);
  }
  return `(${source})(${args.map((a) => JSON.stringify(a)).join(', ')})`;
}
