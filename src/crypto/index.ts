// @part crypto
/**
 * The crypto layer's public face (microjwt.crypto): checked functions over
 * the adapter (./adapter.ts), which chooses a backend per primitive:
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
 * A lazy part (see src/host/lazyparts.mjs): none of this is made on a board
 * until a script calls into it, and `microjwt.crypto` itself is built by
 * `cryptoApi()` on first access (a getter on the API object), so the sixteen
 * members cost nothing at load.
 */
import { DecryptionError, InvalidKeyError, NotSupportedError, invalidArgument } from '../errors';
import { binaryToBytes, bytesToBinary, isBytes } from '../codec/bytes';
import { encode as utf8Encode } from '../codec/utf8';
import { timingSafeEqualBytes as timingSafeEqual } from './timingsafeequal';
import { pureCrypto } from './pure/index';
import { hwRandomBytes } from './random';
import { aesKeyWrapWith } from './aeskw';
import { macFor, select, useBackend } from './adapter';
import { checkAesKey, rawAes } from './aes';
import type { Selection } from './adapter';
import { espruinoDigest, espruinoPbkdf2 } from './espruinodigest';
import type { BackendName, BytesLike, HashName, MacFn } from './types';

export type { BackendName, BytesLike, HashName } from './types';

// `hashSize`, `backend` and `createHmac` are here, not in ./adapter.ts: only
// microjwt.crypto uses them, so they load with this part.

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
    pbkdf2Sha256: pbkdf2Backend(s, 'SHA-256'),
    pbkdf2Sha384: pbkdf2Backend(s, 'SHA-384'),
    pbkdf2Sha512: pbkdf2Backend(s, 'SHA-512'),
    aes: s.aes,
    random: s.random,
  };
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

export { useBackend, timingSafeEqual };
/** Constant-time equality of two binary strings (false for different lengths or non-strings). */
export { timingSafeEqualBinary } from './compare';

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
    const r = espruinoDigest(s.esp!, hash, data);
    if (r) return r;
  }
  const p = pureCrypto().hash(hash);
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

export const hmac = function (hash: HashName, key: BytesLike, data: BytesLike): Uint8Array {
  hashSize(hash);
  const k = toBytes(key, 'key');
  const d = toBytes(data, 'data');
  const s = select();
  const b = s.hash[hash];
  if (b === 'node') return s.node!.hmac(hash, k, d);
  if (b === 'espruino') return binaryToBytes(createHmac(hash, k)(bytesToBinary(d)));
  const pure = pureCrypto();
  return pure.hmacKey(pure.hash(hash), k)(d, new Uint8Array(hashSize(hash)));
};

// ---------------------------------------------------------------- PBKDF2

/**
 * Which backend serves PBKDF2 with `hash`, settled on first use and kept in
 * the selection (until `useBackend`). Native PBKDF2 can silently use its
 * defaults (SHA-1) for a hasher the board lacks, so one iteration is checked
 * against the native HMAC (PBKDF2's first block). A hash without a native
 * function has no native hasher either (both come with the same firmware
 * option), and checking it would build the pure hash on a board that may
 * never use it. The check's MAC is not cached: it would hold a cache slot.
 * Here, not in the adapter's choice: only microjwt.crypto uses PBKDF2, so a
 * board that signs tokens never runs the check.
 */
const pbkdf2Backend = function (sel: Selection, hash: HashName): BackendName {
  const known = sel.pbkdf2[hash];
  if (known) return known;
  let b: BackendName = 'pure';
  const c = sel.esp;
  if (sel.hash[hash] === 'node') b = 'node';
  else if (c && c.hasPbkdf2 && sel.hash[hash] === 'espruino') {
    const got = espruinoPbkdf2(c.native, hash, 'microjwt', 'salt', 1, hashSize(hash));
    if (got && bytesToBinary(got) === c.mac(hash, binaryToBytes('microjwt'))('salt\x00\x00\x00\x01')) b = 'espruino';
  }
  sel.pbkdf2[hash] = b;
  return b;
};

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
  const b = pbkdf2Backend(sel, hash);
  if (b === 'node') return sel.node!.pbkdf2(hash, p, s, iterations, length);
  if (b === 'espruino') {
    const r = espruinoPbkdf2(sel.esp!.native, hash, bytesToBinary(p), bytesToBinary(s), iterations, length);
    if (r) return r;
  }
  const pure = pureCrypto();
  return pure.pbkdf2(pure.hash(hash), p, s, iterations, length);
};

// ---------------------------------------------------------------- AES

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
export interface CryptoApi {
  hashSize: typeof hashSize;
  sha256: typeof sha256;
  sha384: typeof sha384;
  sha512: typeof sha512;
  hmac: typeof hmac;
  pbkdf2: typeof pbkdf2;
  aesCbcEncrypt: typeof aesCbcEncrypt;
  aesCbcDecrypt: typeof aesCbcDecrypt;
  aesEcbEncryptBlock: typeof aesEcbEncryptBlock;
  aesEcbDecryptBlock: typeof aesEcbDecryptBlock;
  aesKeyWrap: typeof aesKeyWrap;
  aesKeyUnwrap: typeof aesKeyUnwrap;
  randomBytes: typeof randomBytes;
  timingSafeEqual: typeof timingSafeEqual;
  backend: typeof backend;
  useBackend: typeof useBackend;
}

let api: CryptoApi | undefined;

/** The object behind `microjwt.crypto`, made on first access (the same object each time). */
export const cryptoApi = function (): CryptoApi {
  return api || (api = {
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
  });
};
