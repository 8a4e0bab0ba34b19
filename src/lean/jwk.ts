// @part jwk
/**
 * The core build's `thumbprint` and `generateSecret`: the full library's
 * JWK code (src/jwk/jwk.ts) over the native SHA-256 and the board's random
 * source. A lazy part with the other JWK functions: provisioning scripts
 * call them once, so until then a board holds a stub for each.
 */
import { encode as b64uEncode } from '../codec/base64url';
import { binaryToBytes } from '../codec/bytes';
import { thumbprintInput, secretSize } from '../jwk/jwk';
import type { OctJWK } from '../jwk/key';
import { nativeHash, digestOf, nativeRandomBytes } from './native';

/** As src/jwk/jwk.ts, over the native SHA-256. */
export const leanThumbprint = function (jwk: OctJWK, digestAlgorithm?: string): string {
  return b64uEncode(binaryToBytes(digestOf(nativeHash(32)(thumbprintInput(jwk, digestAlgorithm) as unknown as string), 32)));
};

/** As src/jwk/jwk.ts, over the board's hardware random source. */
export const leanGenerateSecret = function (alg?: string): Uint8Array {
  return nativeRandomBytes(secretSize(alg));
};
