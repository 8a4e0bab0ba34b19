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
import { timingSafeEqualBinary as compareBinary, timingSafeEqualBytes } from './compare';
import { ESP, EspruinoCrypto, espAes, espHash, espPbkdf2, espruinoCrypto, hasNativeAes, nativeHash } from './espruino';
import { nodeAes, nodeCreateHmac, nodeCrypto, nodeHash, nodeHmac, nodePbkdf2, nodeRandom } from './node';
import { aesCbc, aesBlock, aesExpandKey } from './pure/aes';
import { PureHash } from './pure/hash';
import { pureHmac, pureHmacKey, pureHmacWith } from './pure/hmac';
import { purePbkdf2 } from './pure/pbkdf2';
import { pureSha256 } from './pure/sha256';
import { pureSha384, pureSha512 } from './pure/sha512';
import { hasHwRandom, hwRandomBytes } from './random';
import { aesKeyUnwrapWith, aesKeyWrapWith } from './aeskw';
import type { BackendName, BytesLike, HashName } from './types';

export type { BackendName, BytesLike, HashName } from './types';

type Mode = 'auto' | 'pure' | 'node' | 'espruino';

const PURE: { [h: string]: PureHash } = { 'SHA-256': pureSha256, 'SHA-384': pureSha384, 'SHA-512': pureSha512 };
const SIZES: { [h: string]: number } = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const BLOCKS: { [h: string]: number } = { 'SHA-256': 64, 'SHA-384': 128, 'SHA-512': 128 };

/** Bounds that catch mistakes (and denial of service) without limiting real use. */
const MAX_ITERATIONS = 10000000;
const MAX_DERIVED = 8192;
const MAX_RANDOM = 65536;

let mode: Mode = 'auto';

/** Per-primitive choice, computed on first use and after `useBackend`. */
interface Selection {
  hash: { [h: string]: BackendName };
  pbkdf2: { [h: string]: BackendName };
  aes: BackendName;
  random: BackendName;
}
let selection: Selection | undefined;

const wantNode = function (): boolean {
  return (mode === 'auto' || mode === 'node') && !!nodeCrypto();
};
const wantEspruino = function (): EspruinoCrypto | null {
  return mode === 'auto' || mode === 'espruino' ? espruinoCrypto() : null;
};

const select = function (): Selection {
  if (selection) return selection;
  const s: Selection = { hash: {}, pbkdf2: {}, aes: 'pure', random: 'none' };
  const onNode = wantNode();
  const c = wantEspruino();
  const names: HashName[] = ['SHA-256', 'SHA-384', 'SHA-512'];
  // Hashes first: the PBKDF2 self-check below uses them.
  selection = s;
  for (let i = 0; i < names.length; i++) {
    const h = names[i];
    s.hash[h] = onNode ? 'node' : c && nativeHash(c, h) ? 'espruino' : 'pure';
  }
  for (let i = 0; i < names.length; i++) {
    const h = names[i];
    s.pbkdf2[h] = onNode ? 'node' : c && typeof c.PBKDF2 === 'function' && nativePbkdf2Works(c, h) ? 'espruino' : 'pure';
  }
  s.aes = onNode ? 'node' : c && hasNativeAes(c) ? 'espruino' : 'pure';
  // Randomness is never 'pure': there is no pure source of entropy.
  s.random = nodeCrypto() && mode !== 'espruino' ? 'node' : hasHwRandom() ? 'espruino' : 'none';
  return s;
};

/**
 * Native PBKDF2 can silently use defaults (SHA-1) for a hasher the board
 * lacks, so check one iteration against HMAC (which is PBKDF2's first block).
 */
