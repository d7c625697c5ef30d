// Scenarios for e2e/shared/hook-capture.test.ts. Each opens its own socket(s) to a URL that names
// the scenario, does what the test describes, and answers what the page itself observed.
'use strict';
const wsUrl = (path) => location.origin.replace(/^http/, 'ws') + path;

function opened(ws) {
  return new Promise((resolve, reject) => {
    if (ws.readyState === 1) return resolve(ws);
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('close', () => reject(new Error('closed before open')), { once: true });
  });
}
function closed(ws) {
  return new Promise((resolve) => ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason, wasClean: e.wasClean }), { once: true }));
}
function messages(ws, n) {
  const got = [];
  return new Promise((resolve) => {
    ws.addEventListener('message', function on(e) {
      got.push(e.data);
      if (got.length === n) {
        ws.removeEventListener('message', on);
        resolve(got);
      }
    });
  });
}
async function describe(data) {
  if (typeof data === 'string') return 'text:' + data;
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  return (data instanceof Blob ? 'blob:' : 'arraybuffer:') + Array.from(new Uint8Array(buffer)).join(',');
}
function caught(fn) {
  try {
    fn();
    return 'no exception';
  } catch (e) {
    return e.name + ': ' + e.message;
  }
}

window.scenarios = {
  async protocols() {
    const ws = new WebSocket(wsUrl('/echo?protocols'), ['chat.v2', 'chat.v1']);
    await opened(ws);
    return { protocol: ws.protocol };
  },

  async extensions(extensionsWs) {
    const ws = new WebSocket(extensionsWs);
    await opened(ws);
    return { extensions: ws.extensions };
  },

  async lifecycle() {
    const ws = new WebSocket(wsUrl('/echo?lifecycle'));
    const states = [ws.readyState];
    await opened(ws);
    states.push(ws.readyState);
    ws.close(1000, 'done');
    states.push(ws.readyState);
    await closed(ws);
    states.push(ws.readyState);
    return states;
  },

  async binaryType() {
    const ws = new WebSocket(wsUrl('/echo?binary-type'));
    ws.binaryType = 'arraybuffer';
    ws.binaryType = 'not-a-type';
    ws.binaryType = 'arraybuffer';
    await opened(ws);
    ws.binaryType = 'blob';
    ws.close();
    await closed(ws);
    return ws.binaryType;
  },

  async bufferedAmount() {
    const ws = new WebSocket(wsUrl('/silent?buffered'));
    await opened(ws);
    const seen = [];
    for (let i = 1; i <= 3; i++) {
      ws.send(new Uint8Array(256 * 1024 * i));
      seen.push(ws.bufferedAmount);
    }
    return seen;
  },

  async sendKinds() {
    const ws = new WebSocket(wsUrl('/silent?kinds'));
    await opened(ws);
    const base = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 255).buffer;
    const sent = [];
    const send = (label, data) => { ws.send(data); sent.push(label); };
    send('string', 'héllo ✓ wörld');
    send('ArrayBuffer', base.slice(0, 10));
    for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
      Float32Array, Float64Array, BigInt64Array, BigUint64Array, ...(typeof Float16Array === 'function' ? [Float16Array] : [])]) {
      // A view with an offset into a larger buffer: only the view's bytes go out.
      send(T.name, new T(base, 8, 2));
    }
    send('DataView', new DataView(base, 3, 5));
    send('Blob', new Blob([new Uint8Array([1, 2, 3]), 'abc']));
    send('string after Blob', 'after blob');
    send('empty Blob', new Blob([]));
    send('big Blob', new Blob([new Uint8Array(100000).fill(7)]));
    send('last', 'last');
    return sent;
  },

  async sendThenMutate() {
    const ws = new WebSocket(wsUrl('/record?mutate'));
    await opened(ws);
    const bytes = new Uint8Array([1, 2, 3, 4]);
    ws.send(bytes);
    bytes.fill(9);
    const buffer = new Uint8Array([5, 6]).buffer;
    ws.send(buffer);
    structuredClone(buffer, { transfer: [buffer] }); // detaches the page's buffer
    return buffer.byteLength;
  },

  async sendBeforeOpen() {
    const ws = new WebSocket(wsUrl('/echo?send-before-open'));
    const thrown = caught(() => ws.send('too early'));
    await opened(ws);
    ws.close();
    return thrown;
  },

  async sendAfterClose() {
    const ws = new WebSocket(wsUrl('/echo?send-after-close'));
    await opened(ws);
    ws.close();
    const thrown = caught(() => ws.send('too late'));
    await closed(ws);
    return thrown;
  },

  async closeWithoutCode() {
    const ws = new WebSocket(wsUrl('/echo?close-plain'));
    await opened(ws);
    ws.close();
    return closed(ws);
  },

  async closeWithCode() {
    const ws = new WebSocket(wsUrl('/echo?close-code'));
    await opened(ws);
    ws.close(4321, 'all done');
    return closed(ws);
  },

  async closeInvalid() {
    const ws = new WebSocket(wsUrl('/echo?close-invalid'));
    await opened(ws);
    const thrown = [caught(() => ws.close(1005)), caught(() => ws.close(3000, 'x'.repeat(124)))];
    ws.close(3000);
    await closed(ws);
    return thrown;
  },

  async receive() {
    const ws = new WebSocket(wsUrl('/echo?receive'));
    await opened(ws);
    let got = messages(ws, 2);
    ws.send('text one');
    ws.send(new Uint8Array([200, 201, 202]));
    const asBlobs = await got;
    ws.binaryType = 'arraybuffer';
    got = messages(ws, 2);
    ws.send('text two');
    ws.send(new Uint8Array([210, 211]));
    const asBuffers = await got;
    ws.close();
    return Promise.all([...asBlobs, ...asBuffers].map(describe));
  },

  async serverClose() {
    const ws = new WebSocket(wsUrl('/close?code=4001&reason=server%20says%20bye'));
    await opened(ws);
    ws.send('please close');
    return closed(ws);
  },

  async refused() {
    const ws = new WebSocket('ws://127.0.0.1:9/refused');
    const events = [];
    ws.onerror = () => events.push('error');
    const info = await closed(ws);
    return { events, ...info };
  },

  async subclass() {
    class Chat extends WebSocket {
      say(text) { this.send('chat:' + text); }
    }
    const ws = new Chat(wsUrl('/echo?subclass'));
    await opened(ws);
    const got = messages(ws, 1);
    ws.say('hi');
    const [echo] = await got;
    ws.close();
    return { echo, isChat: ws instanceof Chat, isWebSocket: ws instanceof WebSocket };
  },

  async stream() {
    const s = new WebSocketStream(wsUrl('/echo?stream'), { protocols: ['stream.v1'] });
    const { readable, writable, protocol } = await s.opened;
    const writer = writable.getWriter();
    const reader = readable.getReader();
    await writer.write('stream text');
    await writer.write(new Uint8Array([1, 2, 3, 250]));
    const a = await reader.read();
    const b = await reader.read();
    s.close({ closeCode: 4002, reason: 'stream done' });
    const info = await s.closed;
    return { protocol, a: a.value, b: Array.from(new Uint8Array(b.value)), closed: info };
  },

  async streamRefused() {
    const s = new WebSocketStream('ws://127.0.0.1:9/stream-refused');
    const opened = await s.opened.then(() => 'opened', (e) => e.name);
    const closedInfo = await s.closed.then(() => 'closed', (e) => e.name);
    return { opened, closed: closedInfo };
  },

  async streamIterate() {
    const s = new WebSocketStream(wsUrl('/echo?stream-iterate'));
    const { readable, writable } = await s.opened;
    const writer = writable.getWriter();
    for (let i = 0; i < 5; i++) writer.write('n' + i);
    const got = [];
    for await (const m of readable) {
      got.push(m);
      if (got.length === 5) break; // cancels the readable: closes the connection
    }
    await s.closed.catch(() => {});
    return got;
  },

  // --- frames ---------------------------------------------------------------------------------
  async sameOriginFrame() {
    return frameWith('/frame-child.html?ws=' + encodeURIComponent(wsUrl('/echo?same-origin-frame')));
  },
  async crossOriginFrame(crossOrigin) {
    return frameWith(crossOrigin + '/frame-child.html?ws=' + encodeURIComponent(wsUrl('/echo?cross-origin-frame')));
  },
  async aboutBlankFrame() {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    // The socket is made by a script running in the frame's own realm.
    const script = f.contentDocument.createElement('script');
    script.textContent = `const ws = new WebSocket(${JSON.stringify(wsUrl('/echo?about-blank-frame'))});
      ws.onopen = () => ws.send('from about:blank');
      ws.onmessage = (e) => { parent.postMessage('about-blank:' + e.data, '*'); };`;
    const answer = reply('about-blank:');
    f.contentDocument.body.appendChild(script);
    return answer;
  },
  async srcdocFrame() {
    const f = document.createElement('iframe');
    const answer = reply('srcdoc:');
    f.srcdoc = `<script>const ws = new WebSocket(${JSON.stringify(wsUrl('/echo?srcdoc-frame'))});
      ws.onopen = () => ws.send('from srcdoc');
      ws.onmessage = (e) => parent.postMessage('srcdoc:' + e.data, '*');<\/script>`;
    document.body.appendChild(f);
    return answer;
  },
  async sandboxedFrame() {
    const f = document.createElement('iframe');
    f.sandbox = 'allow-scripts';
    const answer = reply('sandboxed:');
    f.srcdoc = `<script>const ws = new WebSocket(${JSON.stringify(wsUrl('/echo?sandboxed-frame'))});
      ws.onopen = () => ws.send('from a sandboxed frame');
      ws.onmessage = (e) => parent.postMessage('sandboxed:' + e.data, '*');<\/script>`;
    document.body.appendChild(f);
    return answer;
  },
  async borrowedConstructor() {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const Clean = f.contentWindow.WebSocket;
    const ws = new Clean(wsUrl('/echo?borrowed-constructor'));
    await opened(ws);
    const got = messages(ws, 1);
    ws.send('through a borrowed constructor');
    const [echo] = await got;
    return { echo, sameAsParent: Clean === WebSocket };
  },
  async constructorBeforeHook(greeter) {
    // The constructor of a srcdoc frame's initial document, taken before the frame's own document
    // (and the hook with it) arrives; the Window is kept when the srcdoc document replaces it.
    const f = document.createElement('iframe');
    f.srcdoc = '<p>late</p>';
    document.body.appendChild(f);
    const Early = f.contentWindow.WebSocket;
    await new Promise((r) => (f.onload = r));
    const ws = new Early(greeter);
    return new Promise((resolve) => (ws.onmessage = (e) => resolve(e.data)));
  },
};

function reply(prefix) {
  return new Promise((resolve) => {
    addEventListener('message', function on(e) {
      if (typeof e.data === 'string' && e.data.startsWith(prefix)) {
        removeEventListener('message', on);
        resolve(e.data);
      }
    });
  });
}

function frameWith(src) {
  const f = document.createElement('iframe');
  f.src = src;
  document.body.appendChild(f);
  return new Promise((resolve) => (f.onload = () => resolve(src)));
}
