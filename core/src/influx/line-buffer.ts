/**
 * Lines of protocol appended as UTF-8 bytes and taken as request bodies: no string per line and no
 * join of thousands of them (the join alone was ~6 % of the workers' CPU in the bench).
 */
export class LineBuffer {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private lines = 0;
  /** No byte above 0x7f so far: the body reads as latin1, a plain copy (utf8 decoding cost ~1 us a line). */
  private asciiOnly = true;

  constructor(private readonly initialBytes = 256 * 1024) {}

  /** Lines since the last take. */
  get count(): number {
    return this.lines;
  }

  /** Starts a line of at most `maxBytes` bytes. */
  begin(maxBytes: number): void {
    if (this.pos + maxBytes + 1 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.initialBytes, this.buf.length * 2, this.pos + maxBytes + 1));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
    if (this.lines++ > 0) this.buf[this.pos++] = 10; // '\n'
  }

  /** Bytes written before; `ascii` says none is above 0x7f. */
  bytes(b: Uint8Array, ascii = true): void {
    if (!ascii) this.asciiOnly = false;
    const n = b.length;
    // short copies by hand: TypedArray.set costs more than it moves for a few dozen bytes
    if (n > 64) this.buf.set(b, this.pos);
    else for (let i = 0; i < n; i++) this.buf[this.pos + i] = b[i]!;
    this.pos += n;
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** A string of ASCII characters (numbers, field names). */
  ascii(s: string): void {
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  /** Any string: up to 3 bytes per UTF-16 unit, to be counted in `begin`. */
  utf8(s: string): void {
    const n = this.buf.write(s, this.pos, 'utf8');
    if (n !== s.length) this.asciiOnly = false;
    this.pos += n;
  }

  /** A number as `String(n)` writes it, digits written directly for safe integers. */
  number(n: number): void {
    if (!Number.isSafeInteger(n)) return this.ascii(String(n));
    if (n < 0) {
      this.buf[this.pos++] = 45; // '-'
      n = -n;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    const end = this.pos + digits;
    for (let k = end - 1; k >= this.pos; k--) {
      this.buf[k] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos = end;
  }

  /** The lines so far as one body ('\n' between lines); the buffer starts afresh. */
  take(): { body: Buffer; lines: number; ascii: boolean } {
    const out = { body: this.buf.subarray(0, this.pos), lines: this.lines, ascii: this.asciiOnly };
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    this.lines = 0;
    this.asciiOnly = true;
    return out;
  }
}
