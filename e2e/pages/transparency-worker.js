// The transparency checks (transparency.js) run inside a dedicated worker. The worker has no
// window and no document: `window` is the worker's global, and a small stand-in document takes the
// checks' published results and posts them to the page. Checks that need a real document (frames,
// DOM events) fail the same way with and without the extension.
self.window = self;
const dataset = {};
const published = (id) => ({ set textContent(text) { postMessage({ id, text }); } });
self.document = {
  documentElement: { dataset, set done(v) {} },
  getElementById: published,
  createElement() { throw new TypeError('no document in a worker'); },
  addEventListener() {},
  removeEventListener() {},
  body: null,
};
Object.defineProperty(dataset, 'done', { set() { postMessage({ done: true }); } });
importScripts('/transparency.js');
