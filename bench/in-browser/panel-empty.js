// Runs in the Sockets panel frame: resolves true once the status bar's captured count is 0, false
// after `timeoutMs`. (The previous document's socket rows may stay until the next document's first
// batch: a page without sockets never starts its relay, so the panel learns of it only then.)
(timeoutMs) => new Promise((resolve) => {
  const deadline = performance.now() + timeoutMs;
  const tick = () => {
    const total = Number(document.querySelector('[data-role=total-count]')?.getAttribute('data-count') ?? 0);
    if (total === 0) resolve(true);
    else if (performance.now() > deadline) resolve(false);
    else setTimeout(tick, 10);
  };
  tick();
})
