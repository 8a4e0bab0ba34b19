// @part jwe needs crypto, sign
/**
 * Options of `encryptJWT` and `decryptJWT`: the claim options of `sign` and
 * `verify` (same names, same meaning) plus the JWE options of `encrypt` and
 * `decrypt`, and for nested tokens (RFC 7519 §5.2) the inner signature's
 * options: `sign: {key, algorithm, kid, header, minKeyLength}` when
 * encrypting, `verify: {key, algorithms, crit, minKeyLength}` when
 * decrypting.
 */
import { optionsError, checkOptionTable } from '../options';
import { checkJwsAlgorithms, JWSSignOptions, JWSVerifyOptions } from '../jws/options';
import { checkEncryptAlgorithms, checkDecryptAlgorithms, EncryptOptions, DecryptOptions } from '../jwe/options';
import { Clock } from '../clock';
import { Header } from '../jws/header';
import { Claims } from './claims';
import { RevocationCheck } from './options';

/** The inner JWS of a nested token being made: its key and `jws.sign`-style options. */
export interface NestedSignOptions extends JWSSignOptions {
  key: unknown;
}

/** The inner JWS of a nested token being read: its key and `jws.verify`-style options. */
export interface NestedVerifyOptions extends JWSVerifyOptions {
  key: unknown;
}

/** Options of `encryptJWT`. */
export interface EncryptJWTOptions extends EncryptOptions {
  /** The header `typ` (default "JWT"). */
  typ?: string;
  expiresIn?: number;
  notBefore?: number;
  issuer?: string;
  subject?: string;
  audience?: string | string[];
  jwtid?: string | true;
  noTimestamp?: boolean;
  clock?: Clock;
  currentTime?: number;
  minClock?: number;
  /** Sign the claims first (a nested JWT, `cty` "JWT"). */
  sign?: NestedSignOptions;
}

/** Options of `decryptJWT`. */
export interface DecryptJWTOptions extends DecryptOptions {
  audience?: string | string[];
  issuer?: string | string[];
  subject?: string;
  typ?: string;
  leeway?: number;
  maxAge?: number;
  requiredClaims?: string[];
  clock?: Clock;
  currentTime?: number;
  minClock?: number;
  validate?: (payload: Claims, header: Header) => void;
  complete?: boolean;
  /** The token must be a nested JWT whose inner signature verifies under this. */
  verify?: NestedVerifyOptions;
  /** A token whose `jti` the store holds is refused with `RevokedTokenError` (the claim checks' hook, as for `verify`). */
  revocationStore?: RevocationCheck;
}

/** `encryptJWT` options, checked (required: `alg` and `enc`; with `sign`, its `key`). */
export const checkEncryptJWTOptions = function (options: unknown): EncryptJWTOptions {
  if (options === undefined) optionsError('encryptJWT: options with "alg" and "enc" are required');
  const table =
    ' alg:S enc:S header:O kid:S typ:S p2c:I p2s:Y expiresIn:N notBefore:N issuer:S subject:S audience:U jwtid:J noTimestamp:B clock:F currentTime:N minClock:P sign:O';
  const opts = checkEncryptAlgorithms('encryptJWT', checkOptionTable<EncryptJWTOptions>('encryptJWT', options, table));
  if (opts.sign !== undefined) {
    const s = checkJwsAlgorithms('encryptJWT sign', checkOptionTable<NestedSignOptions>('encryptJWT sign', opts.sign, ' key:K algorithm:S kid:S header:O minKeyLength:I'), false);
    if (s.key === undefined) optionsError('encryptJWT: option "sign" needs the signing "key"');
  }
  return opts;
};

/** `decryptJWT` options, checked (required: both algorithm lists; with `verify`, its `key` and `algorithms`). */
export const checkDecryptJWTOptions = function (options: unknown): DecryptJWTOptions {
  if (options === undefined) optionsError('decryptJWT: options with "keyManagementAlgorithms" and "contentEncryptionAlgorithms" are required');
  const table =
    ' keyManagementAlgorithms:A contentEncryptionAlgorithms:A maxPBES2Count:I crit:A maxTokenLength:I audience:U issuer:U subject:S currentTime:N complete:B typ:S leeway:P maxAge:P clock:F minClock:P validate:F requiredClaims:A verify:O revocationStore:T';
  const opts = checkDecryptAlgorithms('decryptJWT', checkOptionTable<DecryptJWTOptions>('decryptJWT', options, table));
  if (opts.verify !== undefined) {
    const v = checkJwsAlgorithms('decryptJWT verify', checkOptionTable<NestedVerifyOptions>('decryptJWT verify', opts.verify, ' key:K algorithms:A crit:A minKeyLength:I'), true);
    if (v.key === undefined) optionsError('decryptJWT: option "verify" needs the verification "key"');
  }
  if (opts.revocationStore !== undefined && typeof opts.revocationStore.has !== 'function') optionsError('decryptJWT: option "revocationStore" must have a has(jti) method');
  return opts;
};
