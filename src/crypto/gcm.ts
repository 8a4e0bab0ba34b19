// @part jwe needs crypto, sign
/**
 * AES-GCM (NIST SP 800-38D) for JWE: A128GCM/A192GCM/A256GCM content
 * encryption and A*GCMKW key wrapping. 16-byte tags only (JOSE's); any IV of
 * at least one byte (JOSE uses 96 bits; other lengths derive J0 by GHASH, as
 * the specification says and node:crypto does).
 *
 * Backends, through the adapter's selection (src/crypto/index.ts): node:crypto's
 * aes-*-gcm on Node; elsewhere GCM in TypeScript (./pure/gcm.ts) over the
 * selected AES block cipher: the board's native AES in ECB mode where it has
 * one (Espruino's own AES has no GCM: it throws "Unknown Crypto mode"), the
 * pure AES otherwise (Raspberry Pi Pico, or `useBackend('pure')`).
 *
 * Not in the public `cryptoApi`: this file and ./pure/gcm.ts belong to a lazily
 * loaded part (JWE), so GCM costs no RAM on the device until first used. Top
 * level: function declarations only.
 */
import { DecryptionError, invalidArgument } from '../errors';
import { isBytes } from '../codec/bytes';
import { timingSafeEqualBytes } from './timingsafeequal';
import { select } from './adapter';
import { checkAesKey, rawAes } from './aes';
import { gcmCtr, ghash } from './pure/gcm';

interface NodeGcmCipher {
  setAAD(aad: Uint8Array): unknown;
  setAuthTag(tag: Uint8Array): unknown;
  getAuthTag(): Uint8Array;
  update(data: Uint8Array): Uint8Array;
  final(): Uint8Array;
}
interface NodeGcmCrypto {
  createCipheriv(name: string, key: Uint8Array, iv: Uint8Array, options: { authTagLength: number }): NodeGcmCipher;
  createDecipheriv(name: string, key: Uint8Array, iv: Uint8Array, options: { authTagLength: number }): NodeGcmCipher;
}

/**
 * Checks the arguments and runs GCM on the selected backend: [output, tag];
 * when decrypting (`tag` given), null unless the tag verifies. One function
 * for both directions and backends: each function object of a part costs
 * RAM on the device while the part is loaded.
 */
const gcmRun = function (key: Uint8Array, iv: Uint8Array, input: Uint8Array, what: string, aad: Uint8Array, tag: Uint8Array | null): Uint8Array[] | null {
  checkAesKey(key);
  if (!isBytes(iv) || iv.length === 0) invalidArgument('iv must be a non-empty Uint8Array');
  if (!isBytes(input)) invalidArgument(what + ' must be a Uint8Array');
  if (!isBytes(aad)) invalidArgument('aad must be a Uint8Array');
  if (select().aes === 'node') {
    // The node backend is selected, so this is Node and hostRequire exists.
    const c = hostRequire!('crypto') as NodeGcmCrypto;
    const name = 'aes-' + key.length * 8 + '-gcm';
    const g = tag ? c.createDecipheriv(name, key, iv, { authTagLength: 16 }) : c.createCipheriv(name, key, iv, { authTagLength: 16 });
    if (tag) g.setAuthTag(tag);
    g.setAAD(aad);
    const x = g.update(input);
    let y: Uint8Array;
    try {
      // Decryption: final() is where the tag is checked; `x` is dropped on failure.
      y = g.final();
    } catch (e) {
      return null;
    }
    // Plain Uint8Array copies, as from the other backends.
    const out = new Uint8Array(x.length + y.length);
    out.set(x, 0);
    out.set(y, x.length);
    const t = new Uint8Array(16);
    if (!tag) t.set(g.getAuthTag());
    return [out, t];
  }
  // J0: IV || 0^31 || 1 for a 96-bit IV; for other lengths GHASH(IV), as the specification says.
  let j0: Uint8Array;
  if (iv.length === 12) {
    j0 = new Uint8Array(16);
    j0.set(iv);
    j0[15] = 1;
  } else {
    j0 = ghash(rawAes(false, key, null, new Uint8Array(16)), new Uint8Array(0), iv, null, 0);
  }
  const r = gcmCtr(rawAes, key, j0, input);
  // The tag is over the ciphertext: the input when decrypting. r[1] is E(0) || E(J0).
  r[1] = ghash(r[1], aad, tag ? input : r[0], r[1], 16);
  // The whole tag is compared (constant time) before any plaintext leaves.
  return tag && !timingSafeEqualBytes(r[1], tag) ? null : r;
};

/** AES-GCM encryption: the ciphertext (as long as the plaintext) and the 16-byte tag. */
export const aesGcmEncrypt = function (key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array } {
  const r = gcmRun(key, iv, plaintext, 'plaintext', aad, null)!;
  return { ciphertext: r[0], tag: r[1] };
};

/**
 * AES-GCM decryption: the plaintext, or DecryptionError (the crypto layer's
 * one decryption failure) when the tag is not 16 bytes or does not verify.
 */
export const aesGcmDecrypt = function (key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Uint8Array {
  if (!isBytes(tag)) {
    checkAesKey(key);
    invalidArgument('tag must be a Uint8Array');
  }
  const r = tag.length === 16 ? gcmRun(key, iv, ciphertext, 'ciphertext', aad, tag) : (gcmRun(key, iv, ciphertext, 'ciphertext', aad, null), null);
  if (!r) throw new DecryptionError('decryption failed');
  return r[0];
};
