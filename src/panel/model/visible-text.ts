/**
 * Page text made safe to show: control characters become visible symbols (␀, ⇥, ↵, …) and
 * characters that reorder or hide text (bidi overrides, isolates, marks, zero-width ones) become
 * `\uXXXX` escapes, so a payload can never change how the text around it reads. Copying keeps
 * using the raw text.
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

function symbol(c: string, multiline: boolean): string {
  const code = c.charCodeAt(0);
  if (c === '\t') return '⇥';
  if (c === '\n') return multiline ? '\n' : '↵';
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '␡';
  return escape(c);
}

/** `multiline`: keep line feeds as line breaks (the text view); otherwise one line (the grid). */
export function visibleText(text: string, multiline = false): string {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text) ? text.replace(HIDDEN, (c) => symbol(c, multiline)) : text;
}
