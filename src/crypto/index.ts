/**
 * The crypto layer: one adapter over three backends, chosen per primitive.
 *
 * - espruino: the board's `crypto` module, where it has the primitive
 *   (feature-detected function by function, results checked);
 * - node: node:crypto, when running on Node (host users, unit tests);
 * - pure: the TypeScript implementations in ./pure, everywhere else.
 *
 * Inputs: a `Uint8Array`, or a string meaning its UTF-8 bytes (`BytesLike`).
 * Outputs: a fresh `Uint8Array`. Bad input raises a typed error (`JWTError`
 * with code ERR_INVALID_ARGUMENT, or `InvalidKeyError` for keys); every
 * decryption failure raises the same `DecryptionError`, whatever the cause.
 *
 * The JWS hot path uses `createHmac`, which works on binary strings (one char
 * per byte): on the device that is two native SHA calls and a concatenation
 * per MAC, with the key's padded blocks computed once.
 */
import { DecryptionError, InvalidKeyError, NotSupportedError, invalidArgument } from '../errors';
import { binaryToBytes, bytesToBinary, isBytes } from '../codec/bytes';
import { encode as utf8Encode } from '../codec/utf8';
import { timingSafeEqualBytes as timingSafeEqual } from './compare';
import { ESP, espruinoBackend } from './espruino';
import type { EspruinoBackend } from './espruino';
import { nodeBackend } from './node';
import type { NodeBackend } from './node';
import { pureAes } from './pure/aes';
import { pureHash, pureMac } from './pure/index';
import { pureHmacKey } from './pure/hmac';
import { purePbkdf2 } from './pure/pbkdf2';
import { hwRandomBytes } from './random';
import { aesKeyWrapWith } from './aeskw';
import type { BackendName, BytesLike, HashName } from './types';

export type { BackendName, BytesLike, HashName } from './types';
/** Constant-time equality of two binary strings (false for different lengths or non-strings). */
export { timingSafeEqualBinary } from './compare';
/** Constant-time equality of two byte arrays (false for different lengths). */
export { timingSafeEqual };

type Mode = 'auto' | 'pure' | 'node' | 'espruino';

/*
 * Load-time cost: on a board every function object, property and string this
 * module makes while loading stays in RAM with the app (measured on the
 * 32-bit board build: ~8 JsVars per function plus ~1 per named parameter,
 * ~2 per property; function bodies stay in flash). So only the public
 * functions and a few shared helpers exist at load; tables are code
 * (`hashSize`), bounds are literals in the function bodies, and the backends
 * are made on first use by their accessors (nodeBackend, espruinoBackend,
 * pureHash, pureAes), so a board with native primitives never makes the node
 * or pure code at all.
 */

let mode: Mode = 'auto';

/**
 * @internal
 * Per-primitive choice, computed on first use and after `useBackend`, with
 * the backends it uses: the hot paths take them from here, because calling
 * a memoising accessor costs time on the device (below).
 */
export interface Selection {
  hash: { [h: string]: BackendName };
  pbkdf2: { [h: string]: BackendName };
  aes: BackendName;
  random: BackendName;
  node: NodeBackend | null;
  esp: EspruinoBackend | null;
}
let selection: Selection | undefined;

/**
 * Digest size in bytes of `hash` (public as `hashSize`); also the check of a
 * hash argument (ERR_INVALID_ARGUMENT for an unknown name).
 */
export const hashSize = function (hash: HashName): number {
  if (hash === 'SHA-256') return 32;
  if (hash === 'SHA-384') return 48;
  if (hash === 'SHA-512') return 64;
  return invalidArgument('hash must be SHA-256, SHA-384 or SHA-512');
};

/**
 * @internal
 * The selection, tiny on purpose: Espruino lexes a function's whole body on
 * every call, even when it returns at once (measured: ~45 us per call for a
 * 2.7 KB body, ~5 us for a tiny one), and every primitive asks for this.
 */
export const select = function (): Selection {
  return selection || choose();
};

