import type { HookCommand } from '../core/raw';
import { append, privateMap } from './language-natives';
import { ownValue } from './natives';

type Dir = 'sent' | 'received';
type Hold = { dir: Dir; passed: Map<string, true> };

/**
 * A shared worker's hook (in Firefox a service worker's too) answers to the relay of every watched
 * tab connected to it, each naming itself (`by`). It holds what any of them wants held. A message a
 * relay lets pass untouched (its panel's rules and breakpoints did not take it) leaves once every
 * relay that holds its direction let it pass; one a panel settled (forwarded, edited, dropped,
 * delayed) leaves at once. A relay that goes away no longer counts, and what waited only on it leaves.
 * `commands` turns one relay's command into the ones to run (none: counted, nothing to do yet).
 * Its collections' methods are its own: page code patching Map.prototype never runs.
 */
export function workerListeners() {
  const wants = privateMap<string, { sent: boolean; received: boolean }>();
  const holds = privateMap<number, Hold>();
  const everyPassed = (h: Hold) => {
    let all = true;
    wants.forEach((w, by) => void (w[h.dir] && !h.passed.has(by) && (all = false)));
    return all;
  };
  return {
    /** The hook asked its listeners about a held message (again: each answers anew). */
    held(hold: number, dir: Dir): void {
      holds.set(hold, { dir, passed: privateMap() });
    },
    commands(c: HookCommand): HookCommand[] {
      const by = ownValue(c, 'by');
      if (typeof by !== 'string') return [c];
      if (c.k === 'intercept') {
        const leaving = ownValue(c, 'releaseAll') === true;
        if (leaving) wants.delete(by);
        else wants.set(by, { sent: c.sent === true, received: c.received === true });
        let sent = false;
        let received = false;
        let left = 0;
        wants.forEach((w) => {
          sent ||= w.sent;
          received ||= w.received;
          left++;
        });
        const out: HookCommand[] = [left === 0 && leaving ? { k: 'intercept', id: c.id, socket: -1, sent, received, releaseAll: true } : { k: 'intercept', id: c.id, socket: -1, sent, received }];
        if (!leaving) return out;
        holds.forEach((h, hold) => {
          if (left > 0 && !everyPassed(h)) return;
          holds.delete(hold);
          if (left > 0) append(out, { k: 'release', id: 0, socket: -1, hold });
        });
        return out;
      }
      if (c.k !== 'release') return [c];
      const h = holds.get(c.hold);
      if (!h) return [c];
      const passes = ownValue(c, 'drop') !== true && ownValue(c, 'data') === undefined && ownValue(c, 'mark') === undefined && !ownValue(c, 'delay');
      if (passes) {
        h.passed.set(by, true);
        if (!everyPassed(h)) return [];
      }
      holds.delete(c.hold);
      return [c];
    },
  };
}
