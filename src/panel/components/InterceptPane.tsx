import { useRef, useState } from 'preact/hooks';
import type { Breakpoint, Rewrite, Rule, RuleAction, RuleDirection } from '../../core/intercept/rules';
import { ruleError } from '../../core/intercept/rules';
import type { InterceptStore } from '../state/intercept';
import { download } from '../dom/download';
import { visibleText } from '../model/visible-text';
import styles from './Intercept.module.css';

const DIRS: { id: RuleDirection; label: string }[] = [
  { id: 'sent', label: '↑ Sent' },
  { id: 'received', label: '↓ Received' },
  { id: 'both', label: '↕ Both' },
];

function DirSelect({ value, onChange, only }: { value: RuleDirection; onChange: (d: RuleDirection) => void; only?: RuleDirection }) {
  return (
    <select aria-label="Direction" value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value as RuleDirection)}>
      {DIRS.filter((d) => !only || d.id === only).map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
    </select>
  );
}

function Breakpoints({ intercept }: { intercept: InterceptStore }) {
  const [dir, setDir] = useState<RuleDirection>('sent');
  const [query, setQuery] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    intercept.addBreakpoint(dir, query.trim());
    setQuery('');
  };
  return (
    <section class={styles.section} aria-label="Breakpoints">
      <h3>Breakpoints</h3>
      <span class={styles.muted}>Hold matching messages until you forward, edit or drop them (an empty filter matches every message).</span>
      <form class={styles.form} onSubmit={add}>
        <DirSelect value={dir} onChange={setDir} />
        <input class={styles.query} aria-label="Breakpoint filter" placeholder="Filter: text, /regex/, field:value" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <button type="submit" data-action="add-breakpoint">Add breakpoint</button>
      </form>
      {intercept.breakpoints.value.map((b: Breakpoint) => (
        <div key={b.id} class={styles.entry} data-role="breakpoint">
          <input type="checkbox" aria-label="Breakpoint on" checked={b.enabled} onChange={() => intercept.toggleBreakpoint(b.id)} />
          <span>{DIRS.find((d) => d.id === b.dir)!.label}</span>
          <code title={b.query}>{b.query ? visibleText(b.query) : '(every message)'}</code>
          <button aria-label="Remove breakpoint" onClick={() => intercept.removeBreakpoint(b.id)}>×</button>
        </div>
      ))}
    </section>
  );
}

type ActionKind = 'block' | 'regex' | 'json-set' | 'json-delete' | 'hex' | 'delay' | 'respond';
const ACTION_LABELS: Record<ActionKind, string> = {
  block: 'Block',
  regex: 'Rewrite text (regex)',
  'json-set': 'Set JSON path',
  'json-delete': 'Delete JSON path',
  hex: 'Patch bytes (hex)',
  delay: 'Delay',
  respond: 'Respond',
};

/** The action the form describes, from its fields. */
function actionOf(kind: ActionKind, a: string, b: string, c: boolean): RuleAction {
  const rewrite = (w: Rewrite): RuleAction => ({ kind: 'rewrite', rewrite: w });
  switch (kind) {
    case 'block':
      return { kind: 'block' };
    case 'regex': {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(a);
      return rewrite({ kind: 'regex', pattern: m ? m[1] : a, flags: m ? m[2] : 'g', replace: b });
    }
    case 'json-set':
      return rewrite({ kind: 'json-set', path: a, value: b });
    case 'json-delete':
      return rewrite({ kind: 'json-delete', path: a });
    case 'hex':
      return rewrite({ kind: 'hex', offset: Number(a), hex: b });
    case 'delay': {
      const [min, max = min] = a.split(/\s*[-–]\s*/).map(Number);
      return { kind: 'delay', min, max };
    }
    case 'respond':
      return { kind: 'respond', template: b, forward: c };
  }
}

const FIELD_LABELS: Partial<Record<ActionKind, [string, string?]>> = {
  regex: ['Find (regex)', 'Replace with'],
  'json-set': ['JSON path', 'Value (JSON)'],
  'json-delete': ['JSON path'],
  hex: ['Offset', 'Bytes (hex)'],
  delay: ['Delay, ms (or a range: 100-500)'],
  respond: ['', 'Reply (JSON; {{id}} is the sent message\'s id)'],
};

function describe(r: Rule): string {
  const a = r.action;
  switch (a.kind) {
    case 'block':
      return 'block';
    case 'delay':
      return a.min === a.max ? `delay ${a.min} ms` : `delay ${a.min}–${a.max} ms`;
    case 'respond':
      return `respond ${a.template}${a.forward ? '' : ' (instead of sending)'}`;
    case 'rewrite': {
      const w = a.rewrite;
      if (w.kind === 'regex') return `replace /${w.pattern}/${w.flags} with ${w.replace}`;
      if (w.kind === 'json-set') return `set ${w.path} = ${w.value}`;
      if (w.kind === 'json-delete') return `delete ${w.path}`;
      return `patch ${w.hex} at ${w.offset}`;
    }
  }
}