const choose = function (): Selection {
  const n = nodeBackend();
  const c = mode === 'auto' || mode === 'espruino' ? espruinoBackend() : null;
  const s: Selection = { hash: {}, pbkdf2: {}, aes: 'pure', random: 'none', node: n, esp: c };
  const onNode = (mode === 'auto' || mode === 'node') && !!n;
  const names: HashName[] = ['SHA-256', 'SHA-384', 'SHA-512'];
  // Hashes first: the PBKDF2 self-check below uses them.
  selection = s;
  for (let i = 0; i < names.length; i++) {
    const h = names[i];
    s.hash[h] = onNode ? 'node' : c && c.fn(h) ? 'espruino' : 'pure';
  }
  for (let i = 0; i < names.length; i++) {
    const h = names[i];
    let b: BackendName = 'pure';
    if (onNode) b = 'node';
    else if (c && c.hasPbkdf2 && s.hash[h] === 'espruino') {
      // Native PBKDF2 can silently use defaults (SHA-1) for a hasher the
      // board lacks, so check one iteration against the native HMAC (which
      // is PBKDF2's first block). A hash without a native function has no
      // native hasher either (both come with the same firmware option), and
      // checking it would build the pure hash on a board that may never
      // use it. The check's MAC is not cached: it would hold a cache slot.
      const got = c.pbkdf2(h, 'microjwt', 'salt', 1, hashSize(h));
      if (got && bytesToBinary(got) === c.mac(h, binaryToBytes('microjwt'))('salt\x00\x00\x00\x01')) b = 'espruino';
    }
    s.pbkdf2[h] = b;
  }
  s.aes = onNode ? 'node' : c && c.hasAes ? 'espruino' : 'pure';
  // Randomness is never 'pure': there is no pure source of entropy.
  s.random = n && mode !== 'espruino' ? 'node' : ESP && typeof ESP.hwRand === 'function' ? 'espruino' : 'none';
  return s;
};

/** `{ primitive: backend }`: which implementation serves each primitive now. */
export const backend = function (): { [primitive: string]: BackendName } {
  const s = select();
  return {
    sha256: s.hash['SHA-256'],
    sha384: s.hash['SHA-384'],
    sha512: s.hash['SHA-512'],
    hmacSha256: s.hash['SHA-256'],
    hmacSha384: s.hash['SHA-384'],
    hmacSha512: s.hash['SHA-512'],
    pbkdf2Sha256: s.pbkdf2['SHA-256'],
    pbkdf2Sha384: s.pbkdf2['SHA-384'],
    pbkdf2Sha512: s.pbkdf2['SHA-512'],
    aes: s.aes,
    random: s.random,
  };
};

/**
 * Force a backend (tests, benchmarks), or 'auto' (the default: native where
 * available). 'espruino' still uses pure code for what the board lacks.
 * Throws NotSupportedError when the backend does not exist here.
 */
export const useBackend = function (name: 'pure' | 'node' | 'espruino' | 'auto'): void {
  if (name === 'node' && !nodeBackend()) throw new NotSupportedError('the node backend needs Node');
  if (name === 'espruino' && !espruinoBackend()) throw new NotSupportedError('no Espruino crypto module here');
  if (name !== 'pure' && name !== 'node' && name !== 'espruino' && name !== 'auto') invalidArgument('unknown crypto backend');
  mode = name;
  selection = undefined;
  macs = undefined; // closures belong to the backend that built them
  nextMac = 0;
};

// ---------------------------------------------------------------- inputs

/** `data` as bytes (a string means its UTF-8 bytes); `what` 'key' makes a wrong type an InvalidKeyError. */
const toBytes = function (data: BytesLike, what: string): Uint8Array {
  if (typeof data === 'string') return utf8Encode(data);
  if (!isBytes(data)) {
    if (what === 'key') throw new InvalidKeyError('key must be a Uint8Array or a string');
    invalidArgument(what + ' must be a Uint8Array or a string');
  }
  return data;
};



// ---------------------------------------------------------------- hashes

const digest = function (hash: HashName, data: Uint8Array): Uint8Array {
  const s = select();
  const b = s.hash[hash];
  if (b === 'node') return s.node!.hash(hash, data);
  if (b === 'espruino') {
    const r = s.esp!.digest(hash, data);
    if (r) return r;
  }
  const p = pureHash(hash);
  return p.finish(p.init(), data, 0, new Uint8Array(p.outLen));
};

export const sha256 = function (data: BytesLike): Uint8Array {
  return digest('SHA-256', toBytes(data, 'data'));
};
export const sha384 = function (data: BytesLike): Uint8Array {
  return digest('SHA-384', toBytes(data, 'data'));
};
export const sha512 = function (data: BytesLike): Uint8Array {
  return digest('SHA-512', toBytes(data, 'data'));
};

// ---------------------------------------------------------------- HMAC

type MacFn = (binaryData: string) => string;

/**
 * MAC closures per (hash, key): building one processes the key's padded
 * blocks (two native hash calls on Espruino, which then MACs with
 * `H(opad + H(ipad + data))`; far more in pure code), so a device that uses
 * one or two keys should build each once. One bounded cache for every
 * backend, here where the backends are (and cleared with them):
 * `[id0, mac0, id1, mac1, ...]`, 4 keys, round robin, made on first use (a
 * module-level value costs RAM on the device from load on). Keyed by the
 * key's bytes (a copy: `bytesToBinary` never shares memory), so a caller who
 * changes a Uint8Array in place never gets a MAC under the old key.
 */
