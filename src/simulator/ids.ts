/**
 * Identifiers that look random but encode a log's position, so `log_id ==` and `request_id ==`
 * are O(1) lookups and a million logs need no id table. A keyed three-round Feistel network
 * over two 32-bit halves (index, check) makes the mapping a bijection; the check half rejects
 * made-up ids.
 */
import { BASE64URL, hash32 } from './random.ts';

const HEX = '0123456789abcdef';

interface Halves {
  left: number;
  right: number;
}

function scramble(index: number, key: number): Halves {
  let left = index >>> 0;
  let right = hash32(key, index);
  right = (right ^ hash32(key, 1, left)) >>> 0;
  left = (left ^ hash32(key, 2, right)) >>> 0;
  right = (right ^ hash32(key, 3, left)) >>> 0;
  return { left, right };
}

function unscramble({ left, right }: Halves, key: number): number | undefined {
  right = (right ^ hash32(key, 3, left)) >>> 0;
  left = (left ^ hash32(key, 2, right)) >>> 0;
  right = (right ^ hash32(key, 1, left)) >>> 0;
  return right === hash32(key, left) ? left : undefined;
}

/** `log_` + 11 base64url characters: 64 bits, MSB first, the last digit padded with two zero bits. */
export function encodeLogId(index: number, key: number): string {
  let { left: hi, right: lo } = scramble(index, key);
  let out = 'log_';
  for (let i = 0; i < 11; i++) {
    out += BASE64URL[hi >>> 26];
    hi = ((hi << 6) | (lo >>> 26)) >>> 0;
    lo = (lo << 6) >>> 0;
  }
  return out;
}

export function decodeLogId(id: string, key: number): number | undefined {
  if (id.length !== 15 || !id.startsWith('log_')) return undefined;
  let hi = 0;
  let lo = 0;
  const push = (bits: number, count: number) => {
    hi = ((hi << count) | (lo >>> (32 - count))) >>> 0;
    lo = ((lo << count) | bits) >>> 0;
  };
  for (let i = 4; i < 15; i++) {
    const digit = BASE64URL.indexOf(id[i]);
    if (digit < 0) return undefined;
    if (i < 14) push(digit, 6);
    else if ((digit & 3) !== 0) return undefined;
    else push(digit >>> 2, 4);
  }
  return unscramble({ left: hi, right: lo }, key);
}

/** `req_` + 16 hex digits. */
export function encodeRequestId(index: number, key: number): string {
  const { left, right } = scramble(index, key);
  let out = 'req_';
  for (const half of [left, right]) {
    for (let shift = 28; shift >= 0; shift -= 4) out += HEX[(half >>> shift) & 15];
  }
  return out;
}

export function decodeRequestId(id: string, key: number): number | undefined {
  if (!/^req_[0-9a-f]{16}$/.test(id)) return undefined;
  const left = parseInt(id.slice(4, 12), 16) >>> 0;
  const right = parseInt(id.slice(12, 20), 16) >>> 0;
  return unscramble({ left, right }, key);
}
