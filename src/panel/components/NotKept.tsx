import type { SocketRecord } from '../../core/session';
import { gapText } from '../model/gap-text';
import styles from './NotKept.module.css';

/** In a socket's row: how many of its messages the page did not keep while DevTools was closed. */
export function NotKept({ socket }: { socket: SocketRecord }) {
  const gap = socket.notKept;
  if (!gap) return null;
  return (
    <span class={styles.notKept} data-role="not-kept" data-count={gap.count} title={gapText({ count: gap.count, time: gap.from, until: gap.until })}>
      {gap.count.toLocaleString()} not kept
    </span>
  );
}