function Rules({ intercept, onMessage }: { intercept: InterceptStore; onMessage: (kind: 'ok' | 'error', text: string) => void }) {
  const [dir, setDir] = useState<RuleDirection>('sent');
  const [query, setQuery] = useState('');
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<ActionKind>('block');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [forward, setForward] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const rule = { name: '', dir: kind === 'respond' ? 'sent' as const : dir, query: query.trim(), url: url.trim(), action: actionOf(kind, a, b, forward) };
  const error = ruleError(rule);
  const [first, second] = FIELD_LABELS[kind] ?? [];
  const add = (e: Event) => {
    e.preventDefault();
    if (error) return;
    intercept.addRule(rule);
    setQuery('');
    setA('');
    setB('');
  };
  return (
    <section class={styles.section} aria-label="Rules">
      <h3>Rules</h3>
      <span class={styles.muted}>Applied in order to every matching message while this panel is open.</span>
      <form class={styles.form} onSubmit={add}>
        <DirSelect value={kind === 'respond' ? 'sent' : dir} onChange={setDir} only={kind === 'respond' ? 'sent' : undefined} />
        <input class={styles.query} aria-label="Rule filter" placeholder="Filter: text, /regex/, field:value" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <input aria-label="Socket URL contains" placeholder="URL contains" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
        <select aria-label="Action" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as ActionKind)}>
          {(Object.keys(ACTION_LABELS) as ActionKind[]).map((k) => <option key={k} value={k}>{ACTION_LABELS[k]}</option>)}
        </select>
        {first ? <input aria-label={first} placeholder={first} value={a} onInput={(e) => setA((e.target as HTMLInputElement).value)} /> : null}
        {second ? <input class={styles.query} aria-label={second} placeholder={second} value={b} onInput={(e) => setB((e.target as HTMLInputElement).value)} /> : null}
        {kind === 'respond' ? (
          <label><input type="checkbox" data-role="respond-forward" checked={forward} onChange={(e) => setForward((e.target as HTMLInputElement).checked)} /> also send the original</label>
        ) : null}
        <button type="submit" data-action="add-rule" disabled={error !== null} title={error ?? ''}>Add rule</button>
      </form>
      {intercept.rules.value.map((r, i, all) => (
        <div key={r.id} class={styles.entry} data-role="rule" data-enabled={r.enabled}>
          <input type="checkbox" aria-label="Rule on" checked={r.enabled} onChange={() => intercept.toggleRule(r.id)} />
          <span>{DIRS.find((d) => d.id === r.dir)!.label}</span>
          <code title={`${r.query || '(every message)'}${r.url ? ` on ${r.url}` : ''} → ${describe(r)}`}>
            {visibleText(`${r.query || '(every message)'}${r.url ? ` on ${r.url}` : ''} → ${describe(r)}`)}
          </code>
          <button aria-label="Move rule up" disabled={i === 0} onClick={() => intercept.moveRule(r.id, -1)}>↑</button>
          <button aria-label="Move rule down" disabled={i === all.length - 1} onClick={() => intercept.moveRule(r.id, 1)}>↓</button>
          <button aria-label="Remove rule" onClick={() => intercept.removeRule(r.id)}>×</button>
        </div>
      ))}
      <div class={styles.form}>
        <button data-action="import-rules" onClick={() => file.current?.click()}>Import rules</button>
        <button data-action="export-rules" disabled={intercept.rules.value.length === 0} onClick={() => download('sockets-rules.json', intercept.exportRules())}>Export rules</button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          data-role="import-rules-file"
          hidden
          onChange={async (e) => {
            const input = e.target as HTMLInputElement;
            const f = input.files?.[0];
            input.value = '';
            if (!f) return;
            const problem = intercept.importRules(await f.text());
            onMessage(problem ? 'error' : 'ok', problem ? `Could not import ${f.name}: ${problem}` : `Imported the rules of ${f.name} (switched off: turn on the ones you want).`);
          }}
        />
      </div>
    </section>
  );
}

/** The Intercept side tab: breakpoints and rules. */
export function InterceptPane({ intercept, onMessage }: { intercept: InterceptStore; onMessage: (kind: 'ok' | 'error', text: string) => void }) {
  return (
    <div class={styles.pane} data-role="intercept">
      <Breakpoints intercept={intercept} />
      <Rules intercept={intercept} onMessage={onMessage} />
    </div>
  );
}
