/** Typed-array columns that grow, and binary searches over sorted ones. */

/** Growable typed column. */
export class Column<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array> {
  data: T;
  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }
  ensure(size: number): void {
    if (size <= this.data.length) return;
    const next = this.make(Math.max(size, this.data.length * 2));
    next.set(this.data as never);
    this.data = next;
  }
}

/** First index in [from, length) whose value is > `value` (values ascending). */
export function upperBound(values: Float64Array, length: number, value: number, from = 0): number {
  let lo = from;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [from, length) whose value is >= `value`. */
export function lowerBound(values: Float64Array, length: number, value: number, from = 0): number {
  let lo = from;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
