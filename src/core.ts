/**
 * The core public API (JWS/JWT, claims, keys, codecs, crypto, errors), as one
 * plain object: the whole of the `core` build; src/index.ts adds the rest.
 *
 * Why an object and not ES module exports: the device module is one ES5
 * CommonJS file; bundlers turn `export` lists into getter-based namespace
 * objects, and this keeps the exported surface explicit and cheap. Device
 * code never uses `import * as` for the same reason.
 */
import { version } from './version';
import { errorClasses } from './errorclasses';
import { encode as b64uEncode, decode as b64uDecode } from './codec/base64url';
import { encode as utf8Encode, decode as utf8Decode } from './codec/utf8';
import { cryptoApi } from './crypto/index';
import type { CryptoApi } from './crypto/index';
import { sign, verify, decode, getUnverifiedHeader, jwsApi, importJWK, exportJWK, thumbprint, generateSecret, KeySet } from './jwt/index';

// The error classes first (src/errorclasses.ts: also microjwt.errors), then the rest.
const microjwt = Object.assign(errorClasses, {
  version: version,
  base64url: { encode: b64uEncode, decode: b64uDecode },
  utf8: { encode: utf8Encode, decode: utf8Decode },
  sign: sign,
  verify: verify,
  decode: decode,
  getUnverifiedHeader: getUnverifiedHeader,
  importJWK: importJWK,
  exportJWK: exportJWK,
  thumbprint: thumbprint,
  generateSecret: generateSecret,
  KeySet: KeySet,
});

// microjwt.jws and microjwt.crypto are made on first access: their
// functions are lazy parts (src/jws/api.ts, src/crypto/index.ts), so a
// script that never touches them pays one getter each instead of a stub per
// function. Enumerable, as plain members would be.
Object.defineProperties(microjwt, { jws: { get: jwsApi, enumerable: true }, crypto: { get: cryptoApi, enumerable: true } });

export default microjwt as typeof microjwt & { readonly crypto: CryptoApi; readonly jws: ReturnType<typeof jwsApi> };
