/**
 * Exact decimal strings. Usage quantities and charges travel as strings (`"142"`, `"0.0025"`)
 * and must add up exactly: summing bucket quantities through floats could drift from the
 * summary's total, which is the number a billing conversation starts from.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  if (!DECIMAL.test(value)) throw new RangeError(`not a decimal string: ${JSON.stringify(value)}`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Integer `units` divided by 10^scale, as the shortest exact decimal string. */
export function formatScaled(units: bigint | number, scale: number): string {
  const value = BigInt(units);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const out = fraction ? `${whole}.${fraction}` : whole;
  return negative && out !== '0' ? `-${out}` : out;
}

/** Exact sum of decimal strings (`sumDecimals([]) === "0"`). */
export function sumDecimals(values: Iterable<string>): string {
  const parsed = [...values].map(parse);
  const scale = parsed.reduce((max, v) => Math.max(max, v.scale), 0);
  return formatScaled(
    parsed.reduce((sum, v) => sum + rescale(v, scale), 0n),
    scale,
  );
}

/** Exact `a - b`. */
export function subtractDecimals(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return formatScaled(rescale(x, scale) - rescale(y, scale), scale);
}

/** -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const difference = parse(subtractDecimals(a, b)).units;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
