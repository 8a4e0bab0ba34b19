// @part session
/**
 * Encrypted MicroJWT tokens: a compact JWE, `dir` + `A256CBC-HS512`, whose
 * plaintext is the claims (so `jose.jwtDecrypt` reads one with the derived
 * key). Placeholder until the JWE layer is merged.
 */
import { NotSupportedError } from '../errors';
import { Claims } from '../jwt/claims';

export const encryptToken = function (claims: Claims, key: Uint8Array): string {
  throw new NotSupportedError('encrypted tokens need the JWE layer' + (claims && key ? '' : ''));
};

export const decryptToken = function (token: string, key: Uint8Array): { payload: Claims; typ: unknown } {
  throw new NotSupportedError('encrypted tokens need the JWE layer' + (token && key ? '' : ''));
};