let macs: (string | MacFn)[] | undefined;
/** Index of the slot the next new key takes (0, 2, 4, 6). */
let nextMac = 0;

/** The uncached closure for `key` on the selected backend. */
const buildMac = function (hash: HashName, key: Uint8Array): MacFn {
  const s = select();
  const b = s.hash[hash];
  if (b === 'node') return s.node!.createHmac(hash, key);
  if (b === 'espruino') return s.esp!.mac(hash, key);
  return pureMac(hash, key);
};

/**
 * The JWS hot path: a (cached) function MACing a binary string under the key
 * given as a binary string, returning the binary MAC. `hash` must be valid.
 * `once`: a key used for one message only (a JWE content key), built without
 * touching the cache, so it neither evicts long-lived keys nor stays in RAM.
 */
export const macFor = function (hash: HashName, keyBinary: string, once?: boolean): MacFn {
  if (once) return buildMac(hash, binaryToBytes(keyBinary));
  // Hash names all have 7 chars, so the concatenation is unambiguous.
  const id = hash + keyBinary;
  const c = macs || (macs = []);
  for (let i = 0; i < c.length; i += 2) if (c[i] === id) return c[i + 1] as MacFn;
  const mac = buildMac(hash, binaryToBytes(keyBinary));
  c[nextMac] = id;
  c[nextMac + 1] = mac;
  nextMac = nextMac === 6 ? 0 : nextMac + 2;
  return mac;
};

/**
 * A MAC function for `key`: binary string in, binary string out. Reuse it:
 * the key's padded blocks are processed only when it is built (and cached).
 */
export const createHmac = function (hash: HashName, key: Uint8Array): MacFn {
  hashSize(hash);
  if (!isBytes(key)) throw new InvalidKeyError('key must be a Uint8Array');
  return macFor(hash, bytesToBinary(key));
};

export const hmac = function (hash: HashName, key: BytesLike, data: BytesLike): Uint8Array {
  hashSize(hash);
  const k = toBytes(key, 'key');
  const d = toBytes(data, 'data');
  const s = select();
  const b = s.hash[hash];
  if (b === 'node') return s.node!.hmac(hash, k, d);
  if (b === 'espruino') return binaryToBytes(createHmac(hash, k)(bytesToBinary(d)));
  return pureHmacKey(pureHash(hash), k)(d, new Uint8Array(hashSize(hash)));
};

// ---------------------------------------------------------------- PBKDF2

/** Bounds that catch mistakes (and denial of service) without limiting real use: 10,000,000 iterations, 8192 bytes. */
export const pbkdf2 = function (hash: HashName, password: BytesLike, salt: BytesLike, iterations: number, length: number): Uint8Array {
  hashSize(hash);
  const p = toBytes(password, 'key');
  const s = toBytes(salt, 'salt');
  // Integers in range, so NaN, 1.5 and '3' fail too.
  if (typeof iterations !== 'number' || iterations % 1 !== 0 || !(iterations >= 1 && iterations <= 10000000)) {
    invalidArgument('iterations must be an integer from 1 to 10000000');
  }
  if (typeof length !== 'number' || length % 1 !== 0 || !(length >= 1 && length <= 8192)) invalidArgument('length must be an integer from 1 to 8192');
  const sel = select();
  const b = sel.pbkdf2[hash];
  if (b === 'node') return sel.node!.pbkdf2(hash, p, s, iterations, length);
  if (b === 'espruino') {
    const r = sel.esp!.pbkdf2(hash, bytesToBinary(p), bytesToBinary(s), iterations, length);
    if (r) return r;
  }
  return purePbkdf2(pureHash(hash), p, s, iterations, length);
};

// ---------------------------------------------------------------- AES

export const checkAesKey = function (key: Uint8Array): void {
  if (!isBytes(key) || (key.length !== 16 && key.length !== 24 && key.length !== 32)) {
    throw new InvalidKeyError('AES key must be a Uint8Array of 16, 24 or 32 bytes');
  }
};

/**
 * Raw AES over whole blocks (arguments already checked); `iv` null means ECB.
 * Also the block cipher of GCM (./gcm.ts), which encrypts all its counter
 * blocks in one call.
 */
