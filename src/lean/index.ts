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
import { errorClasses } from '../errorclasses';
import { encode as b64uEncode, decode as b64uDecode } from '../codec/base64url';
import { encode as utf8Encode, decode as utf8Decode } from '../codec/utf8';
import { verifyJwsWith } from '../jws/verify';
import { checkVerifyOptions, VerifyOptions } from '../jwt/options';
import { readClaims, Claims } from '../jwt/claims';
import { decode, getUnverifiedHeader } from '../jwt/decode';
import type { CompleteToken } from '../jwt/verify';
import { importJWK, exportJWK } from '../jwk/jwk';
import { nativeKeyMac } from './native';
import { leanSign } from './sign';
import { leanThumbprint, leanGenerateSecret } from './jwk';

// The error classes first (src/errorclasses.ts: also microjwt.errors), then the rest.
export default Object.assign(errorClasses, {
  version: version,
  base64url: { encode: b64uEncode, decode: b64uDecode },
  utf8: { encode: utf8Encode, decode: utf8Decode },
  sign: leanSign,
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
});
