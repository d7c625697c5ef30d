import { useMemo, useState } from 'preact/hooks';
import { useComputed, useSignal } from '@preact/signals';
import type { CaptureState } from '../state/capture';
import type { SelectionStore } from '../state/selection';
import { TimelineModel } from '../model/timeline';
import { Timeline } from './Timeline';

/** Pixels per bin: the timeline never holds more bins than its plot can draw. */
const PX_PER_BIN = 3;

/** The timeline of the capture (or of the selected socket); only it re-renders as messages arrive. */
export function LiveTimeline({ capture, selection, dark, onPick }: { capture: CaptureState; selection: SelectionStore; dark: boolean; onPick: (timeMs: number) => void }) {
  const model = useMemo(() => new TimelineModel(), []);
  const width = useSignal(600);
  const [onWidth] = useState(() => (w: number) => (width.value = w));
  const series = useComputed(() => {
    capture.version.value;
    model.update(capture.store, selection.socket.value, width.value / PX_PER_BIN);
    return model.series();
  }).value;
  return <Timeline series={series} dark={dark} onPick={onPick} onWidth={onWidth} />;
}
