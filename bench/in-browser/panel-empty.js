// Runs in the Sockets panel frame: resolves true once the status bar's captured count is 0 and no
// socket row is left, false after `timeoutMs`.
(timeoutMs) => new Promise((resolve) => {
  const deadline = performance.now() + timeoutMs;
  const tick = () => {
    const total = Number(document.querySelector('[data-role=total-count]')?.getAttribute('data-count') ?? 0);
    if (total === 0 && !document.querySelector('[data-socket-url]')) resolve(true);
    else if (performance.now() > deadline) resolve(false);
    else setTimeout(tick, 10);
  };
  tick();
})
