import { useEffect, useRef } from 'preact/hooks';
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { panelHighlighting } from './code-highlight';

interface Props {
  /** The text the editor starts with, and takes again whenever `revision` changes. */
  value: string;
  /** Bumped by whoever replaces the text from outside (loading a message, pretty-printing). */
  revision: number;
  language: 'json' | 'plain';
  dark: boolean;
  onChange: (value: string) => void;
  label: string;
}

/**
 * CodeMirror 6: highlighting, JSON linting, undo/redo, search. The editor owns its document:
 * typing reaches the outside through `onChange` only, and the outside replaces the document only
 * by bumping `revision` (re-rendering with the value it was told never writes it back, so a render
 * that lags behind the keys cannot replay an old text).
 */
export function CodeEditor({ value, revision, language, dark, onChange, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lang = useRef(new Compartment());
  const theme = useRef(new Compartment());
  const changeHandler = useRef(onChange);
  changeHandler.current = onChange;

  const languageExtensions = (l: Props['language']) => (l === 'json' ? [json(), linter(jsonParseLinter()), lintGutter()] : []);
  const themeExtension = (d: boolean) => EditorView.theme({ '&': { height: '100%', fontSize: '12px' }, '.cm-scroller': { fontFamily: 'var(--mono)' } }, { dark: d });

  useEffect(() => {
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          panelHighlighting,
          EditorView.lineWrapping,
          lang.current.of(languageExtensions(language)),
          theme.current.of(themeExtension(dark)),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-role': 'composer-input' }),
          EditorView.updateListener.of((u) => u.docChanged && changeHandler.current(u.state.doc.toString())),
        ],
      }),
    });
    return () => view.current?.destroy();
  }, []);

  const latest = useRef(value);
  latest.current = value;
  const applied = useRef(revision);
  useEffect(() => {
    const v = view.current;
    if (!v || applied.current === revision) return;
    applied.current = revision;
    const text = latest.current;
    if (v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [revision]);

  useEffect(() => {
    view.current?.dispatch({ effects: [lang.current.reconfigure(languageExtensions(language)), theme.current.reconfigure(themeExtension(dark))] });
  }, [language, dark]);

  return <div ref={host} style={{ height: '100%', overflow: 'hidden' }} />;
}
