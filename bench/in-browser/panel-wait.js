// Runs in the Sockets panel frame: polls every 10 ms (no driver round trips) until the socket rows'
// data-messages add up to at least `expected` or `timeoutMs` passes; answers the counts then, and
// (wholeEpoch) when no payload a flood deferred was still on its way.
(expected, timeoutMs) => new Promise((resolve) => {
  const count = (role) => Number(document.querySelector(`[data-role=${role}]`)?.getAttribute('data-count') ?? 0);
  const read = () => {
    let messages = 0;
    for (const el of document.querySelectorAll('[data-socket-url]')) messages += Number(el.dataset.messages ?? 0);
    return { messages, total: count('total-count'), dropped: count('dropped-count'), epoch: performance.timeOrigin + performance.now() };
  };
  const deadline = performance.now() + timeoutMs;
  let shown;
  const tick = () => {
    if (!shown) {
      const c = read();
      if (c.messages >= expected || performance.now() > deadline) shown = c;
    }
    if (shown && (count('partial-count') === 0 || performance.now() > deadline)) resolve({ ...shown, wholeEpoch: performance.timeOrigin + performance.now() });
    else setTimeout(tick, 10);
  };
  tick();
})
