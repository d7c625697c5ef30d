import type { InterceptMark } from '../../core/model';

/** What each intercept mark means: the grid badge's hover text, and the message view's note. */
export const INTERCEPT_MARK_TEXT: Record<InterceptMark, { title: string; note: string }> = {
  held: { title: 'Held by a breakpoint, then forwarded', note: 'held at a breakpoint, forwarded unchanged' },
  edited: { title: 'Edited at a breakpoint (the original is in the message view)', note: 'edited at a breakpoint' },
  dropped: { title: 'Dropped at a breakpoint: it never reached the other side', note: 'dropped: it never reached the other side' },
  blocked: { title: 'Blocked by a rule: it never reached the other side', note: 'blocked by a rule: it never reached the other side' },
  rewritten: { title: 'Rewritten by a rule (the original is in the message view)', note: 'rewritten by a rule' },
  delayed: { title: 'Delayed by a rule or the socket\'s latency', note: 'delayed' },
  mocked: { title: 'A rule\'s reply, delivered to the page as if from the server', note: 'a rule\'s reply (not from the server)' },
  replayed: { title: 'Replayed into this socket as an incoming message', note: 'replayed (not from the server)' },
};
