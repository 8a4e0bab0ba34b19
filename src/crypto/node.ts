/**
 * The Node backend: node:crypto, reached through `hostRequire` and only when
 * running on Node (`process.versions.node`). Host users and the unit tests
 * get OpenSSL's speed; the device never takes this path.
 */
import type { HashName } from './types';

interface NodeBuffer extends Uint8Array {
  toString(encoding?: string): string;
}
interface NodeHash {
  update(data: Uint8Array | string, encoding?: string): NodeHash;
  digest(): NodeBuffer;
  digest(encoding: string): string;
}
interface NodeCipher {
  setAutoPadding(on: boolean): NodeCipher;
  update(data: Uint8Array): NodeBuffer;
  final(): NodeBuffer;
}
export interface NodeCrypto {
  createHash(name: string): NodeHash;
  createHmac(name: string, key: Uint8Array): NodeHash;
  pbkdf2Sync(password: Uint8Array, salt: Uint8Array, iterations: number, length: number, digest: string): NodeBuffer;
  createCipheriv(name: string, key: Uint8Array, iv: Uint8Array | null): NodeCipher;
  createDecipheriv(name: string, key: Uint8Array, iv: Uint8Array | null): NodeCipher;
  randomBytes(n: number): NodeBuffer;
}

let cached: NodeCrypto | null | undefined;

/** node:crypto, or null when not on Node. */
export const nodeCrypto = function (): NodeCrypto | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (typeof process !== 'undefined' && process && process.versions && process.versions.node && typeof hostRequire === 'function') {
    try {
      cached = hostRequire('crypto') as NodeCrypto;
    } catch (e) {
      cached = null;
    }
  }
  return cached;
};

const NAMES: { [h: string]: string } = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** A plain Uint8Array copy (not a Buffer), so results look the same on every backend. */
const plain = function (b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
};

export const nodeHash = function (c: NodeCrypto, hash: HashName, data: Uint8Array): Uint8Array {
  return plain(c.createHash(NAMES[hash]).update(data).digest());
};

export const nodeHmac = function (c: NodeCrypto, hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return plain(c.createHmac(NAMES[hash], key).update(data).digest());
};

export const nodeCreateHmac = function (c: NodeCrypto, hash: HashName, key: Uint8Array): (binary: string) => string {
  const name = NAMES[hash];
  const k = plain(key);
  return function (binary: string): string {
    return c.createHmac(name, k).update(binary, 'latin1').digest('latin1');
  };
};

export const nodePbkdf2 = function (c: NodeCrypto, hash: HashName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  return plain(c.pbkdf2Sync(password, salt, iterations, length, NAMES[hash]));
};

const run = function (cipher: NodeCipher, data: Uint8Array): Uint8Array {
  cipher.setAutoPadding(false);
  const a = cipher.update(data);
  const b = cipher.final();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};

/** Raw AES (no padding): CBC when `iv` is given, else ECB. Lengths are checked by the caller. */
export const nodeAes = function (c: NodeCrypto, decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const name = 'aes-' + key.length * 8 + (iv ? '-cbc' : '-ecb');
  return run(decrypt ? c.createDecipheriv(name, key, iv) : c.createCipheriv(name, key, iv), data);
};

export const nodeRandom = function (c: NodeCrypto, n: number): Uint8Array {
  return plain(c.randomBytes(n));
};