const nativePbkdf2Works = function (c: EspruinoCrypto, h: HashName): boolean {
  const n = SIZES[h];
  const got = espPbkdf2(c, h, 'microjwt', 'salt', 1, n);
  if (!got) return false;
  const want = createHmac(h, binaryToBytes('microjwt'))('salt\x00\x00\x00\x01');
  return bytesToBinary(got) === want;
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
  if (name === 'node' && !nodeCrypto()) throw new NotSupportedError('the node backend needs Node');
  if (name === 'espruino' && !espruinoCrypto()) throw new NotSupportedError('no Espruino crypto module here');
  if (name !== 'pure' && name !== 'node' && name !== 'espruino' && name !== 'auto') invalidArgument('unknown crypto backend');
  mode = name;
  selection = undefined;
  hmacCache = [];
};

// ---------------------------------------------------------------- inputs

const toBytes = function (data: BytesLike, what: string): Uint8Array {
  if (typeof data === 'string') return utf8Encode(data);
  if (!isBytes(data)) return invalidArgument(what + ' must be a Uint8Array or a string');
  return data;
};

const keyBytes = function (key: BytesLike): Uint8Array {
  if (typeof key === 'string') return utf8Encode(key);
  if (!isBytes(key)) throw new InvalidKeyError('key must be a Uint8Array or a string');
  return key;
};

const checkHash = function (hash: HashName): void {
  if (!SIZES.hasOwnProperty(hash)) invalidArgument('hash must be SHA-256, SHA-384 or SHA-512');
};

const checkInt = function (n: number, min: number, max: number, what: string): void {
  if (typeof n !== 'number' || n % 1 !== 0 || !(n >= min && n <= max)) invalidArgument(what + ' must be an integer from ' + min + ' to ' + max);
};

/** Digest size in bytes of `hash`. */
export const hashSize = function (hash: HashName): number {
  checkHash(hash);
  return SIZES[hash];
};

// ---------------------------------------------------------------- hashes

