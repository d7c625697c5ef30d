// The minimal observer (see ../floors.ts), a MAIN-world content script at document_start.
(() => {
  const kept = [];
  const keep = (data) => {
    if (data instanceof ArrayBuffer) kept.push(data.slice(0));
    else if (ArrayBuffer.isView(data)) kept.push(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  };
  const NativeWebSocket = WebSocket;
  const send = NativeWebSocket.prototype.send;
  const addListener = EventTarget.prototype.addEventListener;
  NativeWebSocket.prototype.send = function (data) {
    keep(data);
    return send.call(this, data);
  };
  window.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args, newTarget) {
      const ws = Reflect.construct(target, args, newTarget);
      addListener.call(ws, 'message', (e) => keep(e.data));
      return ws;
    },
  });
})();
