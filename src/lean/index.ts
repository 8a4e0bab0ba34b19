/**
 * The core build (dist/variants/core.min.js): JWS/JWT with HS256/384/512,
 * the registered claims, single keys (a string, bytes or an "oct" JWK) and
 * the JWK functions, the codecs and the error classes, for any board with a
 * native SHA-256 (every Espruino board but a Raspberry Pi Pico).
 *
 * It is the full library's own JWS and JWT code (the same checks, the same
 * errors: test/lean/ holds both to the same verdicts) over a native-only MAC
 * (./native.ts) instead of the crypto adapter. What it leaves out, so that
 * it fits beside a script in the 40-48 KB of Storage of a Puck.js or an
 * Espruino Pico: pure SHA-2 and AES, KeySet, `jws`, `microjwt.crypto`, JWE
 * and sessions (the board's own build has them).
 */
import { version } from '../version';
import { withErrorClasses } from '../errorclasses';
import { invalidArgument } from '../errors';
import { encode as b64uEncode, decode as b64uDecode } from '../codec/base64url';
import { encode as utf8Encode, decode as utf8Decode } from '../codec/utf8';
import { stringifyJson } from '../codec/json';
import { isPlainObject } from '../options';
import { singleSigningKey, signWith } from '../jws/sign';
import { verifyJwsWith } from '../jws/verify';
import { checkSignOptions, checkVerifyOptions, SignOptions, VerifyOptions } from '../jwt/options';
import { buildClaims } from '../jwt/claimset';
import { readClaims, Claims } from '../jwt/claims';
import { decode, getUnverifiedHeader } from '../jwt/decode';
import type { CompleteToken } from '../jwt/verify';
import { importJWK, exportJWK } from '../jwk/jwk';
import { nativeMac, nativeKeyMac, nativeRandomBytes } from './native';
import { leanThumbprint, leanGenerateSecret } from './jwk';

const microjwt = {
  version: version,
  base64url: { encode: b64uEncode, decode: b64uDecode },
  utf8: { encode: utf8Encode, decode: utf8Decode },
  /** As src/jwt/sign.ts, over the native MAC and random source. */
  sign: function (payload: Claims, key: unknown, options?: SignOptions): string {
    const opts: SignOptions = options === undefined ? {} : checkSignOptions(options);
    if (!isPlainObject(payload)) return invalidArgument('sign: the payload must be a plain object (a JWT claims set)');
    const sk = singleSigningKey(key, opts, nativeMac);
    return signWith('sign', sk, opts, stringifyJson(buildClaims('sign', payload, opts, nativeRandomBytes)));
  },
  /** As src/jwt/verify.ts, over the native MAC. */
  verify: function (token: string, key: unknown, options: VerifyOptions): Claims | CompleteToken {
    const opts = checkVerifyOptions(options);
    const v = verifyJwsWith(token, key, opts, nativeKeyMac);
    const r = readClaims(v.payloadBinary, v.info, opts);
    if (opts.complete) (r as CompleteToken).signature = v.signature;
    return r as Claims | CompleteToken;
  },
  decode: decode,
  getUnverifiedHeader: getUnverifiedHeader,
  importJWK: importJWK,
  exportJWK: exportJWK,
  thumbprint: leanThumbprint,
  generateSecret: leanGenerateSecret,
};

export default withErrorClasses(microjwt);
