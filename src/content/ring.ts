/**
 * A double-ended queue on a circular array that doubles when full: pushing at the back and taking
 * from the front are O(1), and a taken slot is cleared at once, so nothing dropped stays referenced.
 */
export class Ring<T> {
  private slots: (T | undefined)[] = new Array(16);
  private start = 0;
  length = 0;

  push(item: T): void {
    if (this.length === this.slots.length) this.grow();
    this.slots[(this.start + this.length++) & (this.slots.length - 1)] = item;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.slots[this.start];
    this.slots[this.start] = undefined;
    this.start = (this.start + 1) & (this.slots.length - 1);
    this.length--;
    return item;
  }

  /** The item at this position from the front (0 = oldest). */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.slots[(this.start + i) & (this.slots.length - 1)] : undefined;
  }

  /** The items from position `from` to the back, oldest first. */
  slice(from: number): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, from); i < this.length; i++) out.push(this.slots[(this.start + i) & (this.slots.length - 1)] as T);
    return out;
  }

  clear(): void {
    this.slots = new Array(16);
    this.start = 0;
    this.length = 0;
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.slots.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.slots[(this.start + i) & (this.slots.length - 1)];
    this.slots = next;
    this.start = 0;
  }
}
