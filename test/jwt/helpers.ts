// Test helpers: forge tokens from raw JSON text with node:crypto, so hostile
// inputs (duplicate keys, __proto__, odd headers) reach the verifier with a
// valid signature and the check under test is the one that fails.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { vectorsFile } from '../../src/host/devicetests';

export const SECRET = 'k'.repeat(64); // long enough for HS512
export const NOW = 1700000000;

export const b64u = (data: string | Uint8Array | Buffer): string => Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');

const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** A compact JWS over raw header and payload text, HMAC'd with `key` under `alg` (default: the header's alg or HS256). */
export const forge = (headerText: string, payloadText: string | Uint8Array, key: string | Uint8Array = SECRET, alg?: string): string => {
  let a = alg;
  if (!a) {
    try {
      a = JSON.parse(headerText).alg;
    } catch {
      a = 'HS256';
    }
  }
  const input = b64u(headerText) + '.' + b64u(payloadText);
  const mac = createHmac(HASH[a as string] || 'sha256', typeof key === 'string' ? Buffer.from(key, 'utf8') : key)
    .update(input)
    .digest('base64url');
  return input + '.' + mac;
};

/** A token for the claims given, header {alg: HS256, typ: JWT}. */
export const forgeClaims = (claims: unknown, key: string | Uint8Array = SECRET, alg = 'HS256'): string =>
  forge(JSON.stringify({ alg, typ: 'JWT' }), JSON.stringify(claims), key, alg);

export const vectors = JSON.parse(readFileSync(vectorsFile(), 'utf8'));

/** The error `fn` throws (fails the test if it throws nothing). */
export const caught = (fn: () => unknown): any => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, none was thrown');
};
