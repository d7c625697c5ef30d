/**
 * A token bucket of bytes: `rate` bytes a second, up to `burst` saved up. A take is granted while
 * the bucket holds anything, and may leave it in debt (one large payload is not refused forever).
 */
export class ByteBudget {
  private tokens: number;
  private last: number;

  constructor(private readonly rate: number, private readonly burst: number, private readonly now: () => number) {
    this.tokens = burst;
    this.last = now();
  }

  take(bytes: number): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens <= 0) return false;
    this.tokens -= bytes;
    return true;
  }
}
