import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text';

describe('visibleText', () => {
  it('shows tab, NUL and other C0 controls as symbols, and line feeds as ↵ on one line', () => {
    expect(visibleText('tab\tbed\0nul')).toBe('tab⇥bed␀nul');
    expect(visibleText('a\nb\r\x1b\x7f')).toBe('a↵b␍␛␡');
    expect(visibleText('a\nb', true)).toBe('a\nb');
  });
  it('escapes characters that reorder or hide text', () => {
    expect(visibleText('rtl\u202Eoverride')).toBe('rtl\\u202Eoverride');
    for (const c of ['\u200B', '\u200E', '\u200F', '\u2066', '\u2069', '\u061C', '\uFEFF', '\u2028', '\u0085']) {
      expect(visibleText(`a${c}b`)).toBe(`a\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}b`);
    }
  });
  it('leaves ordinary text, including right-to-left letters, as it is', () => {
    for (const t of ['plain', 'שלום', 'مرحبا', '😀 emoji', '']) expect(visibleText(t)).toBe(t);
  });
});
