import { describe, expect, it } from 'vitest';
import type { HookCommand } from '../core/raw';

import './test-dom-shim';

const { workerListeners } = await import('./worker-listeners');

const want = (by: string, sent: boolean, received = false, releaseAll = false) =>
  ({ k: 'intercept', id: 7, socket: -1, sent, received, by, ...(releaseAll ? { releaseAll: true } : {}) }) as HookCommand;
const pass = (by: string, hold: number) => ({ k: 'release', id: 8, socket: 1, hold, by }) as HookCommand;
const kinds = (run: HookCommand[]) => run.map((c) => (c.k === 'release' ? `release ${c.hold}` : c.k === 'intercept' ? `intercept ${c.sent}/${c.received}${c.releaseAll ? ' all' : ''}` : c.k));

describe('a worker hook\'s listeners (the relays of every tab connected to it)', () => {
  it('holds what any relay wants held, and lets go of everything only when the last one leaves', () => {
    const l = workerListeners();
    expect(kinds(l.commands(want('a', true)))).toEqual(['intercept true/false']);
    expect(kinds(l.commands(want('b', false, true)))).toEqual(['intercept true/true']);
    expect(kinds(l.commands(want('a', false, false, true)))).toEqual(['intercept false/true']);
    expect(kinds(l.commands(want('b', false, false, true)))).toEqual(['intercept false/false all']);
  });

  it('lets a message pass once every relay that holds its direction let it pass; a settled one leaves at once', () => {
    const l = workerListeners();
    l.commands(want('a', true));
    l.commands(want('b', true));
    l.commands(want('c', false, true)); // holds only received: its pass does not count for a sent message
    l.held(1, 'sent');
    expect(kinds(l.commands(pass('c', 1)))).toEqual([]);
    expect(kinds(l.commands(pass('a', 1)))).toEqual([]);
    expect(kinds(l.commands(pass('b', 1)))).toEqual(['release 1']);
    // Forwarded by a panel (marked), edited, dropped or delayed: at once, whatever the others said.
    l.held(2, 'sent');
    expect(kinds(l.commands({ ...pass('b', 2), mark: 'held' } as HookCommand))).toEqual(['release 2']);
    l.held(3, 'sent');
    expect(kinds(l.commands({ ...pass('a', 3), drop: true } as HookCommand))).toEqual(['release 3']);
  });

  it('releases what waited only on a relay that went away, and keeps what another still holds', () => {
    const l = workerListeners();
    l.commands(want('a', true));
    l.commands(want('b', true));
    l.held(1, 'sent');
    l.held(2, 'sent');
    expect(l.commands(pass('a', 1))).toEqual([]);
    // b leaves: 1 waited only on b; 2 waits on a still.
    expect(kinds(l.commands(want('b', false, false, true)))).toEqual(['intercept true/false', 'release 1']);
    expect(kinds(l.commands(pass('a', 2)))).toEqual(['release 2']);
  });

  it('asked again, every relay answers anew; a command that names no relay runs as it is', () => {
    const l = workerListeners();
    l.commands(want('a', true));
    l.commands(want('b', true));
    l.held(1, 'sent');
    l.commands(pass('a', 1));
    l.held(1, 'sent');
    expect(l.commands(pass('b', 1))).toEqual([]);
    const unnamed = { k: 'release', id: 1, socket: 1, hold: 1 } as HookCommand;
    expect(l.commands(unnamed)).toEqual([unnamed]);
  });

  it('reads no property a page could have put on Object.prototype', () => {
    const l = workerListeners();
    const read: string[] = [];
    for (const name of ['releaseAll', 'drop', 'data', 'mark', 'delay', 'by']) {
      Object.defineProperty(Object.prototype, name, { configurable: true, get() { read.push(name); return undefined; } });
    }
    try {
      l.commands({ k: 'intercept', id: 1, socket: -1, sent: true, received: false, by: 'a' } as HookCommand);
      l.held(1, 'sent');
      l.commands({ k: 'release', id: 1, socket: 1, hold: 1, by: 'a' } as HookCommand);
    } finally {
      for (const name of ['releaseAll', 'drop', 'data', 'mark', 'delay', 'by']) delete (Object.prototype as Record<string, unknown>)[name];
    }
    expect(read).toEqual([]);
  });
});
