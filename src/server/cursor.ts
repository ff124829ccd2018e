/**
 * Opaque, tamper-evident cursors: base64url(JSON) + "." + base64url(HMAC-SHA256). The payload
 * carries a hash of the caller's scope and of the query, so a cursor replayed by another tenant,
 * or with other filters, is refused.
 */
import { BffError } from './errors.ts';

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function sha256Base64Url(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))).slice(0, 22);
}

export class CursorSigner {
  private readonly key: Promise<CryptoKey>;

  constructor(secret: Uint8Array) {
    this.key = crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async sign(payload: object): Promise<string> {
    const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await this.key, encoder.encode(body)));
    return `${body}.${toBase64Url(mac)}`;
  }

  /** The payload of a cursor we issued; 400 for anything else. */
  async verify(cursor: string): Promise<unknown> {
    const invalid = new BffError(400, 'Invalid cursor', {
      suggested_fix: 'Pass back next_cursor exactly as received, with the same filters',
    });
    const [body, mac, extra] = cursor.split('.');
    if (!body || !mac || extra !== undefined || cursor.length > 16_384) throw invalid;
    let ok = false;
    try {
      ok = await crypto.subtle.verify('HMAC', await this.key, fromBase64Url(mac) as BufferSource, encoder.encode(body));
    } catch {
      throw invalid;
    }
    if (!ok) throw invalid;
    return JSON.parse(new TextDecoder().decode(fromBase64Url(body)));
  }
}
