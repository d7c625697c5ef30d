import type { StackFrame } from './model';

/** V8: `    at fn (url:line:col)`, `    at url:line:col`. */
const V8_FRAME = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
/** SpiderMonkey: `fn@url:line:col`, `@url:line:col`. */
const SM_FRAME = /^(.*?)@(.+?):(\d+):(\d+)$/;
/** Scripts of extensions (the hook's frames among them): DevTools leaves them out of initiators too. */
const EXTENSION = /^(?:chrome|moz|safari-web)-extension:/;
/** A script's URL; Firefox names the hook's frames `<anonymous code>`, natives have none. */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;
const MAX_FRAMES = 32;

/**
 * The frames of a stack as V8 or SpiderMonkey write it, innermost first, without extension
 * frames, code of no script (natives, eval, Firefox's `<anonymous code>`) and lines that are no
 * frames (V8's "Error" head).
 */
export function parseStack(stack: string): StackFrame[] {
  const out: StackFrame[] = [];
  for (const line of stack.slice(0, 1 << 16).split('\n')) {
    const m = V8_FRAME.exec(line) ?? SM_FRAME.exec(line);
    if (!m || !URL_LIKE.test(m[2]) || EXTENSION.test(m[2]) || m[2].includes(' > eval') || m[2].startsWith('eval at ')) continue;
    out.push({ functionName: (m[1] ?? '').slice(0, 256), url: m[2].slice(0, 1 << 12), line: Number(m[3]), column: Number(m[4]) });
    if (out.length === MAX_FRAMES) break;
  }
  return out;
}
