import { utf8Decode } from './payload';

/** A bounds-checked big-endian reader over MQTT packet bytes. */
export class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array, readonly end = bytes.length) {}

  get left(): number {
    return this.end - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new Error(`MQTT packet too short: need ${n} more byte(s) at ${this.pos}`);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }

  u16(): number {
    this.need(2);
    const v = (this.bytes[this.pos] << 8) | this.bytes[this.pos + 1];
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const b = this.bytes;
    const v = ((b[this.pos] << 24) >>> 0) + ((b[this.pos + 1] << 16) | (b[this.pos + 2] << 8) | b[this.pos + 3]);
    this.pos += 4;
    return v;
  }

  varint(): number {
    let value = 0;
    for (let i = 0, mul = 1; i < 4; i++, mul *= 128) {
      const b = this.u8();
      value += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return value;
    }
    throw new Error('malformed MQTT variable byte integer');
  }

  bin(): Uint8Array {
    const n = this.u16();
    return this.take(n);
  }

  str(): string {
    return utf8Decode(this.bin());
  }

  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  rest(): Uint8Array {
    return this.take(this.left);
  }
}
