// @part pure
/**
 * The pure hashes by JOSE name, and the HMAC closure the adapter hands out
 * when a hash has no native backend. Each hash is built on first use.
 */
import { binaryToBytes, bytesToBinary } from '../../codec/bytes';
import type { HashName } from '../types';
import type { PureHash } from './hash';
import { pureHmacKey } from './hmac';
import { purePbkdf2 } from './pbkdf2';
import { pureAes } from './aes';
import { pureSha256 } from './sha256';
import { pureSha512 } from './sha512';

export const pureHash = function (hash: HashName): PureHash {
  return hash === 'SHA-256' ? pureSha256() : pureSha512(hash === 'SHA-384');
};

/** HMAC under `key` as binary string in (all of it, or its first `length` chars), binary string out. */
export const pureMac = function (hash: HashName, key: Uint8Array): (binary: string, length?: number) => string {
  const h = pureHash(hash);
  const mac = pureHmacKey(h, key);
  return function (binary: string, length?: number): string {
    // A fresh output buffer each time: on Espruino the returned string shares its memory.
    return bytesToBinary(mac(binaryToBytes(length === undefined ? binary : binary.substr(0, length)), new Uint8Array(h.outLen)));
  };
};

/** What code outside the pure part uses of it. */
export interface PureCrypto {
  hash: typeof pureHash;
  mac: typeof pureMac;
  hmacKey: typeof pureHmacKey;
  pbkdf2: typeof purePbkdf2;
  aes: typeof pureAes;
}

/**
 * The pure part's one entry point: code outside the part reaches pure code
 * only through the object this returns, made when the part loads. Every
 * function that code outside a lazy part calls is a stub at load (5 JsVars
 * on the device), so a board that never runs pure code (an ESP32; a Pico
 * that only signs with SHA-256) keeps one stub for all of it, not five.
 */
export const pureCrypto = function (): PureCrypto {
  return PURE;
};
const PURE: PureCrypto = { hash: pureHash, mac: pureMac, hmacKey: pureHmacKey, pbkdf2: purePbkdf2, aes: pureAes };
