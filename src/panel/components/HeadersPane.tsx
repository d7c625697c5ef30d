import type { HttpHeader, StackFrame } from '../../core/model';
import type { CaptureState } from '../state/capture';
import { frameText, handshakeView } from '../model/handshake-view';
import { visibleText } from '../model/visible-text';
import styles from './HeadersPane.module.css';

interface Props {
  capture: CaptureState;
  socketKey: string | undefined;
  /** Chrome: handshakes are observed only once the user turns them on; this does (in the click). Absent once on. */
  onCaptureHandshakes?: () => void;
  /** Opens a script location in DevTools' Sources (absent where the browser cannot). */
  openSource?: (frame: StackFrame) => void;
}

/** The socket's handshake as the network saw it, like the Network panel's Headers tab; and where the page created it. */
export function HeadersPane({ capture, socketKey, openSource, onCaptureHandshakes }: Props) {
  // Its record changes in place as the handshake goes on: read it again at each new version.
  void capture.version.value;
  const socket = socketKey === undefined ? undefined : capture.store.sockets.get(socketKey);
  if (!socket) return <div class={styles.empty}>Select a socket to see its handshake.</div>;
  const view = handshakeView(socket);
  return (
    <div class={styles.pane} data-role="headers">
      <Section title="General" role="general">
        {view.general.map(([name, value]) => <Row key={name} name={name} value={value} bad={name === 'Status Code' && view.failed !== undefined} />)}
      </Section>
      {view.timing.length ? (
        <Section title="Timing" role="timing">
          {view.timing.map(([name, value]) => <Row key={name} name={name} value={value} />)}
        </Section>
      ) : null}
      {socket.initiator ? (
        <Section title="Initiator" role="initiator">
          {socket.initiator.length === 0 ? <div class={styles.none}>No page script on the stack.</div> : null}
          {socket.initiator.map((f, i) => (
            <div key={i} class={styles.frame} data-role="initiator-frame">
              {openSource && /^(https?|file):/.test(f.url) ? (
                <button class={styles.link} data-role="open-source" title="Open in Sources" onClick={() => openSource(f)}>{visibleText(frameText(f))}</button>
              ) : (
                <span>{visibleText(frameText(f))}</span>
              )}
            </div>
          ))}
        </Section>
      ) : null}
      {view.responseHeaders || view.requestHeaders ? (
        <>
          {view.responseHeaders ? <Headers title="Response Headers" role="response-headers" headers={view.responseHeaders} /> : null}
          {view.requestHeaders ? <Headers title="Request Headers" role="request-headers" headers={view.requestHeaders} /> : null}
          {view.unseenRequestHeaders ? (
            <div class={styles.none} data-role="unseen-headers">
              The browser adds Host, Sec-WebSocket-Key, Sec-WebSocket-Extensions, Sec-WebSocket-Protocol and a few more after extensions see the request; DevTools' Network panel shows them.
            </div>
          ) : null}
        </>
      ) : (
        <div class={styles.none} data-role="no-handshake">
          {socket.imported ? 'The file holds no headers of this handshake.' : onCaptureHandshakes ? 'Handshakes are not captured.' : 'The network did not report this handshake (the socket was opened before Sockets could see it, or in a frame it does not watch).'}
        </div>
      )}
      {onCaptureHandshakes && !socket.imported ? (
        <div class={styles.none} data-role="handshake-opt-in">
          Chrome shows extensions the handshake's headers only through its webRequest permission, which
          slows every request of every page a little (about 2.5 ms each, measured), so Sockets asks for it
          only when you want it. DevTools' own network log still fills in sockets that finish while
          DevTools is open. <button data-action="capture-handshakes" onClick={onCaptureHandshakes}>Capture handshakes</button>
        </div>
      ) : null}
    </div>
  );
}

function Section({ title, role, children }: { title: string; role: string; children: preact.ComponentChildren }) {
  return (
    <details open class={styles.section} data-section={role}>
      <summary>{title}</summary>
      <div class={styles.rows}>{children}</div>
    </details>
  );
}

function Headers({ title, role, headers }: { title: string; role: string; headers: HttpHeader[] }) {
  return (
    <Section title={`${title} (${headers.length})`} role={role}>
      {headers.map((h, i) => <Row key={i} name={h.name} value={h.value} />)}
    </Section>
  );
}

function Row({ name, value, bad }: { name: string; value: string; bad?: boolean }) {
  return (
    <div class={styles.row} data-header={name.toLowerCase()}>
      <span class={styles.name}>{visibleText(name)}</span>
      <span class={bad ? `${styles.value} ${styles.bad}` : styles.value} data-role="value">{visibleText(value)}</span>
    </div>
  );
}
