import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * Editor colours from the panel's theme variables (the JSON tree's), so tokens stay readable in
 * the dark theme and follow a theme switch; the active line uses the panel's hover colour (the
 * editor's own dark one is bright enough to wash the tokens out).
 */
export const panelHighlighting = [
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: tags.propertyName, color: 'var(--json-key)' },
      { tag: tags.string, color: 'var(--json-string)' },
      { tag: [tags.number, tags.bool, tags.null], color: 'var(--json-number)' },
      { tag: [tags.keyword, tags.atom], color: 'var(--json-keyword)' },
      { tag: tags.invalid, color: 'var(--error)' },
    ]),
  ),
  EditorView.theme({
    '.cm-activeLine': { backgroundColor: 'var(--hover-bg)' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--hover-bg)' },
    '.cm-gutters': { backgroundColor: 'var(--toolbar-bg)', color: 'var(--muted)', borderColor: 'var(--border)' },
  }),
];
