import { useState } from 'preact/hooks';
import type { CaptureState } from '../state/capture';
import type { ConversationState } from '../state/conversation';
import type { FilterStore } from '../state/filter';
import { formatLatency, plural } from '../model/format';
import styles from './SocketConversation.module.css';

/** The selected socket's request↔response latency (p50 / p95 / max) and its own id paths for pairing. */
export function SocketConversation({ socketKey, capture, conversation, filter }: { socketKey: string; capture: CaptureState; conversation: ConversationState; filter: FilterStore }) {
  capture.version.value;
  conversation.version.value;
  const stats = conversation.stats(socketKey);
  const custom = conversation.customPathsOf(socketKey);
  const [request, setRequest] = useState(custom?.request ?? '');
  const [response, setResponse] = useState(custom?.response ?? '');
  const apply = (e: Event) => {
    e.preventDefault();
    const r = request.trim();
    const s = response.trim();
    conversation.setCustomPaths(socketKey, r && s ? { request: r, response: s } : null);
    filter.refresh();
  };
  return (
    <div class={styles.bar} data-role="socket-conversation">
      <span class={styles.stats} data-role="latency-stats" data-pairs={stats?.count ?? 0} data-p50={stats?.p50} data-p95={stats?.p95} data-max={stats?.max} title="Time from each request to its first response, keep-alives left out">
        {stats ? `Latency p50 ${formatLatency(stats.p50)} · p95 ${formatLatency(stats.p95)} · max ${formatLatency(stats.max)} (${plural(stats.count, 'pair')})` : 'No request↔response pairs'}
      </span>
      <form class={styles.paths} onSubmit={apply} title="Pair this socket's messages by an id of your own: the JSON path of the id in a request, and in its response (e.g. requestId ↔ re.requestId)">
        Pair by
        <input aria-label="Request id path" placeholder="requestId" value={request} data-role="pair-request-path" onInput={(e) => setRequest((e.target as HTMLInputElement).value)} />
        ↔
        <input aria-label="Response id path" placeholder="re.requestId" value={response} data-role="pair-response-path" onInput={(e) => setResponse((e.target as HTMLInputElement).value)} />
        <button type="submit" data-action="pair-by-paths" title="Empty paths pair by the protocol's own ids again">Apply</button>
      </form>
    </div>
  );
}
