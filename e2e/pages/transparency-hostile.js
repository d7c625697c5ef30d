// Runs every attack of transparency-hostile-frame.js in a frame of its own, one after the other;
// `window.hostileReports()` answers what each frame's page learned (read it once the frames are done).
(() => {
  'use strict';
  const ATTACKS = ['array-index-setter', 'object-prototype-record-keys', 'object-prototype-descriptor-keys', 'symbol-iterator', 'promise-then', 'json', 'port-postmessage', 'error-stack-trace-limit', 'exceptions', 'registry-symbol', 'fake-events', 'capture-stop'];
  const frames = {};
  const waitUntil = (test) => new Promise((resolve) => {
    const poll = () => (test() ? resolve() : setTimeout(poll, 20));
    poll();
  });
  window.hostileAttacks = ATTACKS;
  window.hostileReports = () => JSON.stringify(Object.fromEntries(ATTACKS.map((a) => [a, JSON.parse(frames[a].contentWindow.hostile.report())])));
  (async () => {
    for (const attack of ATTACKS) {
      const f = document.createElement('iframe');
      f.src = '/transparency-hostile-frame.html?attack=' + attack;
      document.body.appendChild(f);
      frames[attack] = f;
      await waitUntil(() => f.contentWindow.hostile && f.contentWindow.hostile.done());
    }
    document.documentElement.dataset.done = 'true';
  })();
})();
