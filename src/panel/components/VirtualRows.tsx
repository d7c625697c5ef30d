import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import styles from './VirtualRows.module.css';

/** Browsers cap element height (Chrome ~33.5M px, Firefox ~17.9M px); past this, scroll is scaled. */
const MAX_SCROLL_HEIGHT = 8_000_000;
const OVERSCAN = 6;

interface Props {
  count: number;
  rowHeight: number;
  renderRow: (index: number, style: Record<string, string>) => JSX.Element;
  /** Keep the last row in view as rows arrive, until the user scrolls up. */
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  /** A row to bring into view when it changes, or when the list does (-1: none). */
  scrollTo: number;
  /** Changes whenever the list is replaced rather than appended to (a filter, another socket). */
  listKey: unknown;
  label: string;
  onKeyDown?: (e: KeyboardEvent) => void;
}

/**
 * A list of fixed-height rows of which only the visible ones exist in the DOM. The scrollable
 * spacer is capped in height; positions within it map linearly onto the full list.
 */
export function VirtualRows({ count, rowHeight, renderRow, follow, onFollowChange, scrollTo, listKey, label, onKeyDown }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const programmatic = useRef(false);

  const total = count * rowHeight;
  const spacer = Math.min(total, MAX_SCROLL_HEIGHT);
  const ratio = spacer > height ? (total - height) / (spacer - height) : 1;
  const offset = scrollTop * ratio;

  useLayoutEffect(() => {
    const el = viewport.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const maxScroll = Math.max(0, spacer - height);
  const setScroll = (top: number) => {
    const clamped = Math.max(0, Math.min(top, maxScroll));
    const el = viewport.current!;
    if (el.scrollTop !== clamped) {
      programmatic.current = true;
      el.scrollTop = clamped;
    }
    setScrollTop(clamped); // not read back from the DOM: that would force a layout
  };

  useLayoutEffect(() => {
    if (follow) setScroll(spacer);
  }, [follow, count, spacer]);

  // A shorter list must not leave the viewport past its end (nothing to show, nothing to scroll).
  useLayoutEffect(() => {
    if (!follow && scrollTop > maxScroll) setScroll(maxScroll);
  }, [maxScroll]);

  useLayoutEffect(() => {
    if (follow || scrollTo < 0) return;
    const top = scrollTo * rowHeight;
    if (top < offset || top + rowHeight > offset + height) setScroll(Math.max(0, (top - height / 2) / ratio));
  }, [scrollTo, listKey]);

  const onScroll = () => {
    const el = viewport.current!;
    setScrollTop(el.scrollTop);
    if (programmatic.current) {
      programmatic.current = false;
      return;
    }
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
    if (atBottom !== follow) onFollowChange(atBottom);
  };

  const first = Math.max(0, Math.floor(offset / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((offset + height) / rowHeight) + OVERSCAN);
  const rows: JSX.Element[] = [];
  for (let i = first; i < last; i++) {
    rows.push(renderRow(i, { top: `${i * rowHeight - offset}px`, height: `${rowHeight}px` }));
  }

  return (
    <div ref={viewport} class={styles.viewport} onScroll={onScroll} role="grid" aria-label={label} aria-rowcount={count} tabIndex={0} onKeyDown={onKeyDown}>
      <div class={styles.spacer} style={{ height: `${spacer}px` }} />
      {/* Pinned to the viewport and clipped, so rows never add to the scroll height. */}
      <div class={styles.layer} style={{ height: `${height}px`, transform: `translateY(${scrollTop}px)` }}>
        {rows}
      </div>
    </div>
  );
}
