// One hostile page per frame (e2e/pages/transparency-hostile.html): before anything else it patches
// what a hook might use (prototypes, iterators, promises, JSON, ports, error settings) to watch for
// the hook or to forge its records, then uses a real socket. `window.report()` answers what the page
// learned; the suites compare it with and without the extension, and the panel must still show the
// socket with every message.
// The page's own code here avoids [[Set]] on arrays, promise resolution with objects and property
// descriptors, so that what it logs is what someone else did.
(() => {
  'use strict';
  const attack = new URLSearchParams(location.search).get('attack');
  let log = '';
  const note = (what) => (log += (log ? '\n' : '') + what);
  const describe = (v) => (v === null ? 'null' : typeof v !== 'object' ? typeof v : Object.keys(v).join(',') || Object.prototype.toString.call(v));
  const define = Object.defineProperty;
  const stringify = JSON.stringify;
  const counters = { __proto__: null };
  const count = (name) => (counters[name] = (counters[name] || 0) + 1);

  // Keys the hook's records, commands, results and descriptors use.
  const RECORD_KEYS = ['k', 'id', 't', 'url', 'protocols', 'binaryType', 'frameUrl', 'api', 'protocol', 'extensions', 'dir', 'data', 'bufferedAmount', 'origin', 'error', 'message', 'code', 'reason', 'wasClean', 'socket', 'ok', 'ports', 'cancelable', 'delay', 'transfer', 'then', 'signal', 'closeCode', 'readable', 'writable', 'name', 'stack', 'length', 'size'];
  const DESCRIPTOR_KEYS = ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'];

  const attacks = {
    // Reads (and edits) whatever is [[Set]] on a fresh index of any ordinary array.
    'array-index-setter'() {
      for (let i = 0; i < 64; i++) {
        define(Array.prototype, i, {
          configurable: true,
          get() { return undefined; },
          set(v) {
            note('set [' + i + '] ' + describe(v));
            if (v && typeof v === 'object' && 'k' in v) {
              v.url = 'ws://forged.invalid/relabelled';
              v.frameUrl = 'https://bank.example/';
            }
            define(this, i, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true });
          },
        });
      }
    },
    // Watches every read and write of a key the hook uses, through Object.prototype.
    'object-prototype-record-keys'() {
      for (const key of RECORD_KEYS) {
        if (Object.prototype.hasOwnProperty(key)) continue;
        define(Object.prototype, key, { __proto__: null, configurable: true, get() { note('get ' + key); return undefined; }, set(v) { note('set ' + key + ' ' + describe(v)); } });
      }
    },
    'object-prototype-descriptor-keys'() {
      for (const key of DESCRIPTOR_KEYS) define(Object.prototype, key, { __proto__: null, configurable: true, get() { note('get ' + key); return undefined; } });
    },
    // Sees every array iteration (WebIDL sequences: ports, transfer lists, Blob parts).
    'symbol-iterator'() {
      const values = Array.prototype[Symbol.iterator];
      const iteratorProto = Object.getPrototypeOf([][Symbol.iterator]());
      const next = iteratorProto.next;
      define(Array.prototype, Symbol.iterator, { __proto__: null, configurable: true, writable: true, value: function () { note('iterate ' + this.length); return values.call(this); } });
      define(iteratorProto, 'next', { __proto__: null, configurable: true, writable: true, value: function () { const r = next.call(this); if (!r.done) note('next ' + describe(r.value)); return r; } });
    },
    'promise-then'() {
      const then = Promise.prototype.then;
      define(Promise.prototype, 'then', { __proto__: null, configurable: true, writable: true, value: function (a, b) { count('then'); return then.call(this, a, b); } });
      define(Promise.prototype, 'constructor', { __proto__: null, configurable: true, get() { count('constructor'); return Promise; } });
      define(Promise, Symbol.species, { __proto__: null, configurable: true, get() { count('species'); return Promise; } });
    },
    json() {
      for (const name of ['stringify', 'parse']) {
        const native = JSON[name];
        JSON[name] = function () { note('JSON.' + name); return native.apply(this, arguments); };
      }
    },
    'port-postmessage'() {
      const post = MessagePort.prototype.postMessage;
      MessagePort.prototype.postMessage = function (m) { note('postMessage ' + describe(m)); return post.apply(this, arguments); };
      const winPost = window.postMessage;
      window.postMessage = function (m) { note('window.postMessage ' + describe(m)); return winPost.apply(this, arguments); };
    },
    'error-stack-trace-limit'() {
      let limit = Error.stackTraceLimit;
      define(Error, 'stackTraceLimit', { __proto__: null, configurable: true, enumerable: true, get() { count('stackTraceLimit get'); return limit; }, set(v) { count('stackTraceLimit set'); limit = v; } });
    },
    // Its socket comes from a same-origin child frame sandboxed without scripts, where no hook of its
    // own runs (Chrome): the hook adopts that realm while the page watches descriptors and iterators.
    'adopted-frame'() {
      attacks['object-prototype-descriptor-keys']();
      attacks['symbol-iterator']();
    },
    // Its protocols array is a Proxy that logs every trap (set up below).
    'proxy-protocols'() {},
    // What the page can see of the exceptions the natives throw through the stand-ins.
    exceptions() {},
    // Asks the disguise for what only the hook should know.
    'registry-symbol'() {},
    // Events the page dispatches itself on its socket must not count as traffic.
    'fake-events'() {},
    // A capture-phase listener that stops the event at once.
    'capture-stop'() {},
  };

  attacks[attack]();

  // What the page reads back after its attack.
  const probes = { __proto__: null };
  const probe = (name, fn) => {
    try {
      probes[name] = fn();
    } catch (e) {
      probes[name] = 'threw ' + (e && e.name) + ': ' + (e && e.message);
    }
  };
  if (attack === 'error-stack-trace-limit') {
    probe('caller of a sloppy function', () => String(new Function('return 1').caller));
    probe('caller of a strict function', () => String((function () {}).caller));
    probe('toString of a non-function', () => Function.prototype.toString.call({}));
  }
  if (attack === 'registry-symbol') {
    probe('registry symbol', () => {
      const v = Function.prototype.toString.call(Function.prototype.toString, Symbol.for('sockets-devtools.registry'));
      return typeof v === 'string' ? v : 'answered a ' + typeof v;
    });
    probe('registry symbol, parent realm', () => {
      const v = parent.Function.prototype.toString.call(parent.Function.prototype.toString, Symbol.for('sockets-devtools.registry'));
      return typeof v === 'string' ? v : 'answered a ' + typeof v;
    });
  }

  const wsUrl = location.origin.replace(/^http/, 'ws') + '/echo?hostile-' + attack;
  const traps = { __proto__: null };
  for (const trap of ['get', 'getOwnPropertyDescriptor', 'has', 'ownKeys', 'getPrototypeOf']) {
    traps[trap] = function (target, key) {
      note(trap + (typeof key === 'string' || typeof key === 'symbol' ? ' ' + String(key) : ''));
      return Reflect[trap].apply(null, arguments);
    };
  }
  let received = '';
  let done = false;
  let closed = '';
  window.hostile = {
    done: () => done,
    report: () => stringify({ log, counters, probes, received, closed }),
  };

  const run = (WebSocket) => {
    const ws = new WebSocket(wsUrl, attack === 'proxy-protocols' ? new Proxy(['chat'], traps) : 'chat');
    ws.binaryType = 'arraybuffer';
    if (attack === 'exceptions') {
      const ownKeys = (fn) => {
        try {
          fn();
          return 'no exception';
        } catch (e) {
          return Reflect.ownKeys(e).map(String).join(',') + ' ' + e.name + (/extension:/.test(e.stack) ? ' (an extension frame in its stack)' : '');
        }
      };
      probe('send before open', () => ownKeys(() => ws.send('early')));
      probe('send without data', () => ownKeys(() => ws.send()));
      probe('close with an invalid code', () => ownKeys(() => ws.close(1)));
      probe('constructor with a bad URL', () => ownKeys(() => new WebSocket('ftp://x/')));
    }
    ws.addEventListener('open', () => {
      if (attack === 'fake-events') {
        ws.dispatchEvent(new MessageEvent('message', { data: 'fake message' }));
        ws.dispatchEvent(new Event('error'));
        ws.dispatchEvent(new CloseEvent('close', { code: 4321, reason: 'fake close', wasClean: true }));
      }
      if (attack === 'capture-stop') ws.addEventListener('message', (e) => (e.stopImmediatePropagation(), onEcho(e)), true);
      ws.send('text from ' + attack);
      ws.send(new Uint8Array([1, 2, 3]));
      ws.send(new Blob(['blob from ' + attack]));
    });
    let echoes = 0;
    const counted = new WeakSet();
    const onEcho = (e) => {
      if (!e.isTrusted || counted.has(e)) return;
      counted.add(e);
      received += (received ? '|' : '') + (typeof e.data === 'string' ? e.data : new Uint8Array(e.data).join(','));
      if (++echoes === 3) ws.close(4000, 'done');
    };
    ws.onmessage = onEcho;
    ws.onclose = (e) => {
      if (!e.isTrusted) return;
      closed = e.code + ' ' + e.reason;
      done = true;
    };
  };

  if (attack !== 'adopted-frame') run(WebSocket);
  else {
    const child = document.createElement('iframe');
    child.sandbox = 'allow-same-origin';
    child.onload = () => run(child.contentWindow.WebSocket);
    child.src = '/frame-child.html';
    document.documentElement.appendChild(child);
  }
})();
