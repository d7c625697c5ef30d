// Run in an extension page: records every runtime message and port the extension's contexts receive.
() => {
  globalThis.received = [];
  chrome.runtime.onMessage.addListener((m, sender) => { received.push({ type: String(m && m.type), url: sender.url }); });
  chrome.runtime.onConnect.addListener((port) => { received.push({ type: 'port ' + port.name, url: port.sender && port.sender.url }); });
  return true;
}
