// Runs every attack of transparency-hostile-frame.js in a frame of its own, one after the other;
// `window.hostileReports()` answers what each frame's page learned (read it once the frames are done).
(() => {
  'use strict';
  const ATTACKS = ['array-index-setter', 'object-prototype-record-keys', 'object-prototype-descriptor-keys', 'symbol-iterator', 'promise-then', 'json', 'port-postmessage', 'error-stack-trace-limit', 'exceptions', 'registry-symbol', 'fake-events', 'capture-stop', 'proxy-protocols', 'adopted-frame'];
  const frames = {};
  const waitUntil = (test) => new Promise((resolve) => {
    const poll = () => (test() ? resolve() : setTimeout(poll, 20));
    poll();
  });
  window.hostileAttacks = ATTACKS;
  /** Timer ids around socket traffic (run while a panel watches: the relay must take none of them). */
  window.timerIdSteps = async () => {
    const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/echo?timer-ids');
    await new Promise((resolve) => (ws.onopen = resolve));
    const steps = [];
    let last = setTimeout(() => {});
    for (let i = 0; i < 20; i++) {
      const echoed = new Promise((resolve) => (ws.onmessage = resolve));
      ws.send('tick ' + i);
      await echoed;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const id = setTimeout(() => {});
      steps.push(id - last);
      last = id;
    }
    ws.close();
    return steps;
  };
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
