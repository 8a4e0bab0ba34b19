// @part session needs crypto
/**
 * Encrypted MicroJWT tokens: a compact JWE, `dir` + `A256CBC-HS512`, whose
 * plaintext is the claims JSON (an encrypted JWT, RFC 7519 §7.1), under the
 * key of src/session/kdf.ts: `jose.jwtDecrypt(token, key)` reads one, and
 * `decryptJWT` with the same key and algorithms too. The seed's "AES-256-CBC"
 * had a fixed key no one else could derive, zero padding and no integrity
 * check; this is authenticated encryption (AES-256-CBC + HMAC-SHA-512).
 *
 * Only the JWE layer's public functions are used: each is already a stub at
 * load, so this costs no extra RAM before first use.
 */
import { bytesToBinary } from '../codec/bytes';
import { parseObject } from '../jws/header';
import { encryptJWT } from '../jwt/encrypt';
import { decrypt } from '../jwe/decrypt';
import { Claims } from '../jwt/claims';

export const encryptToken = function (claims: Claims, key: Uint8Array, typ: string): string {
  return encryptJWT(claims, key, { alg: 'dir', enc: 'A256CBC-HS512', typ: typ, noTimestamp: true });
};

/** The claims (not checked yet) and header `typ` of an encrypted token; DecryptionError and friends otherwise. */
export const decryptToken = function (token: string, key: Uint8Array, maxTokenLength: number): { payload: Claims; typ: unknown } {
  const d = decrypt(token, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256CBC-HS512'], maxTokenLength: maxTokenLength });
  return { payload: parseObject(bytesToBinary(d.plaintext), 'JWT payload'), typ: d.header.typ };
};