const digest = function (hash: HashName, data: Uint8Array): Uint8Array {
  const b = select().hash[hash];
  if (b === 'node') return nodeHash(nodeCrypto()!, hash, data);
  if (b === 'espruino') {
    const r = espHash(nativeHash(espruinoCrypto()!, hash)!, data, SIZES[hash]);
    if (r) return r;
  }
  const p = PURE[hash];
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

/**
 * Espruino: the key's ipad/opad blocks as binary strings, so a MAC is
 * `H(opad + H(ipad + data))`: two native calls and two concatenations.
 * The last few keys are kept (a bounded list, newest first).
 */
interface PadEntry {
  hash: HashName;
  key: string;
  mac: (binary: string) => string;
}
let hmacCache: PadEntry[] = [];
const HMAC_CACHE_SIZE = 4;

const nativeHmacFn = function (hash: HashName, key: Uint8Array): (binary: string) => string {
  const f = nativeHash(espruinoCrypto()!, hash)!;
  const size = SIZES[hash];
  const bl = BLOCKS[hash];
  const long = key.length > bl ? f(key) : undefined;
  if (key.length > bl && !(long && long.byteLength === size)) return pureMac(hash, key);
  const k = long ? new Uint8Array(long) : key;
  // Two buffers, never written again: E.toString of a whole Uint8Array
  // returns a string that shares the array's memory (measured on 2v29).
  const ip = new Uint8Array(bl);
  const op = new Uint8Array(bl);
  for (let i = 0; i < bl; i++) {
    const x = i < k.length ? k[i] : 0;
    ip[i] = x ^ 0x36;
    op[i] = x ^ 0x5c;
  }
  return nativeMac(hash, f, ESP!.toString(ip), ESP!.toString(op));
};

/**
 * The MAC closure, made in its own small scope: it keeps only the two pads
 * (a cached key costs a few dozen JsVars on the device, not the whole setup).
 */
const nativeMac = function (hash: HashName, f: (data: string) => ArrayBuffer | undefined, ipad: string, opad: string): (binary: string) => string {
  let pure: ((binary: string) => string) | undefined;
  return function (binary: string): string {
    const e = ESP!;
    const inner = f(ipad + binary);
    const outer = inner && f(opad + e.toString(inner));
    if (outer && outer.byteLength === SIZES[hash]) return e.toString(outer);
    // The native call can fail (it prints and returns undefined) when no
    // contiguous memory is free: answer with the pure code, keyed by the
    // zero-padded key recovered from the inner pad (the caller's key array
    // may have changed since).
    if (!pure) {
      const k = e.toUint8Array(ipad);
      for (let i = 0; i < k.length; i++) k[i] ^= 0x36;
      pure = pureMac(hash, k);
    }
    return pure(binary);
  };
};

/**
 * A MAC function for `key`: binary string in, binary string out. Build it once
 * per key and reuse it: the key's padded blocks are processed only here.
 */
export const createHmac = function (hash: HashName, key: Uint8Array): (binaryData: string) => string {
  checkHash(hash);
  if (!isBytes(key)) throw new InvalidKeyError('key must be a Uint8Array');
  const b = select().hash[hash];
  if (b === 'node') return nodeCreateHmac(nodeCrypto()!, hash, key);
  if (b === 'espruino') {
    // Cache by a digest of the key: a copy that the caller cannot change
    // later (E.toString(key) would share the key's memory), and no raw key
    // kept as a lookup string.
    const ks = ESP!.toString(nativeHash(espruinoCrypto()!, hash)!(key));
    for (let i = 0; i < hmacCache.length; i++) {
      const c = hmacCache[i];
      if (c.hash === hash && c.key === ks) return c.mac;
    }
    const mac = nativeHmacFn(hash, key);
    hmacCache.unshift({ hash: hash, key: ks, mac: mac });
    if (hmacCache.length > HMAC_CACHE_SIZE) hmacCache.pop();
    return mac;
  }
  return pureMac(hash, key);
};

const pureMac = function (hash: HashName, key: Uint8Array): (binary: string) => string {
  const k = pureHmacKey(PURE[hash], key);
  return function (binary: string): string {
    // A fresh output buffer each time: on Espruino the returned string shares its memory.
    return bytesToBinary(pureHmacWith(k, binaryToBytes(binary), new Uint8Array(SIZES[hash])));
  };
};

export const hmac = function (hash: HashName, key: BytesLike, data: BytesLike): Uint8Array {
  checkHash(hash);
  const k = keyBytes(key);
  const d = toBytes(data, 'data');
  const b = select().hash[hash];
  if (b === 'node') return nodeHmac(nodeCrypto()!, hash, k, d);
  if (b === 'espruino') return binaryToBytes(createHmac(hash, k)(bytesToBinary(d)));
  return pureHmac(PURE[hash], k, d);
};

// ---------------------------------------------------------------- PBKDF2

export const pbkdf2 = function (hash: HashName, password: BytesLike, salt: BytesLike, iterations: number, length: number): Uint8Array {
  checkHash(hash);
  const p = keyBytes(password);
  const s = toBytes(salt, 'salt');
  checkInt(iterations, 1, MAX_ITERATIONS, 'iterations');
  checkInt(length, 1, MAX_DERIVED, 'length');
  const b = select().pbkdf2[hash];
  if (b === 'node') return nodePbkdf2(nodeCrypto()!, hash, p, s, iterations, length);
  if (b === 'espruino') {
    const r = espPbkdf2(espruinoCrypto()!, hash, bytesToBinary(p), bytesToBinary(s), iterations, length);
    if (r) return r;
  }
  return purePbkdf2(PURE[hash], p, s, iterations, length);
};

// ---------------------------------------------------------------- AES

const checkAesKey = function (key: Uint8Array): void {
  if (!isBytes(key) || (key.length !== 16 && key.length !== 24 && key.length !== 32)) {
    throw new InvalidKeyError('AES key must be a Uint8Array of 16, 24 or 32 bytes');
  }
};

const checkBlock = function (data: Uint8Array, what: string): void {
  if (!isBytes(data)) invalidArgument(what + ' must be a Uint8Array');
};

/** Raw AES over whole blocks; `iv` null means ECB. */
const rawAes = function (decrypt: boolean, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const b = select().aes;
  if (b === 'node') return nodeAes(nodeCrypto()!, decrypt, key, iv, data);
  if (b === 'espruino') {
    // Lengths are valid here, so a native failure (printed, `undefined`) means
    // no contiguous memory was free, not bad input: use the pure cipher.
    const r = espAes(espruinoCrypto()!, decrypt, key, iv, data);
    if (r) return r;
  }
  if (iv) return aesCbc(key, iv, data, decrypt);
  const out = new Uint8Array(16);
  aesBlock(aesExpandKey(key), decrypt, data, 0, out, 0);
  return out;
};

const DECRYPTION_FAILED = 'decryption failed';

/** AES-CBC with PKCS#7 padding. */
export const aesCbcEncrypt = function (key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkAesKey(key);
  if (!isBytes(iv) || iv.length !== 16) invalidArgument('iv must be a Uint8Array of 16 bytes');
  checkBlock(data, 'plaintext');
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
  checkBlock(data, 'ciphertext');
  if (data.length === 0 || (data.length & 15) !== 0) throw new DecryptionError(DECRYPTION_FAILED);
  const r = rawAes(true, key, iv, data);
  // Check the padding without branching on where it is wrong.
  const n = r[r.length - 1];
  let bad = n === 0 || n > 16 ? 1 : 0;
  for (let i = 1; i <= 16; i++) {
    // Bytes inside the pad must equal n; bytes outside are ignored.
    bad |= (i <= n ? 1 : 0) & (r[r.length - i] !== n ? 1 : 0);
  }
  if (bad) throw new DecryptionError(DECRYPTION_FAILED);
  return r.subarray(0, r.length - n);
};

/** One 16-byte AES block (ECB), for AES key wrap. */
export const aesEcbEncryptBlock = function (key: Uint8Array, block: Uint8Array): Uint8Array {
  checkAesKey(key);
  checkBlock(block, 'block');
  if (block.length !== 16) invalidArgument('block must be 16 bytes');
  return rawAes(false, key, null, block);
};

export const aesEcbDecryptBlock = function (key: Uint8Array, block: Uint8Array): Uint8Array {
  checkAesKey(key);
  checkBlock(block, 'block');
  if (block.length !== 16) throw new DecryptionError(DECRYPTION_FAILED);
  return rawAes(true, key, null, block);
};

/** AES key wrap (RFC 3394) of `keyData` (a multiple of 8 bytes, at least 16) under `kek`. */
export const aesKeyWrap = function (kek: Uint8Array, keyData: Uint8Array): Uint8Array {
  checkAesKey(kek);
  return aesKeyWrapWith(aesEcbEncryptBlock, kek, keyData);
};

/** AES key unwrap; DecryptionError on a wrong length or a failed integrity check. */
export const aesKeyUnwrap = function (kek: Uint8Array, wrapped: Uint8Array): Uint8Array {
  checkAesKey(kek);
  return aesKeyUnwrapWith(aesEcbDecryptBlock, kek, wrapped);
};

// ---------------------------------------------------------------- random, compare

const sha256Binary = function (binary: string): string {
  return bytesToBinary(digest('SHA-256', binaryToBytes(binary)));
};

/** `n` cryptographically random bytes; NotSupportedError where there is no source. */
export const randomBytes = function (n: number): Uint8Array {
  checkInt(n, 0, MAX_RANDOM, 'n');
  const b = select().random;
  if (b === 'node') return nodeRandom(nodeCrypto()!, n);
  if (b === 'espruino') return hwRandomBytes(n, sha256Binary);
  throw new NotSupportedError('no random source on this platform');
};

/** Constant-time equality of two byte arrays (false for different lengths). */
export const timingSafeEqual = function (a: Uint8Array, b: Uint8Array): boolean {
  if (!isBytes(a) || !isBytes(b)) invalidArgument('timingSafeEqual expects two Uint8Arrays');
  return timingSafeEqualBytes(a, b);
};

/** Constant-time equality of two binary strings (false for different lengths or non-strings). */
export const timingSafeEqualBinary = compareBinary;

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
