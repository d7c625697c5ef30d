// A worker for the transparency page's Worker and SharedWorker checks: it echoes what it is sent, with its name.
if (typeof onconnect !== 'undefined') {
  onconnect = (e) => {
    const port = e.ports[0];
    port.onmessage = (m) => port.postMessage(['shared', m.data, self.name]);
  };
} else {
  onmessage = (e) => postMessage(['dedicated', e.data, self.name]);
}
