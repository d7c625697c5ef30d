/**
 * Keeps page records in arrival order although a Blob payload is read asynchronously: records
 * wait behind an unread Blob, and leave in order once it is read. Promises pushed here must not
 * reject.
 */
export class OrderedConversion<T> {
  private pending: (T | Promise<T>)[] = [];
  private waiting = false;

  constructor(private deliver: (items: T[]) => void) {}

  push(item: T | Promise<T>): void {
    this.pending.push(item);
    if (!this.waiting) this.drain();
  }

  private drain(): void {
    let i = 0;
    while (i < this.pending.length && !(this.pending[i] instanceof Promise)) i++;
    const ready = this.pending.splice(0, i) as T[];
    if (ready.length > 0) this.deliver(ready);
    const head = this.pending[0];
    if (head instanceof Promise) {
      this.waiting = true;
      void head.then((value) => {
        this.pending[0] = value;
        this.waiting = false;
        this.drain();
      });
    }
  }
}
