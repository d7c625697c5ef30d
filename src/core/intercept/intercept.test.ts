import { describe, expect, it } from 'vitest';
import { applyRewrite, fillTemplate } from './rewrite';
import { deletePath, getPath, parsePath, setPath } from './json-path';
import { parseRulesFile, ruleError, rulesFile, type Rule } from './rules';

describe('json paths', () => {
  it('parses dots, indices and index segments', () => {
    expect(parsePath('a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(parsePath('0.id')).toEqual([0, 'id']);
    expect(parsePath('a[')).toBeNull();
  });
  it('gets, sets (making the way) and deletes', () => {
    const v: Record<string, unknown> = { a: [{ id: 1 }, { id: 2 }] };
    expect(getPath(v, ['a', 1, 'id'])).toBe(2);
    expect(getPath(v, ['a', 5, 'id'])).toBeUndefined();
    expect(setPath(v, ['x', 'y'], true)).toBe(true);
    expect(v.x).toEqual({ y: true });
    expect(deletePath(v, ['a', 0])).toBe(true);
    expect(v.a).toEqual([{ id: 2 }]);
    expect(deletePath(v, ['nope'])).toBe(false);
  });
  it('does not walk the prototype', () => {
    expect(getPath({}, ['constructor'])).toBeUndefined();
  });
});

describe('rewrites', () => {
  it('replaces text by regex, with groups', () => {
    expect(applyRewrite({ text: 'user=bob; user=al' }, { kind: 'regex', pattern: 'user=(\\w+)', flags: 'g', replace: 'user=<$1>' })).toEqual({ text: 'user=<bob>; user=<al>' });
    expect(applyRewrite({ text: 'nothing' }, { kind: 'regex', pattern: 'x', flags: '', replace: 'y' })).toBeNull();
  });
  it('sets and deletes at a JSON path', () => {
    expect(applyRewrite({ text: '{"a":{"b":1},"c":2}' }, { kind: 'json-set', path: 'a.b', value: '"two"' })).toEqual({ text: '{"a":{"b":"two"},"c":2}' });
    expect(applyRewrite({ text: '{"a":{"b":1},"c":2}' }, { kind: 'json-delete', path: 'c' })).toEqual({ text: '{"a":{"b":1}}' });
    expect(applyRewrite({ text: 'not json' }, { kind: 'json-delete', path: 'c' })).toBeNull();
  });
  it('patches bytes, growing the payload when the patch runs past its end', () => {
    const out = applyRewrite({ bytes: new Uint8Array([1, 2, 3]) }, { kind: 'hex', offset: 2, hex: 'ff ee' });
    expect(out).toEqual({ bytes: new Uint8Array([1, 2, 0xff, 0xee]) });
    expect(applyRewrite({ text: 'abc' }, { kind: 'hex', offset: 0, hex: '00' })).toBeNull();
  });
});

describe('reply templates', () => {
  it('fills paths of the sent message as JSON values', () => {
    expect(fillTemplate('{"id":{{id}},"result":{{params.0}},"missing":{{nope}}}', '{"id":"a1","params":[7]}')).toBe('{"id":"a1","result":7,"missing":null}');
    expect(fillTemplate('echo {{$text}}', 'hi "there"')).toBe('echo "hi \\"there\\""');
  });
});

describe('rules files', () => {
  const rule: Omit<Rule, 'id' | 'enabled'> = { name: 'slow', dir: 'sent', query: 'ping', url: '', action: { kind: 'delay', min: 10, max: 20 } };
  it('round-trips, imported rules switched off', () => {
    const text = JSON.stringify(rulesFile([{ ...rule, id: 'x', enabled: true }]));
    const parsed = parseRulesFile(text, () => 'new');
    expect(parsed).toEqual({ ok: true, rules: [{ ...rule, id: 'new', enabled: false }] });
  });
  it('says which rule is wrong and why', () => {
    const bad = JSON.stringify({ sockets: 'rules', version: 1, rules: [rule, { ...rule, action: { kind: 'respond', template: 'x', forward: true }, dir: 'received' }] });
    expect(parseRulesFile(bad, () => '')).toEqual({ ok: false, error: 'Rule 2: respond: only for sent messages ("dir": "sent").' });
    expect(parseRulesFile('{"rules":[]}', () => '').ok).toBe(false);
    expect(ruleError({ ...rule, action: { kind: 'rewrite', rewrite: { kind: 'regex', pattern: '(', flags: '', replace: '' } } })).toMatch(/^rewrite regex:/);
    expect(ruleError({ ...rule, action: { kind: 'delay', min: 5, max: 1 } })).toMatch(/^delay/);
  });
});

describe('deciding on a held message', async () => {
  const { decide } = await import('./decide');
  const contains = (q: string, p: { text: string } | { bytes: Uint8Array }) => 'text' in p && p.text.includes(q);
  const base = { name: '', url: '', enabled: true } as const;
  const msg = { dir: 'sent' as const, payload: { text: '{"id":3,"method":"ping"}' }, socketUrl: 'ws://127.0.0.1/rpc' };

  it('passes what nothing matches', () => {
    expect(decide(msg, [], [], contains)).toEqual({ delay: 0, drop: false, hold: false });
  });
  it('applies matching rules in order: rewrite, then delay, then a breakpoint on the result', () => {
    const d = decide(msg, [
      { ...base, id: '1', dir: 'sent', query: 'ping', action: { kind: 'rewrite', rewrite: { kind: 'regex', pattern: 'ping', flags: '', replace: 'pong' } } },
      { ...base, id: '2', dir: 'both', query: 'pong', action: { kind: 'delay', min: 100, max: 100 } },
      { ...base, id: '3', dir: 'received', query: '', action: { kind: 'block' } },
    ], [{ id: 'b', enabled: true, dir: 'sent', query: 'pong' }], contains);
    expect(d).toEqual({ payload: { text: '{"id":3,"method":"pong"}' }, mark: 'rewritten', delay: 100, drop: false, hold: true });
  });
  it('skips disabled rules and other sockets', () => {
    const block = { ...base, id: '1', dir: 'sent' as const, query: '', action: { kind: 'block' as const } };
    expect(decide(msg, [{ ...block, enabled: false }, { ...block, url: 'other.example' }], [], contains).drop).toBe(false);
    expect(decide(msg, [block], [{ id: 'b', enabled: true, dir: 'sent', query: '' }], contains)).toEqual({ delay: 0, drop: true, mark: 'blocked', hold: false });
  });
  it('replies with the sent id, and keeps or stops the original', () => {
    const respond = (forward: boolean) => ({ ...base, id: 'r', dir: 'sent' as const, query: 'ping', action: { kind: 'respond' as const, template: '{"id":{{id}},"result":"pong"}', forward } });
    expect(decide(msg, [respond(true)], [], contains)).toEqual({ delay: 0, drop: false, hold: false, reply: '{"id":3,"result":"pong"}' });
    expect(decide(msg, [respond(false)], [], contains)).toMatchObject({ drop: true, mark: 'blocked', reply: '{"id":3,"result":"pong"}' });
  });
});
