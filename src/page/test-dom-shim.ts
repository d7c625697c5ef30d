/** Tests only: what the hook's natives read at load that Node lacks (imported before the module under test). */
// Node has no CloseEvent, and its events' isTrusted is not an own accessor: the hook's natives read
// both at load (a worker has them as the DOM defines them).
const isTrusted = { get: () => false };
if (!Object.getOwnPropertyDescriptor(new Event(''), 'isTrusted')) {
  const NodeEvent = Event;
  (globalThis as { Event: unknown }).Event = class extends NodeEvent {
    constructor(type: string, init?: EventInit) {
      super(type, init);
      Object.defineProperty(this, 'isTrusted', isTrusted);
    }
  };
}
if (typeof CloseEvent === 'undefined') {
  (globalThis as { CloseEvent?: unknown }).CloseEvent = class extends Event {
    get code() { return 0; }
    get reason() { return ''; }
    get wasClean() { return false; }
  };
}

export {};
