/**
 * The MACs behind HS256/384/512 in the full library: the crypto adapter's
 * (the board's native hash where it has one, pure code otherwise), and the
 * key a verify takes (a single key or a KeySet's, chosen by `alg` and `kid`).
 *
 * The JWS signing and verifying code takes these as arguments (`MacOf`,
 * `KeyMac`) instead of importing the adapter, so that the core build can
 * hand it a native-only MAC (src/lean/native.ts) and leave out the adapter,
 * its backends, the pure SHA-2 and KeySet: ~20 KB of a board's Storage.
 */
import { macFor } from '../crypto/adapter';
import type { HashName, MacFn, MacOf } from '../crypto/types';
import { hashOf } from './algorithms';
import { checkedKeyBinary, checkKeyLength } from '../jwk/key';
import { KeySet } from '../jwk/keyset';

/** The MAC a verify checks a token with: from `key` (for `alg`, `kid`), its length checked. */
export type KeyMac = (key: unknown, alg: string, kid: string | undefined, minKeyLength: number | undefined) => MacFn;

/** The adapter's MAC for a JWS algorithm under a key's bytes. */
export const adapterMac: MacOf = function (alg, keyBinary) {
  return macFor(hashOf(alg) as HashName, keyBinary);
};

/** The verify key of the full library: a KeySet's key for `alg`/`kid`, or a single key; adapter MAC. */
export const adapterKeyMac: KeyMac = function (key, alg, kid, minKeyLength) {
  if (!(key instanceof KeySet)) return adapterMac(alg, checkedKeyBinary(key, alg, 'verify', minKeyLength));
  const binary = key._select(alg, kid, 'verify').binary;
  checkKeyLength(binary, alg, minKeyLength);
  return adapterMac(alg, binary);
};
