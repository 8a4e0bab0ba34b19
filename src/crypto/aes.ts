// @part crypto
/**
 * Raw AES over the selected backend (./adapter.ts), the block cipher that
 * AES-CBC, AES Key Wrap and GCM build on, and the check of an AES key. Part
 * of microjwt.crypto's lazy part: JWE loads it (that part needs crypto), a
 * board that only signs and verifies tokens never makes it.
 */
import { InvalidKeyError } from '../errors';
import { isBytes } from '../codec/bytes';
import { select } from './adapter';
import { pureCrypto } from './pure/index';

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
  const pure = pureCrypto().aes();
  return iv ? pure.cbc(key, iv, data, decrypt) : pure.ecb(key, decrypt, data);
};
