import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TimelineSeries } from '../model/timeline';
import { formatBytes, formatDuration } from '../model/format';
import styles from './Timeline.module.css';

/** A redraw costs a canvas paint; two a second are enough for a live strip. */
const REDRAW_INTERVAL_MS = 500;

interface Props {
  series: TimelineSeries;
  dark: boolean;
  /** Clicking the chart picks a time (epoch ms). */
  onPick: (timeMs: number) => void;
  /** The plot's width in pixels, whenever it changes. */
  onWidth: (px: number) => void;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A tick label precise enough for ticks `incr` seconds apart: a time of day, with milliseconds below a second. */
function tickLabel(seconds: number, incr: number): string {
  const d = new Date(seconds * 1000);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (incr >= 86_400) return `${d.toLocaleString(undefined, { month: 'short' })} ${d.getDate()}`;
  if (incr >= 60) return hm;
  const hms = `${hm}:${pad(d.getSeconds())}`;
  if (incr >= 1) return hms;
  const digits = incr >= 0.1 ? 1 : incr >= 0.01 ? 2 : 3;
  return `${hms}.${pad(d.getMilliseconds(), 3).slice(0, digits)}`;
}

const count = (v: number | null | undefined) => (v == null ? '–' : v.toLocaleString());

/** Draws the series over its own span (an empty one over the last minute). */
function show(u: uPlot, s: TimelineSeries) {
  u.setData([s.t, s.sent, s.received, s.bytes], false);
  const now = Date.now() / 1000;
  const [min, max] = s.range[1] > s.range[0] ? s.range : [now - 60, now];
  u.setScale('x', { min, max });
}

/** The docks where the timeline is a thin strip (the same query as Timeline.module.css). */
const THIN_DOCK = '(max-height: 320px)';

/** Messages (sent, received) and bytes per bin over the span of the capture, drawn with uPlot. */
export function Timeline({ series, dark, onPick, onWidth }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const latest = useRef(series);
  latest.current = series;

  // In a short dock the strip is thin (see the CSS): the plot then takes all of it, without axes.
  const [thin, setThin] = useState(() => matchMedia(THIN_DOCK).matches);
  useEffect(() => {
    const query = matchMedia(THIN_DOCK);
    const onChange = () => setThin(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const el = host.current!;
    const axis = { stroke: dark ? '#9aa0a6' : '#5f6368', grid: { stroke: dark ? '#2a2a2a' : '#eeeeee' }, ticks: { show: false }, font: '10px system-ui' };
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height: 80,
      legend: { show: true, live: true },
      cursor: { y: false, points: { size: 5 } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        bytes: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        {
          ...axis,
          show: !thin,
          size: 22,
          space: 90,
          values: (_u, ticks, _i, _space, incr) => {
            const labels = ticks.map((t) => tickLabel(t, incr));
            el.dataset.xLabels = labels.join('|');
            return labels;
          },
        },
        { ...axis, show: !thin, scale: 'y', size: 36, values: (_u, v) => v.map((n) => (Number.isInteger(n) ? n.toLocaleString() : '')) },
        { ...axis, show: !thin, scale: 'bytes', side: 1, size: 56, values: (_u, v) => v.map((b) => formatBytes(b)) },
      ],
      series: [
        { label: 'Time', value: (_u, v) => (v == null ? '–' : `${tickLabel(v, latest.current.binMs / 1000)} (bins of ${formatDuration(latest.current.binMs)})`) },
        { label: 'Sent', stroke: '#188038', width: 1.5, value: (_u, v) => count(v) },
        { label: 'Received', stroke: '#c5221f', width: 1.5, value: (_u, v) => count(v) },
        { label: 'Bytes', stroke: '#0b57d0', width: 1, dash: [4, 3], scale: 'bytes', value: (_u, v) => (v == null ? '–' : formatBytes(v)) },
      ],
    };
    const u = new uPlot(opts, [], el);
    plot.current = u;
    show(u, latest.current);
    u.over.addEventListener('click', () => {
      const left = u.cursor.left;
      if (left === undefined || left < 0) return;
      pick.current(u.posToVal(left, 'x') * 1000);
    });
    const fit = () => {
      u.setSize({ width: el.clientWidth, height: Math.max(thin ? 20 : 40, el.clientHeight - 2) });
      onWidth(u.bbox.width / devicePixelRatio);
    };
    fit();
    const resize = new ResizeObserver(fit);
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
    };
  }, [dark, thin]);

  const lastDraw = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const draw = () => {
      pending.current = undefined;
      lastDraw.current = performance.now();
      if (plot.current) show(plot.current, latest.current);
    };
    const wait = lastDraw.current + REDRAW_INTERVAL_MS - performance.now();
    if (wait <= 0) draw();
    else pending.current ??= setTimeout(draw, wait);
  }, [series]);
  useEffect(() => () => clearTimeout(pending.current), []);

  return (
    <div
      ref={host}
      class={styles.timeline}
      data-role="timeline"
      data-points={series.t.length}
      data-bin-ms={series.binMs}
      title="Messages sent (green) and received (red), and bytes (blue), per time bin. Click to jump to that time; drag the bottom edge to resize."
    />
  );
}
