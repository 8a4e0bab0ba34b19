/**
 * The Node backend: node:crypto, reached through `hostRequire` and only when
 * running on Node (`process.versions.node`). Host users and the unit tests
 * get OpenSSL's speed; the device never takes this path, so the backend's
 * functions are made by `nodeBackend()` on first use on Node and never on a
 * board (where it only checks `process` once and answers null).
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
interface NodeBufferClass {
  from(data: string, encoding: string): Uint8Array;
  alloc(size: number): NodeWritableBuffer;
}
interface NodeWritableBuffer extends Uint8Array {
  write(text: string, offset: number, encoding: string): number;
  write(text: string, offset: number, length: number, encoding: string): number;
  subarray(start: number, end: number): NodeWritableBuffer;
}
interface NodeCrypto {
  /** One-shot hash (Node >= 20.12): no Hash object per call. */
  hash?: (name: string, data: Uint8Array, outputEncoding: string) => string;
  createHash(name: string): NodeHash;
  createHmac(name: string, key: Uint8Array): NodeHash;
  pbkdf2Sync(password: Uint8Array, salt: Uint8Array, iterations: number, length: number, digest: string): NodeBuffer;
  createCipheriv(name: string, key: Uint8Array, iv: Uint8Array | null): NodeCipher;
  createDecipheriv(name: string, key: Uint8Array, iv: Uint8Array | null): NodeCipher;
  randomBytes(n: number): NodeBuffer;
}

/** Every result is a plain Uint8Array copy (not a Buffer), so results look the same on every backend. */
export interface NodeBackend {
  hash: (hash: HashName, data: Uint8Array) => Uint8Array;
  hmac: (hash: HashName, key: Uint8Array, data: Uint8Array) => Uint8Array;
  createHmac: (hash: HashName, key: Uint8Array) => (binary: string, length?: number) => string;
  pbkdf2: (hash: HashName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number) => Uint8Array;
  /** Raw AES (no padding): CBC when `iv` is given, else ECB. Lengths are checked by the caller. */
  aes: (decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array) => Uint8Array;
  random: (n: number) => Uint8Array;
}

let made: NodeBackend | null | undefined;

/** The node:crypto backend, or null when not on Node. */
export const nodeBackend = function (): NodeBackend | null {
  if (made !== undefined) return made;
  made = null;
  let c: NodeCrypto;
  if (typeof process === 'undefined' || !process || !process.versions || !process.versions.node || typeof hostRequire !== 'function') return made;
  try {
    c = hostRequire('crypto') as NodeCrypto;
  } catch (e) {
    return made;
  }
  if (!c) return made;
  const name = function (hash: HashName): string {
    return hash === 'SHA-256' ? 'sha256' : hash === 'SHA-384' ? 'sha384' : 'sha512';
  };
  const buffer = function (): NodeBufferClass | undefined {
    try {
      return (hostRequire as (name: string) => { Buffer?: NodeBufferClass })('buffer').Buffer;
    } catch (e) {
      return undefined;
    }
  };
  const plain = function (b: Uint8Array): Uint8Array {
    const out = new Uint8Array(b.length);
    out.set(b);
    return out;
  };
  made = {
    hash: function (hash, data) {
      return plain(c.createHash(name(hash)).update(data).digest());
    },
    hmac: function (hash, key, data) {
      return plain(c.createHmac(name(hash), key).update(data).digest());
    },
    createHmac: function (hash, key) {
      const n = name(hash);
      const k = plain(key);
      const B = buffer();
      const oneShot = c.hash;
      if (!oneShot || !B) {
        return function (binary: string, length?: number): string {
          return c.createHmac(n, k).update(length === undefined ? binary : binary.substr(0, length), 'latin1').digest('latin1');
        };
      }
      // H(opad + H(ipad + data)) with the padded key blocks made once: two
      // one-shot hashes cost less than a Hmac object per call (the HMAC was
      // ~18% of a verify in a --cpu-prof profile; this takes ~35% off it).
      // The hash inputs are two buffers kept by this closure, the padded key
      // block written once at their start: each call writes the message and
      // the inner digest after it. `Buffer.from(ipad + data)` per call made a
      // new buffer from a concatenated string every time, and that copying
      // was a third of this function (a 250-char signing input: ~1.55 us per
      // MAC instead of ~2.15 us, CPU time, same run). Safe to reuse: nothing
      // runs between the writes and the synchronous hash. A message longer
      // than 16 KB gets a buffer of its own, so a closure never keeps more.
      const block = hash === 'SHA-256' ? 64 : 128;
      const kb = k.length > block ? c.createHash(n).update(k).digest() : k;
      let inner = B.alloc(block + 512);
      const outer = B.alloc(block + (hash === 'SHA-256' ? 32 : hash === 'SHA-384' ? 48 : 64));
      for (let i = 0; i < block; i++) {
        const b = i < kb.length ? kb[i] : 0;
        inner[i] = b ^ 0x36;
        outer[i] = b ^ 0x5c;
      }
      // The view of the inner buffer hashed last, kept for the next message
      // of the same length (tokens of one issuer mostly have one length):
      // a new view per call was ~2% of a verify.
      let view = inner.subarray(0, block);
      // With `length`, only the message's first `length` chars (the verifier
      // passes the whole token and the signing input's length).
      return function (binary: string, length?: number): string {
        const len = length === undefined ? binary.length : length;
        const end = block + len;
        if (end !== view.length) {
          if (end > inner.length) {
            const grown = B.alloc(end);
            grown.set(inner.subarray(0, block), 0);
            if (end > 16384) {
              grown.write(binary, block, len, 'latin1');
              outer.write(oneShot(n, grown, 'latin1'), block, 'latin1');
              return oneShot(n, outer, 'latin1');
            }
            inner = grown;
          }
          view = inner.subarray(0, end);
        }
        view.write(binary, block, len, 'latin1');
        outer.write(oneShot(n, view, 'latin1'), block, 'latin1');
        return oneShot(n, outer, 'latin1');
      };
    },
    pbkdf2: function (hash, password, salt, iterations, length) {
      return plain(c.pbkdf2Sync(password, salt, iterations, length, name(hash)));
    },
    aes: function (decrypt, key, iv, data) {
      const n = 'aes-' + key.length * 8 + (iv ? '-cbc' : '-ecb');
      const cipher = decrypt ? c.createDecipheriv(n, key, iv) : c.createCipheriv(n, key, iv);
      cipher.setAutoPadding(false);
      const a = cipher.update(data);
      const b = cipher.final();
      const out = new Uint8Array(a.length + b.length);
      out.set(a, 0);
      out.set(b, a.length);
      return out;
    },
    random: function (n) {
      return plain(c.randomBytes(n));
    },
  };
  return made;
};
