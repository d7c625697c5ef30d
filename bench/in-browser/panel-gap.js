// Runs in the Sockets panel frame: waits until a socket row reports messages not kept, then filters
// the grid to the gap row; answers the socket row's counts and the gap row's text.
(timeoutMs) => new Promise((resolve) => {
  const deadline = performance.now() + timeoutMs;
  const tick = () => {
    const row = document.querySelector('[data-socket-url]');
    const notKept = row?.querySelector('[data-role=not-kept]');
    if (!notKept && performance.now() < deadline) return setTimeout(tick, 50);
    const input = document.querySelector('input[placeholder*="Filter"]');
    input.value = 'kept';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const read = () => {
      const gap = document.querySelector('[role=row][data-kind=gap]');
      if (!gap && performance.now() < deadline) return setTimeout(read, 50);
      resolve({ messages: Number(row?.dataset.messages ?? 0), notKept: Number(notKept?.dataset.count ?? 0), gapText: gap?.textContent ?? '' });
    };
    read();
  };
  tick();
})
