import { useEffect, useRef } from 'preact/hooks';
import { EditorView, basicSetup } from 'codemirror';
import { Compartment, EditorState } from '@codemirror/state';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { panelHighlighting } from './code-highlight';

interface Props {
  value: string;
  language: 'json' | 'plain';
  dark: boolean;
  onChange: (value: string) => void;
  label: string;
}

/** CodeMirror 6: highlighting, JSON linting, undo/redo, search. */
export function CodeEditor({ value, language, dark, onChange, label }: Props) {
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

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: [lang.current.reconfigure(languageExtensions(language)), theme.current.reconfigure(themeExtension(dark))] });
  }, [language, dark]);

  return <div ref={host} style={{ height: '100%', overflow: 'hidden' }} />;
}
