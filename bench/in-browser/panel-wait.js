// Runs in the Sockets panel frame: polls every 10 ms (no driver round trips) until the socket rows'
// data-messages add up to at least `expected` or `timeoutMs` passes; answers the counts then.
(expected, timeoutMs) => new Promise((resolve) => {
  const count = (role) => Number(document.querySelector(`[data-role=${role}]`)?.getAttribute('data-count') ?? 0);
  const read = () => {
    let messages = 0;
    for (const el of document.querySelectorAll('[data-socket-url]')) messages += Number(el.dataset.messages ?? 0);
    return { messages, total: count('total-count'), dropped: count('dropped-count'), epoch: performance.timeOrigin + performance.now() };
  };
  const deadline = performance.now() + timeoutMs;
  const tick = () => {
    const c = read();
    if (c.messages >= expected || performance.now() > deadline) resolve(c);
    else setTimeout(tick, 10);
  };
  tick();
})
