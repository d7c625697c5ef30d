import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimelineSeries } from '../model/timeline';
import styles from './Timeline.module.css';

/** A redraw costs a canvas paint; the per-second bins need no more than two a second. */
const REDRAW_INTERVAL_MS = 500;

interface Props {
  series: TimelineSeries;
  dark: boolean;
  /** Clicking the chart picks a time (epoch ms). */
  onPick: (timeMs: number) => void;
}

/** Messages per second (sent, received) and bytes per second, drawn with uPlot. */
export function Timeline({ series, dark, onPick }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = host.current!;
    const axis = { stroke: dark ? '#9aa0a6' : '#5f6368', grid: { stroke: dark ? '#2a2a2a' : '#eeeeee' }, ticks: { show: false }, size: 30, font: '10px system-ui' };
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height: 76,
      legend: { show: false },
      cursor: { y: false, points: { size: 5 } },
      scales: { x: { time: true }, bytes: { auto: true } },
      axes: [axis, { ...axis, scale: 'y', size: 34 }, { ...axis, scale: 'bytes', side: 1, size: 44, values: (_u, v) => v.map((b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)}M` : b >= 1e3 ? `${(b / 1e3).toFixed(0)}k` : `${b}`)) }],
      series: [
        {},
        { label: 'sent/s', stroke: '#188038', width: 1.5 },
        { label: 'received/s', stroke: '#c5221f', width: 1.5 },
        { label: 'bytes/s', stroke: '#0b57d0', width: 1, dash: [4, 3], scale: 'bytes' },
      ],
    };
    plot.current = new uPlot(opts, [series.t, series.sent, series.received, series.bytes], el);
    const onClick = () => {
      const u = plot.current!;
      const left = u.cursor.left;
      if (left === undefined || left < 0) return;
      pick.current(u.posToVal(left, 'x') * 1000);
    };
    plot.current.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height: 76 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
    };
  }, [dark]);

  const latest = useRef(series);
  latest.current = series;
  const lastDraw = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const draw = () => {
      pending.current = undefined;
      lastDraw.current = performance.now();
      const s = latest.current;
      plot.current?.setData([s.t, s.sent, s.received, s.bytes]);
    };
    const wait = lastDraw.current + REDRAW_INTERVAL_MS - performance.now();
    if (wait <= 0) draw();
    else pending.current ??= setTimeout(draw, wait);
  }, [series]);
  useEffect(() => () => clearTimeout(pending.current), []);

  return <div ref={host} class={styles.timeline} data-role="timeline" data-points={series.t.length} title="Messages per second (sent green, received red) and bytes per second (blue). Click to jump to that time." />;
}
