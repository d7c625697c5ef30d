import { useMemo } from 'preact/hooks';
import { useComputed } from '@preact/signals';
import type { CaptureState } from '../state/capture';
import type { SelectionStore } from '../state/selection';
import { TimelineModel } from '../model/timeline';
import { Timeline } from './Timeline';

/** The timeline of the capture (or of the selected socket); only it re-renders as messages arrive. */
export function LiveTimeline({ capture, selection, dark, onPick }: { capture: CaptureState; selection: SelectionStore; dark: boolean; onPick: (timeMs: number) => void }) {
  const model = useMemo(() => new TimelineModel(), []);
  const series = useComputed(() => {
    capture.version.value;
    model.update(capture.store.events, capture.store.generation);
    return model.series(selection.socket.value);
  }).value;
  return <Timeline series={series} dark={dark} onPick={onPick} />;
}
