// Page-observable WebSocket behaviour, checked the way a page (or a library) could check it.
// e2e/shared/transparency.test.ts runs this page in each browser without and with the extension and
// asserts that both runs publish the same results. Every check answers a JSON value describing what
// the page saw (not a pass/fail), so a difference shows what changed.
(() => {
  'use strict';
  const results = {};
  const known = {};
  const checks = [];
  const check = (name, fn) => checks.push([name, fn, results]);
  // Checks where the extension is known to show: page code that a wrapped call runs synchronously
  // (a toString/valueOf the API converts) sees the stand-in's frame in `new Error().stack`, and so
  // does an error a stream stand-in's native rejects with at once, and one a worker constructor
  // throws after it ran page code (a getter of its options, a toString of its URL).
  const knownDifference = (name, fn) => checks.push([name, fn, known]);
  const wsUrl = (path) => location.origin.replace(/^http/, 'ws') + path;
  const fpToString = Function.prototype.toString;
  const src = (f) => fpToString.call(f);

  const errorInfo = (e) =>
    e && typeof e === 'object'
      ? { ctor: e.constructor && e.constructor.name, name: e.name, message: e.message, code: e.code, stack: e.stack, ownKeys: Reflect.ownKeys(e).map(String) }
      : { thrown: String(e) };
  const attempt = (fn) => {
    try {
      return { returned: describeValue(fn()) };
    } catch (e) {
      return { threw: errorInfo(e) };
    }
  };
  const describeValue = (v) => (typeof v === 'function' ? 'function ' + v.name : typeof v === 'object' && v !== null ? Object.prototype.toString.call(v) : typeof v === 'symbol' ? String(v) : v);
  const isConstructor = (f) => {
    try {
      Reflect.construct(String, [], f);
      return true;
    } catch {
      return false;
    }
  };
  const poisoned = (f, key) => {
    try {
      return { value: describeValue(f[key]) };
    } catch (e) {
      return { threw: e.constructor.name + ': ' + e.message };
    }
  };
  const fnInfo = (f) =>
    typeof f !== 'function'
      ? describeValue(f)
      : {
          name: f.name, length: f.length, source: src(f), ownKeys: Reflect.ownKeys(f).map(String),
          prototype: 'prototype' in f ? describeValue(f.prototype) : 'none', constructor: isConstructor(f),
          caller: poisoned(f, 'caller'), arguments: poisoned(f, 'arguments'),
          proto: Object.getPrototypeOf(f) === Function.prototype,
        };
  const descInfo = (d) =>
    d === undefined
      ? 'absent'
      : {
          configurable: d.configurable, enumerable: d.enumerable, writable: d.writable,
          value: 'value' in d ? (typeof d.value === 'function' ? fnInfo(d.value) : describeValue(d.value)) : undefined,
          get: 'get' in d ? fnInfo(d.get) : undefined, set: 'set' in d ? fnInfo(d.set) : undefined,
        };
  const descriptors = (o) => Reflect.ownKeys(o).map((k) => [String(k), descInfo(Object.getOwnPropertyDescriptor(o, k))]);

  const once = (target, type) => new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
  async function openSocket(path, protocols) {
    const ws = new WebSocket(wsUrl(path), protocols);
    await once(ws, 'open');
    return ws;
  }
  const closeAndWait = async (ws) => {
    const done = once(ws, 'close');
    ws.close();
    await done;
  };
  const CONSTANTS = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];

  // --- the constructor -------------------------------------------------------------------------
  check('WebSocket: typeof, name, length', () => [typeof WebSocket, WebSocket.name, WebSocket.length]);
  check('WebSocket: Function.prototype.toString', () => src(WebSocket));
  check('WebSocket: String() and template literal', () => [String(WebSocket), `${WebSocket}`, '' + WebSocket]);
  check('WebSocket: "[native code]" sniffing', () => ('' + window.WebSocket).indexOf('[native') > -1);
  check('WebSocket: function shape (caller, arguments, constructor)', () => fnInfo(WebSocket));
  check('WebSocket: own property descriptors', () => descriptors(WebSocket));
  check('WebSocket: the four constants on the constructor', () => CONSTANTS.map((c) => [c, WebSocket[c], descInfo(Object.getOwnPropertyDescriptor(WebSocket, c))]));
  check('WebSocket: the four constants on the prototype', () => CONSTANTS.map((c) => [c, WebSocket.prototype[c], descInfo(Object.getOwnPropertyDescriptor(WebSocket.prototype, c))]));
  check('WebSocket: window property descriptor', () => descInfo(Object.getOwnPropertyDescriptor(window, 'WebSocket')));
  check('WebSocket: prototype chain', () => [Object.getPrototypeOf(WebSocket) === EventTarget, Object.getPrototypeOf(WebSocket.prototype) === EventTarget.prototype]);
  check('WebSocket: prototype.constructor identity', () => [WebSocket.prototype.constructor === WebSocket, window.WebSocket === WebSocket, globalThis.WebSocket === self.WebSocket]);
  check('WebSocket: Object.prototype.toString of constructor, prototype', () => [Object.prototype.toString.call(WebSocket), Object.prototype.toString.call(WebSocket.prototype)]);
  check('WebSocket: frozen, sealed, extensible', () => [WebSocket, WebSocket.prototype].map((o) => [Object.isFrozen(o), Object.isSealed(o), Object.isExtensible(o)]));
  check('WebSocket: called without new', () => attempt(() => WebSocket(wsUrl('/echo'))));
  check('WebSocket: new without arguments', () => attempt(() => new WebSocket()));
  check('WebSocket: SyntaxError for a bad scheme', () => attempt(() => new WebSocket('ftp://example.com/')));
  check('WebSocket: SyntaxError for a fragment', () => attempt(() => new WebSocket(wsUrl('/echo#fragment'))));
  check('WebSocket: SyntaxError for an unparsable URL', () => attempt(() => new WebSocket('ws://exa mple.com:99999/')));
  check('WebSocket: SyntaxError for duplicate protocols', () => attempt(() => new WebSocket(wsUrl('/echo'), ['a', 'a'])));
  check('WebSocket: a patched array iterator runs as often as natively when the constructor throws', () => {
    const native = Array.prototype[Symbol.iterator];
    let calls = 0;
    Array.prototype[Symbol.iterator] = function () {
      calls++;
      return native.call(this);
    };
    try {
      return [attempt(() => new WebSocket(wsUrl('/echo'), ['a', 'a'])), attempt(() => new WebSocket('ftp://example.com/', ['b'])), calls];
    } finally {
      Array.prototype[Symbol.iterator] = native;
    }
  });
  check('WebSocket: a socket the page\'s CSP refuses: the same exception, one violation report', async () => {
    const f = document.createElement('iframe');
    const posted = new Promise((resolve) => {
      window.addEventListener('message', function heard(e) {
        if (e.source !== f.contentWindow || !e.data || !e.data.cspSocket) return;
        window.removeEventListener('message', heard);
        resolve(e.data.cspSocket);
      });
    });
    f.src = '/csp-socket.html';
    document.body.appendChild(f);
    const result = await posted;
    f.remove();
    return result;
  });
  check('WebSocket: SyntaxError for an invalid protocol token', () => attempt(() => new WebSocket(wsUrl('/echo'), 'not a token')));
  check('WebSocket: relative and http(s) URLs are resolved', () => {
    const a = new WebSocket('/echo?relative');
    const b = new WebSocket(location.origin + '/echo?http');
    a.close();
    b.close();
    return [a.url, b.url];
  });
  check('WebSocket: URL object converted once', () => {
    let calls = 0;
    const ws = new WebSocket({ toString: () => (calls++, wsUrl('/echo?object-url')) });
    ws.close();
    return [calls, ws.url];
  });
  check('WebSocket: protocols from a custom iterable', () => {
    const seen = [];
    const protocols = { *[Symbol.iterator]() { seen.push('iterate'); yield 'p1'; yield 'p2'; } };
    const ws = new WebSocket(wsUrl('/echo?iterable'), protocols);
    ws.close();
    return seen;
  });
  check('WebSocket: the URL, then the protocols converted in order, each read once', () => {
    const log = [];
    const item = (name) => ({ toString: () => (log.push('toString ' + name), name) });
    const iterable = new Proxy([item('p1'), 'p2', 3], { get: (t, k, r) => (log.push('get ' + String(k)), Reflect.get(t, k, r)), getOwnPropertyDescriptor: (t, k) => (log.push('gopd ' + String(k)), Reflect.getOwnPropertyDescriptor(t, k)) });
    const ws = new WebSocket({ toString: () => (log.push('url'), wsUrl('/echo?ordered')) }, iterable);
    ws.close();
    return [log, ws.url];
  });
  check('WebSocket: protocols from a non-iterable object are its string', () => attempt(() => new WebSocket(wsUrl('/echo?object-protocol'), { toString: () => 'chat' }).close()));
  check('WebSocket: protocols whose iterator is no function, answers no object, or yields a Symbol', () => [
    attempt(() => new WebSocket(wsUrl('/echo'), { [Symbol.iterator]: 5 })),
    attempt(() => new WebSocket(wsUrl('/echo'), { [Symbol.iterator]: () => 5 })),
    attempt(() => new WebSocket(wsUrl('/echo'), { [Symbol.iterator]: () => ({ next: 5 }) })),
    attempt(() => new WebSocket(wsUrl('/echo'), { [Symbol.iterator]: () => ({ next: () => 5 }) })),
    attempt(() => new WebSocket(wsUrl('/echo'), ['ok', Symbol('s')])),
    attempt(() => new WebSocket(Symbol('url'), ['ok'])),
  ]);
  check('WebSocket: used as a Proxy target and with Reflect.construct', () => {
    const P = new Proxy(WebSocket, {});
    const a = new P(wsUrl('/echo?proxy'));
    class Other {}
    const b = Reflect.construct(WebSocket, [wsUrl('/echo?reflect')], Other);
    a.close();
    WebSocket.prototype.close.call(b);
    return [a instanceof WebSocket, Object.getPrototypeOf(b) === Other.prototype, b instanceof WebSocket, src(P), P.name, P.OPEN, b.readyState];
  });
  check('WebSocket: bound constructor', () => {
    const B = WebSocket.bind(null, wsUrl('/echo?bound'));
    const ws = new B();
    ws.close();
    return [B.name, B.length, ws instanceof WebSocket];
  });

  check('WebSocket: Function.prototype caller/arguments accessors called directly', () => {
    const d = Object.getOwnPropertyDescriptor(Function.prototype, 'caller');
    const a = Object.getOwnPropertyDescriptor(Function.prototype, 'arguments');
    return [d && attempt(() => d.get.call(WebSocket)), a && attempt(() => a.get.call(WebSocket)), d && fnInfo(d.get)];
  });
  check('WebSocket: a page Proxy of it, bound and subclass print natively', () => {
    class Sub extends WebSocket {}
    return [src(new Proxy(WebSocket, {})), src(new Proxy(WebSocket, { get: (t, k) => t[k] })), src(WebSocket.bind(null)), src(Sub), src(new Proxy(WebSocket.prototype.send, {}))];
  });

  // --- the prototype ---------------------------------------------------------------------------
  check('prototype: own keys in order', () => Reflect.ownKeys(WebSocket.prototype).map(String));
  check('prototype: every property descriptor (functions, getters, setters)', () => descriptors(WebSocket.prototype));
  // Run once (cold): Firefox defines a function's name and length as a cold reader first reads them.
  check('prototype: a method lists name and length in the order they were first read', () => {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const { send, close } = f.contentWindow.WebSocket.prototype;
    const first = [send.name, send.length, close.length, close.name];
    const keys = [Reflect.ownKeys(send), Reflect.ownKeys(close)];
    f.remove();
    return [first, keys];
  });
  check('prototype: Symbol.toStringTag', () => [WebSocket.prototype[Symbol.toStringTag], descInfo(Object.getOwnPropertyDescriptor(WebSocket.prototype, Symbol.toStringTag))]);
  check('prototype: methods print as native through every path', () => {
    const p = WebSocket.prototype;
    const set = Object.getOwnPropertyDescriptor(p, 'binaryType').set;
    return [p.send.toString(), String(p.close), `${p.send}`, src(p.close), set.toString(), Function.prototype.toString.call(set), p.send.toString.toString()];
  });
  check('prototype: send is not a constructor', () => attempt(() => new WebSocket.prototype.send()));
  check('prototype: send on a non-socket (Illegal invocation)', () => attempt(() => WebSocket.prototype.send.call({}, 'x')));
  check('prototype: close on a non-socket', () => attempt(() => WebSocket.prototype.close.call(document)));
  check('prototype: binaryType setter on a non-socket', () => attempt(() => Object.getOwnPropertyDescriptor(WebSocket.prototype, 'binaryType').set.call({}, 'blob')));
  check('prototype: onmessage setter on a non-socket', () => attempt(() => Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage').set.call({}, null)));
  check('prototype: readyState getter on the prototype', () => attempt(() => WebSocket.prototype.readyState));
  check('prototype: bound method names', () => [WebSocket.prototype.send.bind(null).name, WebSocket.prototype.close.bind(null).name]);

  // --- Function.prototype.toString itself --------------------------------------------------------
  check('Function.prototype.toString: shape', () => fnInfo(Function.prototype.toString));
  check('Function.prototype.toString: printed by itself', () => [Function.prototype.toString.toString(), src(src), String(Function.prototype.toString)]);
  check('Function.prototype.toString: descriptor', () => descInfo(Object.getOwnPropertyDescriptor(Function.prototype, 'toString')));
  check('Function.prototype.toString: on a non-function', () => attempt(() => Function.prototype.toString.call({})));
  check('Function.prototype.toString: page functions print their source', () => {
    class K { m() { return 1; } }
    const arrow = (a, b) => a + b;
    return [src(K), src(K.prototype.m), src(arrow), src(async function* gen() {}), src(Math.max), src(new Proxy(arrow, {})), src(arrow.bind(null))];
  });
  check('Function.prototype: own keys', () => Reflect.ownKeys(Function.prototype).map(String));
  check('Function.prototype: caller and arguments of sloppy functions while they run', () => {
    // new Function makes sloppy functions (this file is strict).
    const inner = new Function('return [typeof inner.caller, inner.caller && inner.caller.name, inner.arguments && inner.arguments.length, typeof arguments.callee]');
    const outer = new Function('inner', 'function outerFn(a, b) { return inner(1, 2, 3); } return outerFn(4, 5);');
    globalThis.inner = inner;
    try {
      return [outer(inner), inner.caller, inner.arguments, attempt(() => outer.caller)];
    } finally {
      delete globalThis.inner;
    }
  });
  check('Function.prototype: caller of natives and of strict functions', () => [attempt(() => Math.max.caller), attempt(() => (() => {}).caller), attempt(() => fpToString.caller), attempt(() => fpToString.arguments), attempt(() => class {}.caller)]);

  // --- an instance -----------------------------------------------------------------------------
  check('instance: identity, prototype and instanceof', () => {
    const ws = new WebSocket(wsUrl('/echo?instance'));
    ws.close();
    return [ws instanceof WebSocket, ws instanceof EventTarget, Object.getPrototypeOf(ws) === WebSocket.prototype, ws.constructor === WebSocket, Object.prototype.toString.call(ws), ws.send === WebSocket.prototype.send];
  });
  check('instance: own keys, enumeration, JSON', () => {
    const ws = new WebSocket(wsUrl('/echo?keys'));
    ws.close();
    const forIn = [];
    for (const k in ws) forIn.push(k);
    return [Reflect.ownKeys(ws).map(String), Object.keys(ws), forIn, JSON.stringify(ws)];
  });
  check('instance: structuredClone refuses a socket', () => {
    const ws = new WebSocket(wsUrl('/echo?clone'));
    ws.close();
    return attempt(() => structuredClone(ws));
  });
  check('instance: initial state', () => {
    const ws = new WebSocket(wsUrl('/echo?initial'), ['chat']);
    const state = [ws.url, ws.readyState, ws.bufferedAmount, ws.protocol, ws.extensions, ws.binaryType, ws.onopen, ws.onmessage, ws.onerror, ws.onclose];
    ws.close();
    return state;
  });
  check('instance: binaryType default and invalid values', () => {
    const ws = new WebSocket(wsUrl('/echo?binary-type'));
    const seen = [ws.binaryType];
    for (const v of ['arraybuffer', 'text', '', 'ARRAYBUFFER', null, 'blob', undefined, 'arraybuffer']) {
      ws.binaryType = v;
      seen.push(ws.binaryType);
    }
    ws.close();
    return seen;
  });
  check('instance: binaryType set from an object converts once', () => {
    const ws = new WebSocket(wsUrl('/echo?binary-type-object'));
    let calls = 0;
    ws.binaryType = { toString: () => (calls++, 'arraybuffer') };
    ws.close();
    return [calls, ws.binaryType];
  });
  check('instance: InvalidStateError on send before open', () => {
    const ws = new WebSocket(wsUrl('/echo?early-send'));
    const r = attempt(() => ws.send('early'));
    ws.close();
    return r;
  });
  check('instance: send without an argument', () => {
    const ws = new WebSocket(wsUrl('/echo?no-arg'));
    const r = attempt(() => ws.send());
    ws.close();
    return r;
  });
  check('instance: close with invalid codes and a long reason', () => {
    const ws = new WebSocket(wsUrl('/echo?close-codes'));
    const r = [999, 1001, 1005, 2999, 5000, NaN, -1].map((c) => attempt(() => ws.close(c)));
    r.push(attempt(() => ws.close(3000, 'x'.repeat(124))));
    r.push(attempt(() => ws.close(3000, '\ud800')));
    ws.close();
    return r;
  });
  check('instance: close code from an object converts once', () => {
    const ws = new WebSocket(wsUrl('/echo?close-object'));
    let calls = 0;
    const r = attempt(() => ws.close({ valueOf: () => (calls++, 4000) }, { toString: () => (calls++, 'why') }));
    return [calls, r, ws.readyState];
  });
  check('instance: event handler attributes (TreatNonCallableAsNull)', () => {
    const ws = new WebSocket(wsUrl('/echo?handlers'));
    const f = () => {};
    const obj = {};
    const seen = [];
    for (const name of ['onopen', 'onmessage', 'onerror', 'onclose']) {
      const row = [];
      for (const v of [f, obj, 'alert(1)', 42, null, f, undefined]) {
        ws[name] = v;
        row.push(ws[name] === f ? 'f' : ws[name] === obj ? 'obj' : describeValue(ws[name]));
      }
      seen.push([name, row]);
    }
    ws.close();
    return seen;
  });

  // --- events ------------------------------------------------------------------------------------
  check('events: order of handlers and listeners, once, handleEvent, removal', async () => {
    const log = [];
    const ws = new WebSocket(wsUrl('/echo?events'));
    const second = new Promise((resolve) => {
      let n = 0;
      ws.addEventListener('message', () => ++n === 2 && resolve());
    });
    ws.addEventListener('message', () => log.push('listener before handler'));
    ws.onmessage = (e) => log.push('onmessage ' + e.data);
    ws.addEventListener('message', () => log.push('once'), { once: true });
    const handler = { handleEvent(e) { log.push('handleEvent ' + (this === handler) + ' ' + e.type); } };
    ws.addEventListener('message', handler);
    const removed = () => log.push('removed listener ran');
    ws.addEventListener('message', removed);
    ws.removeEventListener('message', removed);
    ws.addEventListener('message', () => log.push('capture'), true);
    ws.addEventListener('message', (e) => { log.push('stops'); e.stopImmediatePropagation(); });
    ws.addEventListener('message', () => log.push('after stop'));
    ws.onopen = () => log.push('onopen');
    ws.addEventListener('open', () => log.push('open listener'));
    await once(ws, 'open');
    ws.send('one');
    ws.send('two');
    await second;
    await closeAndWait(ws);
    return log;
  });
  check('events: event.target.__proto__.constructor is WebSocket', async () => {
    const ws = new WebSocket(wsUrl('/echo?target'));
    const e = await once(ws, 'open');
    const C = e.target.__proto__.constructor;
    await closeAndWait(ws);
    return [C === WebSocket, src(C), e.target === ws, e.currentTarget, e.isTrusted, e.constructor.name, e.eventPhase];
  });
  check('events: MessageEvent fields for text', async () => {
    const ws = await openSocket('/echo?message-fields');
    const got = once(ws, 'message');
    ws.send('héllo');
    const e = await got;
    await closeAndWait(ws);
    return [e.constructor.name, e.type, e.data, e.origin, e.lastEventId, e.source, e.ports.length, e.bubbles, e.cancelable, e.isTrusted, e.composed];
  });
  check('events: binary data under binaryType "blob" and "arraybuffer"', async () => {
    const ws = await openSocket('/echo?binary-fields');
    let got = once(ws, 'message');
    ws.send(new Uint8Array([1, 2, 3]));
    const asBlob = (await got).data;
    ws.binaryType = 'arraybuffer';
    got = once(ws, 'message');
    ws.send(new Uint8Array([4, 5]));
    const asBuffer = (await got).data;
    await closeAndWait(ws);
    return [Object.prototype.toString.call(asBlob), asBlob.size, asBlob.type, Array.from(new Uint8Array(await asBlob.arrayBuffer())), Object.prototype.toString.call(asBuffer), Array.from(new Uint8Array(asBuffer))];
  });
  check('events: every payload kind echoes back intact and in order', async () => {
    const ws = await openSocket('/echo?kinds');
    ws.binaryType = 'arraybuffer';
    const base = new Uint8Array(32).map((_, i) => i * 7).buffer;
    const payloads = ['text', base.slice(0, 4), new Int8Array(base, 2, 3), new Uint16Array(base, 4, 2), new Float64Array(base, 8, 1), new BigUint64Array(base, 16, 1), new DataView(base, 1, 3), new Blob(['blob', new Uint8Array([9])]), 'end'];
    const echoes = [];
    const all = new Promise((resolve) => {
      ws.onmessage = (e) => {
        echoes.push(typeof e.data === 'string' ? e.data : Array.from(new Uint8Array(e.data)).join(','));
        if (echoes.length === payloads.length) resolve();
      };
    });
    const amounts = payloads.map((p) => (ws.send(p), typeof ws.bufferedAmount));
    await all;
    await closeAndWait(ws);
    return [echoes, amounts];
  });
  check('events: send of an object converts it once', async () => {
    const ws = await openSocket('/echo?object-send');
    let calls = 0;
    const got = once(ws, 'message');
    ws.send({ toString: () => (calls++, 'converted') });
    const e = await got;
    await closeAndWait(ws);
    return [calls, e.data];
  });
  check('events: close event fields after close(code, reason)', async () => {
    const ws = await openSocket('/echo?close-fields');
    const closed = once(ws, 'close');
    ws.close(4001, 'bye');
    const states = [ws.readyState];
    const e = await closed;
    return [states, ws.readyState, e.constructor.name, e.code, e.reason, e.wasClean, e.bubbles, e.cancelable];
  });
  check('events: refused connection fires error then close', async () => {
    const ws = new WebSocket('ws://127.0.0.1:9/refused');
    const log = [];
    ws.onerror = (e) => log.push(['error', e.constructor.name, e.type]);
    await new Promise((resolve) => (ws.onclose = (e) => resolve(log.push(['close', e.code, e.reason, e.wasClean]))));
    return log;
  });
  check('events: send after close is silently discarded', async () => {
    const ws = await openSocket('/echo?late-send');
    ws.close();
    const r = attempt(() => ws.send('late'));
    const b = ws.bufferedAmount;
    await once(ws, 'close');
    return [r, b];
  });
  check('events: an error thrown in a page toString during send', async () => {
    const ws = await openSocket('/echo?throwing-send');
    const r = attempt(() => ws.send({ toString() { throw new RangeError('from page'); } }));
    await closeAndWait(ws);
    return [r.threw.name, r.threw.message];
  });

  // --- subclassing -------------------------------------------------------------------------------
  check('subclass: class X extends WebSocket keeps its methods', async () => {
    class Chat extends WebSocket {
      constructor(url) {
        super(url, ['chat']);
        this.sent = [];
      }
      send(data) {
        this.sent.push(data);
        super.send(data);
      }
      say(text) { this.send('say:' + text); }
      static create(url) { return new this(url); }
    }
    const ws = Chat.create(wsUrl('/echo?subclass'));
    await once(ws, 'open');
    const got = once(ws, 'message');
    ws.say('hi');
    const e = await got;
    await closeAndWait(ws);
    return [ws instanceof Chat, ws instanceof WebSocket, ws.constructor === Chat, Object.getPrototypeOf(Chat) === WebSocket, Chat.OPEN, Chat.length, Chat.name, ws.sent, e.data, e.target === ws, Object.keys(ws)];
  });

  // --- stack traces ------------------------------------------------------------------------------
  const deep = (n, fn) => (n === 0 ? fn() : deep(n - 1, fn));
  check('stacks: deep call stacks keep all frames (send, toString, constructor, close)', () => {
    const ws = new WebSocket(wsUrl('/echo?deep'));
    const r = [
      attempt(() => deep(15, () => ws.send('x'))),
      attempt(() => deep(15, () => Function.prototype.toString.call(42))),
      attempt(() => deep(15, () => new WebSocket('ftp://x/'))),
      attempt(() => deep(15, () => ws.close(1))),
    ];
    ws.close();
    return r;
  });
  check('stacks: a page Error.prepareStackTrace sees the same frames', () => {
    const ws = new WebSocket(wsUrl('/echo?prepare'));
    const calls = [];
    Error.prepareStackTrace = (error, frames) => {
      calls.push(error.name);
      return frames.map((f) => [f.getTypeName(), f.getFunctionName(), f.getMethodName(), f.getFileName(), f.getLineNumber(), f.isNative(), f.isToplevel(), f.isConstructor()]);
    };
    try {
      return [
        attempt(() => ws.send('x')),
        attempt(() => Function.prototype.toString.call(Symbol.iterator)),
        attempt(() => new WebSocket('ftp://x/')),
        attempt(() => ws.close(1)),
        attempt(() => Object.getOwnPropertyDescriptor(WebSocket.prototype, 'binaryType').set.call({}, 'blob')),
        calls,
      ];
    } finally {
      delete Error.prepareStackTrace;
      ws.close();
    }
  });
  check('stacks: Error.stackTraceLimit 0 and 1', () => {
    const ws = new WebSocket(wsUrl('/echo?limits'));
    const saved = Error.stackTraceLimit;
    const out = [];
    for (const limit of [0, 1, 2]) {
      Error.stackTraceLimit = limit;
      out.push(attempt(() => ws.send('x')), attempt(() => Function.prototype.toString.call(null)));
    }
    Error.stackTraceLimit = saved;
    ws.close();
    return [out, Error.stackTraceLimit];
  });
  knownDifference('stacks: a page toString called from inside send()', async () => {
    const ws = await openSocket('/echo?stack-inside');
    let inner;
    const got = once(ws, 'message');
    ws.send({ toString() { inner = new Error('inside').stack; return 'x'; } });
    await got;
    await closeAndWait(ws);
    return inner;
  });

  knownDifference('stacks: a page toString called from inside new WebSocket()', () => {
    let inner;
    const ws = new WebSocket({ toString() { inner = new Error('inside').stack; return wsUrl('/echo?stack-url'); } });
    ws.close();
    return inner;
  });
  knownDifference('stacks: a page iterator throwing from inside new WebSocket()', () =>
    attempt(() => new WebSocket(wsUrl('/echo'), { [Symbol.iterator]() { throw new RangeError('from the page'); } })));
  knownDifference('stacks: a page valueOf called from inside close()', () => {
    let inner;
    const ws = new WebSocket(wsUrl('/echo?stack-close'));
    ws.close({ valueOf() { inner = new Error('inside').stack; return 1000; } });
    return inner;
  });
  knownDifference('stacks: a page toString called from inside the binaryType setter', () => {
    let inner;
    const ws = new WebSocket(wsUrl('/echo?stack-binary-type'));
    ws.binaryType = { toString() { inner = new Error('inside').stack; return 'arraybuffer'; } };
    ws.close();
    return inner;
  });

  // --- the global scope --------------------------------------------------------------------------
  check('globals: own property names of window', () => Object.getOwnPropertyNames(window));
  check('globals: names no script can declare, as the first page script finds them', () => window.firstGlobals);
  check('globals: own symbols of window', () => Object.getOwnPropertySymbols(window).map(String));
  check('globals: enumerable globals', () => {
    const names = [];
    for (const k in window) names.push(k);
    return names;
  });
  check('globals: own property names of document', () => Object.getOwnPropertyNames(document));
  check('globals: Error stack settings', () => [Error.stackTraceLimit, typeof Error.prepareStackTrace, typeof Error.captureStackTrace]);
  check('globals: stack property of a thrown DOMException', () => {
    const ws = new WebSocket(wsUrl('/echo?stack-desc'));
    let e;
    try { ws.send('x'); } catch (err) { e = err; }
    ws.close();
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    const n = Object.getOwnPropertyDescriptor(new Error('x'), 'stack');
    // Firefox: neither has an own stack (an accessor of the prototypes).
    if (!d || !n) return ['no own stack', !!d, !!n, typeof e.stack];
    return [Object.keys(d), d.enumerable, d.configurable, d.get === n.get, d.set === n.set];
  });
  check('globals: resource timing entries', () => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  check('globals: timer ids are not consumed', async () => {
    const ws = await openSocket('/echo?timers');
    const got = once(ws, 'message');
    ws.send('tick');
    await got;
    const a = setTimeout(() => {});
    const b = setTimeout(() => {});
    await closeAndWait(ws);
    return b - a;
  });
  check('globals: natives around the channel are untouched', () =>
    [MessageChannel, MessagePort.prototype.postMessage, EventTarget.prototype.addEventListener, EventTarget.prototype.dispatchEvent, CustomEvent, MessageEvent, Promise.prototype.then, TransformStream, ReadableStream.prototype.pipeTo].map(src));
  check('globals: no hook events reach page listeners', async () => {
    const seen = [];
    for (const type of ['sockets-devtools:hook-port', 'sockets-devtools:relay-ready', 'message']) {
      window.addEventListener(type, (e) => seen.push(type + ':' + (e.origin ?? '')), true);
      document.addEventListener(type, (e) => seen.push('document ' + type), true);
    }
    const ws = await openSocket('/echo?listeners');
    const got = once(ws, 'message');
    ws.send('x');
    await got;
    await closeAndWait(ws);
    return seen;
  });

  // --- other realms ------------------------------------------------------------------------------
  check('realms: a fresh iframe\'s WebSocket looks native and works across realms', async () => {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const W = f.contentWindow.WebSocket;
    const ws = new W(wsUrl('/echo?iframe'));
    const info = [W === WebSocket, src(W), fnInfo(W.prototype.send), ws instanceof WebSocket, ws instanceof W, f.contentWindow.Function.prototype.toString.call(W.prototype.close), attempt(() => W.prototype.send.call(ws, 'x'))];
    await closeAndWait(ws);
    f.remove();
    return info;
  });
  check('realms: this realm\'s toString prints another realm\'s WebSocket natively', () => {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const w = f.contentWindow;
    const p = w.WebSocket.prototype;
    const d = (k) => Object.getOwnPropertyDescriptor(p, k);
    const out = [w.WebSocket, p.send, p.close, d('binaryType').set, d('onmessage').set, d('onopen').set, w.Function.prototype.toString, w.WebSocketStream, w.WebSocketStream && w.WebSocketStream.prototype.close].map((fn) => (fn ? [src(fn), w.Function.prototype.toString.call(fn)] : 'absent'));
    out.push(w.Function.prototype.toString.call(WebSocket.prototype.send), w.Function.prototype.toString.call(WebSocket));
    f.remove();
    return out;
  });
  check('realms: an iframe\'s globals', () => {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const names = Object.getOwnPropertyNames(f.contentWindow);
    const symbols = Object.getOwnPropertySymbols(f.contentWindow).map(String);
    f.remove();
    return [names, symbols];
  });

  check('realms: names no script can declare on a fresh iframe\'s window (nothing the extension lends is left there)', () => {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const names = Object.getOwnPropertyNames(f.contentWindow).filter((name) => !/^[A-Za-z_$][\w$]*$/.test(name));
    f.remove();
    return names;
  });

  // --- WebSocketStream ---------------------------------------------------------------------------
  check('WebSocketStream: constructor shape', () => (typeof WebSocketStream === 'function' ? [fnInfo(WebSocketStream), descriptors(WebSocketStream), descInfo(Object.getOwnPropertyDescriptor(window, 'WebSocketStream'))] : 'absent'));
  check('WebSocketStream: prototype descriptors', () => (typeof WebSocketStream === 'function' ? descriptors(WebSocketStream.prototype) : 'absent'));
  check('WebSocketStream: bad URL', () => (typeof WebSocketStream === 'function' ? attempt(() => new WebSocketStream('ftp://x/')) : 'absent'));
  check('WebSocketStream: opened, messages, closed', async () => {
    if (typeof WebSocketStream !== 'function') return 'absent';
    const s = new WebSocketStream(wsUrl('/echo?stream'), { protocols: ['s1'] });
    const info = await s.opened;
    const shape = [Object.keys(info), info.protocol, info.extensions, info.readable instanceof ReadableStream, info.writable instanceof WritableStream, info.readable.locked, Object.getOwnPropertyNames(s), s instanceof WebSocketStream, s.constructor === WebSocketStream, s.url];
    const writer = info.writable.getWriter();
    const reader = info.readable.getReader();
    await writer.write('one');
    await writer.write(new Uint8Array([1, 2]));
    const a = await reader.read();
    const b = await reader.read();
    const bad = attempt(() => s.close({ closeCode: 999 }));
    s.close({ closeCode: 4000, reason: 'done' });
    const closed = await s.closed;
    const afterRead = await reader.read();
    return [shape, a, Object.prototype.toString.call(b.value), Array.from(new Uint8Array(b.value)), bad, closed, afterRead];
  });
  check('streams: the methods that move chunks look native', () => {
    const r = ReadableStream.prototype;
    const iteratorProto = typeof r.values === 'function' ? Object.getPrototypeOf(new ReadableStream().values()) : undefined;
    const methods = [r.getReader, r.pipeTo, r.pipeThrough, r.values, r[Symbol.asyncIterator], r.tee, WritableStream.prototype.getWriter, ReadableStreamDefaultReader.prototype.read, WritableStreamDefaultWriter.prototype.write, iteratorProto && iteratorProto.next];
    return [methods.map(fnInfo), r.values === r[Symbol.asyncIterator], descriptors(r), descriptors(WritableStreamDefaultWriter.prototype), descriptors(ReadableStreamDefaultReader.prototype)];
  });
  check('streams: misuse throws as natively', () => {
    const r = ReadableStream.prototype;
    const locked = new ReadableStream();
    locked.getReader();
    return [
      attempt(() => r.getReader.call({})), attempt(() => WritableStream.prototype.getWriter.call({})), attempt(() => r.values.call({})),
      attempt(() => locked.pipeThrough(new TransformStream())), attempt(() => locked.getReader()),
    ];
  });
  // A rejection the native creates at once, inside a stream stand-in, has the stand-in's frame.
  knownDifference('streams: misuse rejects as natively', async () => {
    const locked = new ReadableStream();
    locked.getReader();
    return [
      await ReadableStreamDefaultReader.prototype.read.call({}).then(() => 'resolved', (e) => errorInfo(e)),
      await WritableStreamDefaultWriter.prototype.write.call({}, 'x').then(() => 'resolved', (e) => errorInfo(e)),
      await locked.pipeTo(new WritableStream()).then(() => 'resolved', (e) => errorInfo(e)),
    ];
  });
  check('WebSocketStream: options and close info read once each, in order (a Proxy sees only the native\'s traps)', async () => {
    if (typeof WebSocketStream !== 'function') return 'absent';
    const log = [];
    const traced = (target) => new Proxy(target, { get: (t, k, r) => (log.push('get ' + String(k)), Reflect.get(t, k, r)), getOwnPropertyDescriptor: (t, k) => (log.push('gopd ' + String(k)), Reflect.getOwnPropertyDescriptor(t, k)), has: (t, k) => (log.push('has ' + String(k)), Reflect.has(t, k)) });
    const s = new WebSocketStream(wsUrl('/echo?stream-proxy'), traced({ protocols: traced(['s1']), signal: new AbortController().signal }));
    await s.opened.catch(() => {});
    s.close(traced({ closeCode: 4000, reason: { toString: () => (log.push('reason toString'), 'bye') } }));
    const closed = await s.closed.then((c) => [c.closeCode, c.reason], (e) => String(e));
    return [log, closed, attempt(() => new WebSocketStream(wsUrl('/echo'), traced({ protocols: traced({}) }))), attempt(() => new WebSocketStream(wsUrl('/echo'), { protocols: 'one' }))];
  });
  check('WebSocketStream: writing after close', async () => {
    if (typeof WebSocketStream !== 'function') return 'absent';
    const s = new WebSocketStream(wsUrl('/echo?stream-late'));
    const { writable } = await s.opened;
    const writer = writable.getWriter();
    s.close();
    await s.closed;
    return writer.write('late').then(() => 'written', (e) => e.constructor.name + ': ' + e.message);
  });
  check('WebSocketStream: refused connection, no unhandled rejection', async () => {
    if (typeof WebSocketStream !== 'function') return 'absent';
    let unhandled = 0;
    const count = () => unhandled++;
    window.addEventListener('unhandledrejection', count);
    const s = new WebSocketStream('ws://127.0.0.1:9/stream-refused');
    const opened = await s.opened.then(() => 'opened', (e) => [e.constructor.name, e.closeCode, e.reason]);
    const closed = await s.closed.then(() => 'closed', (e) => [e.constructor.name, e.closeCode, e.reason]);
    // Unhandled rejections are reported at the end of a task: let one task pass.
    await new Promise((resolve) => setTimeout(resolve, 0));
    window.removeEventListener('unhandledrejection', count);
    return [opened, closed, unhandled];
  });

  // --- the worker constructors (the hook observes the workers a page starts) --------------------
  const WORKER_SCRIPT = 'transparency-echo-worker.js';
  // Not in the worker variant (transparency-worker.js): a nested worker is e2e/shared/workers.test.ts's.
  const inWorker = typeof WorkerGlobalScope === 'function';
  for (const [name, get] of [['Worker', () => (inWorker ? undefined : window.Worker)], ['SharedWorker', () => (inWorker ? undefined : window.SharedWorker)]]) {
    check(`${name}: typeof, name, length, source, function shape`, () => (typeof get() === 'function' ? [get().name, get().length, src(get()), fnInfo(get())] : 'absent'));
    check(`${name}: own property descriptors, window property, prototype chain and constructor identity`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      return [descriptors(C), descInfo(Object.getOwnPropertyDescriptor(window, name)), Object.getPrototypeOf(C) === EventTarget,
        Object.getPrototypeOf(C.prototype) === EventTarget.prototype, C.prototype.constructor === C, descInfo(Object.getOwnPropertyDescriptor(C.prototype, 'constructor')),
        Object.prototype.toString.call(C), Object.prototype.toString.call(C.prototype)];
    });
    check(`${name}: called without new, new without arguments, a cross-origin script, an unparsable URL`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      return [attempt(() => C(WORKER_SCRIPT)), attempt(() => new C()), attempt(() => new C('http://example.invalid/w.js')), attempt(() => new C('http://exa mple:99999/'))];
    });
    knownDifference(`${name}: a bad type option, read through getters in order`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      const log = [];
      const options = { get type() { log.push('type'); return 'bogus'; }, get credentials() { log.push('credentials'); return 'omit'; }, get name() { log.push('name'); return 'n'; } };
      return [attempt(() => new C({ toString: () => (log.push('url'), WORKER_SCRIPT) }, options)), log];
    });
    check(`${name}: a Proxy as options sees only the native's reads when the worker starts`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      const traps = [];
      const options = new Proxy({}, {
        getPrototypeOf: (t) => (traps.push('getPrototypeOf'), Reflect.getPrototypeOf(t)),
        getOwnPropertyDescriptor: (t, k) => (traps.push(`getOwnPropertyDescriptor ${String(k)}`), Reflect.getOwnPropertyDescriptor(t, k)),
        get: (t, k, r) => (traps.push(`get ${String(k)}`), Reflect.get(t, k, r)),
      });
      const w = new C(WORKER_SCRIPT + '?proxy-options-' + name, options);
      if (name === 'Worker') w.terminate();
      return traps;
    });
    check(`${name}: the script URL as a URL object, and as document.all`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      const all = new C(document.all);
      if (name === 'Worker') all.terminate();
      return [attempt(() => new C(new URL('http://example.invalid/url.js'))), Object.prototype.toString.call(all)];
    });
    knownDifference(`${name}: the script URL as an object with its own toString, converted once`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      let calls = 0;
      const own = { toString: () => (calls++, 'http://example.invalid/own.js') };
      return [attempt(() => new C(own)), calls];
    });
    check(`${name}: Reflect.construct with another new.target`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      function Other() {}
      Other.prototype = Object.create(C.prototype);
      const w = Reflect.construct(C, [WORKER_SCRIPT + '?reflect-' + name], Other);
      const shape = [Object.getPrototypeOf(w) === Other.prototype, w instanceof C, Object.prototype.toString.call(w)];
      if (name === 'Worker') w.terminate();
      return shape;
    });
    knownDifference(`${name}: an options getter that throws`, () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      return attempt(() => new C(WORKER_SCRIPT, { get type() { throw new Error('from the page'); } }));
    });
    check(`${name}: subclassing, instanceof, new.target, and a message round trip`, async () => {
      const C = get();
      if (typeof C !== 'function') return 'absent';
      class Mine extends C {
        constructor(url, options) {
          super(url, options);
          this.madeBy = new.target.name;
        }
      }
      const w = new Mine(WORKER_SCRIPT + '?' + name, { name: 'mine-' + name });
      const shape = [w instanceof Mine, w instanceof C, w.constructor === Mine, Object.getPrototypeOf(Object.getPrototypeOf(w)) === C.prototype, w.madeBy, Object.prototype.toString.call(w), Reflect.ownKeys(w).map(String)];
      const port = name === 'Worker' ? w : w.port;
      const reply = new Promise((resolve) => (port.onmessage = (e) => resolve(e.data)));
      port.postMessage('ping');
      const answer = await reply;
      if (name === 'Worker') w.terminate();
      return [shape, answer];
    });
  }

  // Run in order; publish.
  (async () => {
    for (const [name, fn, into] of checks) {
      document.documentElement.dataset.running = name;
      try {
        into[name] = await fn();
      } catch (e) {
        into[name] = { checkFailed: errorInfo(e) };
      }
    }
    document.getElementById('results').textContent = JSON.stringify(results, null, 1);
    document.getElementById('known').textContent = JSON.stringify(known, null, 1);
    document.documentElement.dataset.done = 'true';
  })();
})();
