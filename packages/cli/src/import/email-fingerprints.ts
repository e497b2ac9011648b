/**
 * The emails already seen in an import, kept as 64-bit fingerprints (and the row that had them) in typed arrays:
 * 12–24 bytes per distinct email instead of a string each, so a file of a million leads needs ~25 MB, not ~100 MB. Two different
 * emails share a fingerprint with probability ~n²/2⁶⁵ (about 3 in 100 million for a million rows); such a row
 * would be reported as a duplicate, never silently merged.
 */
export class EmailFingerprints {
  private high = new Uint32Array(1 << 16);
  private low = new Uint32Array(1 << 16);
  private rows = new Uint32Array(1 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Remembers the email at this row; returns the row where it was first seen, or undefined if it is new. */
  firstRowOf(email: string, row: number): number | undefined {
    if (this.count * 4 >= this.high.length * 3) this.grow();
    const [h, l] = fingerprint(email);
    const found = this.place(h, l, row);
    if (found === undefined) this.count++;
    return found;
  }

  private place(h: number, l: number, row: number): number | undefined {
    const mask = this.high.length - 1;
    let slot = l & mask;
    while (this.high[slot] !== 0 || this.low[slot] !== 0) {
      if (this.high[slot] === h && this.low[slot] === l) return this.rows[slot];
      slot = (slot + 1) & mask;
    }
    this.high[slot] = h;
    this.low[slot] = l;
    this.rows[slot] = row;
    return undefined;
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.rows = new Uint32Array(rows.length * 2);
    for (let i = 0; i < high.length; i++)
      if (high[i] !== 0 || low[i] !== 0) this.place(high[i]!, low[i]!, rows[i]!);
  }
}

/** Two independent 32-bit multiplicative hashes (cyrb53's mixing); (0, 0) marks an empty slot, so it is avoided. */
function fingerprint(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const high = h1 >>> 0;
  const low = h2 >>> 0;
  return high === 0 && low === 0 ? [0, 1] : [high, low];
}
