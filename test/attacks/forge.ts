// Forging hostile tokens on the host: raw header and payload bytes, HMAC'd
// with node:crypto, so a hostile token reaches the verifier with a valid
// signature and the check under test is the one that must refuse it.
import { createHmac } from 'node:crypto';

export type Bytes = string | Buffer | Uint8Array;

const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** base64url without padding of a string's UTF-8 bytes, or of bytes. */
export const b64u = (data: Bytes): string => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64url');

/** The HMAC (base64url) of `input` under `key` for `alg` (HS256/384/512). */
export const mac = (input: string, key: Bytes, alg = 'HS256'): string =>
  createHmac(HASH[alg] ?? 'sha256', typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key)).update(input).digest('base64url');

/** A compact JWS over raw header and payload bytes, signed under `key` with `alg`. */
export const forge = (header: Bytes, payload: Bytes, key: Bytes, alg = 'HS256'): string => {
  const input = b64u(header) + '.' + b64u(payload);
  return input + '.' + mac(input, key, alg);
};

/** True when `s` is canonical unpadded base64url (an independent check, through Buffer). */
export const canonicalB64u = (s: string): boolean =>
  /^[A-Za-z0-9_-]*$/.test(s) && s.length % 4 !== 1 && Buffer.from(s, 'base64url').toString('base64url') === s;

/** `s` with its last character changed to the next one of the alphabet (another spelling or other bits). */
export const bumpLast = (s: string): string => {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return s.slice(0, -1) + A[(A.indexOf(s[s.length - 1]) + 1) % 64];
};

/** `s` (canonical base64url of a length that leaves spare bits) with its unused low bits set: a second spelling of the same bytes. */
export const spareBitsSet = (s: string): string => {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  if (s.length % 4 !== 2 && s.length % 4 !== 3) throw new Error('no spare bits in a base64url text of length ' + s.length);
  return s.slice(0, -1) + A[A.indexOf(s[s.length - 1]) | 1];
};