export const rawAes = function (decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const s = select();
  const b = s.aes;
  if (b === 'node') return s.node!.aes(decrypt, key, iv, data);
  if (b === 'espruino') {
    // Lengths are valid here, so a native failure (printed, `undefined`) means
    // no contiguous memory was free, not bad input: use the pure cipher.
    const r = s.esp!.aes(decrypt, key, iv, data);
    if (r) return r;
  }
  return iv ? pureAes().cbc(key, iv, data, decrypt) : pureAes().ecb(key, decrypt, data);
};

/** AES-CBC with PKCS#7 padding. */
export const aesCbcEncrypt = function (key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkAesKey(key);
  if (!isBytes(iv) || iv.length !== 16) invalidArgument('iv must be a Uint8Array of 16 bytes');
  if (!isBytes(data)) invalidArgument('plaintext must be a Uint8Array');
  const n = 16 - (data.length & 15);
  const padded = new Uint8Array(data.length + n);
  padded.set(data, 0);
  for (let i = data.length; i < padded.length; i++) padded[i] = n;
  return rawAes(false, key, iv, padded);
};

/** AES-CBC decryption; DecryptionError on wrong length or padding (one message for every cause). */
export const aesCbcDecrypt = function (key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkAesKey(key);
  if (!isBytes(iv) || iv.length !== 16) invalidArgument('iv must be a Uint8Array of 16 bytes');
  if (!isBytes(data)) invalidArgument('ciphertext must be a Uint8Array');
  if (data.length === 0 || (data.length & 15) !== 0) throw new DecryptionError('decryption failed');
  const r = rawAes(true, key, iv, data);
  // Check the padding without branching on where it is wrong.
  const n = r[r.length - 1];
  let bad = n === 0 || n > 16 ? 1 : 0;
  for (let i = 1; i <= 16; i++) {
    // Bytes inside the pad must equal n; bytes outside are ignored.
    bad |= (i <= n ? 1 : 0) & (r[r.length - i] !== n ? 1 : 0);
  }
  if (bad) throw new DecryptionError('decryption failed');
  return r.subarray(0, r.length - n);
};

/** One 16-byte AES block (ECB), for AES key wrap. */
export const aesEcbEncryptBlock = function (key: Uint8Array, block: Uint8Array): Uint8Array {
  checkAesKey(key);
  if (!isBytes(block)) invalidArgument('block must be a Uint8Array');
  if (block.length !== 16) invalidArgument('block must be 16 bytes');
  return rawAes(false, key, null, block);
};

export const aesEcbDecryptBlock = function (key: Uint8Array, block: Uint8Array): Uint8Array {
  checkAesKey(key);
  if (!isBytes(block)) invalidArgument('block must be a Uint8Array');
  if (block.length !== 16) throw new DecryptionError('decryption failed');
  return rawAes(true, key, null, block);
};

/** AES key wrap (RFC 3394) of `keyData` (a multiple of 8 bytes, at least 16) under `kek`. */
export const aesKeyWrap = function (kek: Uint8Array, keyData: Uint8Array): Uint8Array {
  checkAesKey(kek);
  return aesKeyWrapWith(false, aesEcbEncryptBlock, kek, keyData);
};

/** AES key unwrap; DecryptionError on a wrong length or a failed integrity check. */
export const aesKeyUnwrap = function (kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  checkAesKey(kek);
  return aesKeyWrapWith(true, aesEcbDecryptBlock, kek, wrapped);
};

// ---------------------------------------------------------------- random, compare

/** `n` cryptographically random bytes (at most 65536); NotSupportedError where there is no source. */
export const randomBytes = function (n: number): Uint8Array {
  if (typeof n !== 'number' || n % 1 !== 0 || !(n >= 0 && n <= 65536)) invalidArgument('n must be an integer from 0 to 65536');
  const s = select();
  const b = s.random;
  if (b === 'node') return s.node!.random(n);
  if (b === 'espruino') {
    return hwRandomBytes(n, function (binary: string): string {
      return bytesToBinary(digest('SHA-256', binaryToBytes(binary)));
    });
  }
  throw new NotSupportedError('no random source on this platform');
};

/** The public surface (microjwt.crypto). */
export const cryptoApi = {
  hashSize: hashSize,
  sha256: sha256,
  sha384: sha384,
  sha512: sha512,
  hmac: hmac,
  pbkdf2: pbkdf2,
  aesCbcEncrypt: aesCbcEncrypt,
  aesCbcDecrypt: aesCbcDecrypt,
  aesEcbEncryptBlock: aesEcbEncryptBlock,
  aesEcbDecryptBlock: aesEcbDecryptBlock,
  aesKeyWrap: aesKeyWrap,
  aesKeyUnwrap: aesKeyUnwrap,
  randomBytes: randomBytes,
  timingSafeEqual: timingSafeEqual,
  backend: backend,
  useBackend: useBackend,
};
