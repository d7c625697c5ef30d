import type { Direction, InterceptMark } from '../model';
import { applyRewrite, fillTemplate, type EditablePayload } from './rewrite';
import { appliesTo, type Breakpoint, type Rule } from './rules';

/** A held message as the panel judges it. */
export interface HeldMessage {
  dir: Direction;
  payload: EditablePayload;
  socketUrl: string;
}

/** Whether a filter expression matches a payload of the held message's socket (the panel's filter language). */
export type Matches = (query: string, payload: EditablePayload) => boolean;

export interface Decision {
  /** The payload after the rules' rewrites; undefined when unchanged. */
  payload?: EditablePayload;
  mark?: InterceptMark;
  delay: number;
  drop: boolean;
  /** A rule's reply, delivered to the page as an incoming message. */
  reply?: string;
  /** A breakpoint matched: the user decides. */
  hold: boolean;
}

/**
 * Rules in order (each matching one acts on what the earlier left; a block ends it), then the
 * breakpoints on the result. `random` picks a delay in a rule's range.
 */
export function decide(m: HeldMessage, rules: Rule[], breakpoints: Breakpoint[], matches: Matches, random = Math.random): Decision {
  const d: Decision = { delay: 0, drop: false, hold: false };
  let payload = m.payload;
  for (const r of rules) {
    if (!r.enabled || !appliesTo(r.dir, m.dir) || (r.url && !m.socketUrl.includes(r.url)) || !matches(r.query, payload)) continue;
    const a = r.action;
    if (a.kind === 'block') {
      return { ...d, drop: true, mark: 'blocked', ...(payload !== m.payload ? { payload } : {}) };
    } else if (a.kind === 'rewrite') {
      const next = applyRewrite(payload, a.rewrite);
      if (next) {
        payload = next;
        d.mark = 'rewritten';
      }
    } else if (a.kind === 'delay') {
      d.delay += a.min + Math.round(random() * (a.max - a.min));
      d.mark ??= 'delayed';
    } else if (m.dir === 'sent' && d.reply === undefined) {
      d.reply = fillTemplate(a.template, 'text' in payload ? payload.text : '');
      if (!a.forward) {
        d.drop = true;
        d.mark = 'blocked';
        break;
      }
    }
  }
  if (payload !== m.payload) d.payload = payload;
  if (!d.drop) d.hold = breakpoints.some((b) => b.enabled && appliesTo(b.dir, m.dir) && matches(b.query, payload));
  return d;
}
