import { describe, expect, it } from 'vitest';
import { CaptureReader, type ReadableCapture } from './capture-reader';

const store = (): ReadableCapture<number> & { events: number[]; generation: number; trims: number; lastTrim: number } => ({ events: [], generation: 0, trims: 0, lastTrim: 0 });

describe('CaptureReader', () => {
  it('reads from row 0, then only the appended rows', () => {
    const s = store();
    const r = new CaptureReader();
    s.events.push(1, 2, 3);
    expect(r.catchUp(s)).toEqual({ reset: true, trimmed: 0, from: 0 });
    s.events.push(4);
    expect(r.catchUp(s)).toEqual({ reset: false, trimmed: 0, from: 3 });
    expect(r.catchUp(s)).toEqual({ reset: false, trimmed: 0, from: 4 });
  });

  it('shifts by one trim from the front instead of starting over', () => {
    const s = store();
    const r = new CaptureReader();
    s.events.push(1, 2, 3, 4);
    r.catchUp(s);
    s.events.splice(0, 2);
    s.trims++;
    s.lastTrim = 2;
    s.events.push(5);
    expect(r.catchUp(s)).toEqual({ reset: false, trimmed: 2, from: 2 });
  });

  it('reads from row 0 when the trim took rows it had not read yet', () => {
    const s = store();
    const r = new CaptureReader();
    s.events.push(1, 2);
    r.catchUp(s);
    s.events.push(3, 4, 5, 6);
    s.events.splice(0, 4);
    s.trims++;
    s.lastTrim = 4;
    expect(r.catchUp(s)).toEqual({ reset: false, trimmed: 4, from: 0 });
  });

  it('starts over after a new generation or two trims it did not see', () => {
    const s = store();
    const r = new CaptureReader();
    s.events.push(1, 2, 3, 4);
    r.catchUp(s);
    s.trims += 2;
    s.lastTrim = 1;
    s.events.splice(0, 2);
    expect(r.catchUp(s).reset).toBe(true);
    s.generation++;
    expect(r.catchUp(s)).toEqual({ reset: true, trimmed: 0, from: 0 });
    r.restart();
    expect(r.catchUp(s).reset).toBe(true);
  });
});
