// What a page sees of a WebSocketStream's readable and writable: backpressure, rejections, closing.
// The server's /held sockets read nothing (neither data nor the closing handshake) until the page
// fetches /release; /settle?ms= answers after that long, to see what is still pending by then.
// e2e/shared/websocketstream-behaviour.test.ts compares the results with and without the extension.
(() => {
  'use strict';
  const results = {};
  const checks = [];
  const check = (name, fn) => checks.push([name, fn]);
  const wsUrl = (path) => location.origin.replace(/^http/, 'ws') + path;
  const release = (name) => fetch('/release?name=' + name).then((r) => r.text());
  const SETTLE_MS = 400;
  /** 'resolved' / 'rejected: …' if `promise` settles before the server's settle answer, else 'pending'. */
  const stateSoon = (promise) =>
    Promise.race([promise.then(() => 'resolved', (e) => 'rejected: ' + describeError(e)), fetch('/settle?ms=' + SETTLE_MS).then(() => 'pending')]);
  const outcome = (promise) => promise.then((v) => ['resolved', describeValue(v)], (e) => ['rejected', describeError(e)]);
  const describeError = (e) => (e && typeof e === 'object' ? [e.constructor.name, e.name, e.message, e.closeCode, e.reason].filter((x) => x !== undefined).join(' | ') : String(e));
  const describeValue = (v) => (v && typeof v === 'object' ? JSON.stringify(v, (k, x) => (x instanceof ArrayBuffer || ArrayBuffer.isView(x) ? Array.from(new Uint8Array(x.buffer ?? x)) : x)) : String(v));
  const big = () => new Uint8Array(8 * 1024 * 1024);

  check('writes wait for the server to read (backpressure)', async () => {
    const s = new WebSocketStream(wsUrl('/held?name=backpressure'));
    const { writable } = await s.opened;
    const writer = writable.getWriter();
    const first = writer.write(big());
    const second = writer.write(big());
    const held = [await stateSoon(first), writer.desiredSize, await stateSoon(writer.ready)];
    await release('backpressure');
    const afterRelease = [await outcome(first), await outcome(second)];
    s.close();
    return [held, afterRelease, await outcome(s.closed)];
  });
  check('invalid writes reject', async () => {
    const out = [];
    for (const [name, chunk] of [['a symbol', Symbol('x')], ['a resizable ArrayBuffer', new ArrayBuffer(4, { maxByteLength: 8 })], ['a throwing toString', { toString() { throw new RangeError('from page'); } }]]) {
      const s = new WebSocketStream(wsUrl('/echo?stream-invalid'));
      const { writable } = await s.opened;
      const writer = writable.getWriter();
      out.push([name, await outcome(writer.write(chunk)), await stateSoon(writer.closed)]);
      s.close();
      out.push(await outcome(s.closed));
    }
    return out;
  });
  check('writer.close() waits for the closing handshake', async () => {
    const s = new WebSocketStream(wsUrl('/held?name=close'));
    const { writable } = await s.opened;
    const writer = writable.getWriter();
    const closing = writer.close();
    const held = await stateSoon(closing);
    await release('close');
    return [held, await outcome(closing), await outcome(s.closed)];
  });
  check('abort and cancel close with their code and reason', async () => {
    const out = [];
    for (const how of ['abort', 'cancel']) {
      const s = new WebSocketStream(wsUrl('/echo?stream-' + how));
      const { readable, writable } = await s.opened;
      const reason = typeof WebSocketError === 'function' ? new WebSocketError('bye', { closeCode: 4003, reason: how }) : how;
      const done = how === 'abort' ? writable.abort(reason) : readable.cancel(reason);
      out.push([how, await outcome(done), await outcome(s.closed), writable.locked, readable.locked]);
    }
    return out;
  });
  check('desiredSize, ready, locked', async () => {
    const s = new WebSocketStream(wsUrl('/echo?stream-state'));
    const { readable, writable } = await s.opened;
    const before = [writable.locked, readable.locked, Object.getPrototypeOf(readable) === ReadableStream.prototype, Object.getPrototypeOf(writable) === WritableStream.prototype];
    const writer = writable.getWriter();
    const reader = readable.getReader();
    const states = [writer.desiredSize, await outcome(writer.ready), writable.locked, readable.locked];
    const byob = (() => { try { readable.getReader({ mode: 'byob' }); return 'byob reader'; } catch (e) { return describeError(e); } })();
    reader.releaseLock();
    writer.releaseLock();
    s.close();
    await s.closed;
    return [before, states, byob];
  });
  check('piped both ways, and read with for await', async () => {
    const piped = new WebSocketStream(wsUrl('/echo?stream-piped'));
    const a = await piped.opened;
    const got = [];
    const sink = new WritableStream({ write(chunk) { got.push(typeof chunk === 'string' ? chunk : Array.from(new Uint8Array(chunk))); if (got.length === 3) piped.close(); } });
    const source = new ReadableStream({ start(c) { c.enqueue('piped one'); c.enqueue(new Uint8Array([7, 8])); c.enqueue('piped three'); } });
    const into = source.pipeTo(a.writable, { preventClose: true });
    const from = a.readable.pipeTo(sink);
    const piping = [await outcome(from), await outcome(into), await outcome(piped.closed)];

    const iterated = new WebSocketStream(wsUrl('/echo?stream-iterated'));
    const b = await iterated.opened;
    const writer = b.writable.getWriter();
    await writer.write('iterated one');
    await writer.write('iterated two');
    const seen = [];
    for await (const chunk of b.readable) {
      seen.push(chunk);
      if (seen.length === 2) break;
    }
    iterated.close();
    return [got, piping, seen, await outcome(iterated.closed)];
  });

  (async () => {
    if (typeof WebSocketStream !== 'function') {
      results.absent = 'this browser has no WebSocketStream';
    } else {
      const only = new URLSearchParams(location.search).get('only');
      for (const [name, fn] of checks) {
        if (only && !name.startsWith(only)) continue;
        document.documentElement.dataset.running = name;
        try {
          results[name] = await fn();
        } catch (e) {
          results[name] = { checkFailed: describeError(e) + ' ' + e.stack };
        }
      }
    }
    document.getElementById('results').textContent = JSON.stringify(results, null, 1);
    document.documentElement.dataset.done = 'true';
  })();
})();
