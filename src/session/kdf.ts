// @part session needs crypto
/**
 * The key of encrypted MicroJWT tokens (compact JWE, `dir` +
 * `A256CBC-HS512`): PBKDF2-HMAC-SHA256 of the secret key with a fixed,
 * documented salt, 64 bytes. Same secret, same key: on every instance,
 * after every reboot, and on a server, in one line of Node:
 *
 *   crypto.pbkdf2Sync(secret, 'MicroJWT A256CBC-HS512', 1000, 64, 'sha256')
 *
 * (The seed derived its keys with a random salt it threw away, so no other
 * instance, reboot or server could ever read its tokens.) Iterations default
 * to 1000, as the seed; both can be changed with the `kdf` option.
 */
import { pbkdf2 } from '../crypto/index';

export const deriveKey = function (secret: string | Uint8Array, kdf: { iterations?: number; salt?: string | Uint8Array } | undefined): Uint8Array {
  const k = kdf || {};
  return pbkdf2('SHA-256', secret, k.salt === undefined ? 'MicroJWT A256CBC-HS512' : k.salt, k.iterations === undefined ? 1000 : k.iterations, 64);
};
