// @part pure
/**
 * The pure hashes by JOSE name, and the HMAC closure the adapter hands out
 * when a hash has no native backend. Each hash is built on first use.
 */
import { binaryToBytes, bytesToBinary } from '../../codec/bytes';
import type { HashName } from '../types';
import type { PureHash } from './hash';
import { pureHmacKey } from './hmac';
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
