// Runs in the Sockets panel frame: arms a one-shot listener for the next key press (`key`) or
// click (`click`) and stores in window.__latency a promise of the ms from that input event's
// timeStamp to the first animation frame whose DOM shows its effect (checked in rAF callbacks,
// just before that frame paints). Effects: key 'x' in the filter → no message row shown (no
// payload has an x); Backspace → message rows shown again; click on a message row → that
// message (same payload text) selected. Answers NaN after `timeoutMs` without the effect.
(mode, timeoutMs) => {
  window.__latency = new Promise((resolve) => {
    const rows = () => document.querySelectorAll('[role=row][data-kind=message]');
    let t0 = NaN;
    let shows = () => false;
    const check = () => {
      if (shows()) return resolve(performance.now() - t0);
      if (performance.now() - t0 > timeoutMs) return resolve(NaN);
      requestAnimationFrame(check);
    };
    const onInput = (e) => {
      t0 = e.timeStamp;
      if (mode === 'click') {
        const text = e.target.closest('[role=row]')?.querySelector('[data-role=payload]')?.textContent;
        shows = () => document.querySelector('[role=row][aria-selected=true] [data-role=payload]')?.textContent === text;
      } else if (e.key === 'Backspace') shows = () => document.querySelector('[aria-label=Filter]').value === '' && rows().length > 0;
      else shows = () => document.querySelector('[aria-label=Filter]').value === 'x' && rows().length === 0;
      requestAnimationFrame(check);
    };
    document.addEventListener(mode === 'click' ? 'pointerdown' : 'keydown', onInput, { capture: true, once: true });
  });
  return true;
}
