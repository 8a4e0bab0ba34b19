/**
 * The public API, as one plain object.
 *
 * Why an object and not ES module exports: the device module is one ES5
 * CommonJS file; bundlers turn `export` lists into getter-based namespace
 * objects, and this keeps the exported surface explicit and cheap. Device
 * code never uses `import * as` for the same reason.
 */
import { version } from './version';
import { errors } from './errors';
import { encode as b64uEncode, decode as b64uDecode } from './codec/base64url';
import { encode as utf8Encode, decode as utf8Decode } from './codec/utf8';
import { cryptoApi } from './crypto/index';
import { sign, verify, decode, getUnverifiedHeader, jws, importJWK, exportJWK, thumbprint, generateSecret, KeySet } from './jwt/index';
import { MemoryRevocationStore } from './revocation/memory';
import { StorageRevocationStore } from './revocation/storage';
import { MicroJWT } from './session/microjwt';
import { Logger } from './session/logger';
import { introspect } from './session/introspect';
import { bearer, guard } from './session/http';

const microjwt = {
  version: version,
  base64url: { encode: b64uEncode, decode: b64uDecode },
  utf8: { encode: utf8Encode, decode: utf8Decode },
  crypto: cryptoApi,
  sign: sign,
  verify: verify,
  decode: decode,
  getUnverifiedHeader: getUnverifiedHeader,
  jws: jws,
  importJWK: importJWK,
  exportJWK: exportJWK,
  thumbprint: thumbprint,
  generateSecret: generateSecret,
  KeySet: KeySet,
  MicroJWT: MicroJWT,
  MemoryRevocationStore: MemoryRevocationStore,
  StorageRevocationStore: StorageRevocationStore,
  Logger: Logger,
  introspect: introspect,
  bearer: bearer,
  guard: guard,
  errors: errors,
  JWTError: errors.JWTError,
  InvalidTokenError: errors.InvalidTokenError,
  DecodeError: errors.DecodeError,
  InvalidSignatureError: errors.InvalidSignatureError,
  ExpiredSignatureError: errors.ExpiredSignatureError,
  ImmatureSignatureError: errors.ImmatureSignatureError,
  InvalidAudienceError: errors.InvalidAudienceError,
  InvalidIssuerError: errors.InvalidIssuerError,
  InvalidSubjectError: errors.InvalidSubjectError,
  InvalidJTIError: errors.InvalidJTIError,
  InvalidIssuedAtError: errors.InvalidIssuedAtError,
  MissingRequiredClaimError: errors.MissingRequiredClaimError,
  InvalidAlgorithmError: errors.InvalidAlgorithmError,
  RevokedTokenError: errors.RevokedTokenError,
  InvalidKeyError: errors.InvalidKeyError,
  DecryptionError: errors.DecryptionError,
  ClockNotSetError: errors.ClockNotSetError,
  NotSupportedError: errors.NotSupportedError,
};

export default microjwt;
