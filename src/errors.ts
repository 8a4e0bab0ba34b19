/**
 * The error module: every error microjwt throws is made here.
 *
 * Why not `class X extends Error`: on Espruino `extends` fails at load ("Can't
 * extend undefined") and `Error.call(this, m)` returns a fresh object on both
 * engines, which breaks `instanceof`. The pattern below (constructor function
 * expressions that set `message` themselves, prototypes chained with
 * `Object.create`, `name` on the prototype, one `toString`) gives working
 * `instanceof`, `.name`, `.code` and `String(err)` on Espruino and on Node.
 */

/** Shape shared by every microjwt error. */
export interface JWTError extends Error {
  /** Stable machine-readable code, e.g. `ERR_JWT_EXPIRED`. */
  code: string;
  /** The claim at fault, for claim-related errors. */
  claim?: string;
}

/** A constructor of a microjwt error class (usable with `new` and `instanceof`). */
export interface JWTErrorClass<T extends JWTError = JWTError> {
  new (message: string, code?: string, claim?: string): T;
  prototype: T;
}

declare const Error: ErrorConstructor & {
  captureStackTrace?: (target: object, ctor: unknown) => void;
};

/** Reached only through the constructors below, so `this` is always fresh. */
const initError = function (self: JWTError, message: string, code: string | undefined, claim: string | undefined): void {
  self.message = message;
  self.code = code || (self as unknown as { defaultCode: string }).defaultCode;
  if (claim !== undefined) self.claim = claim;
  // Node only: a stack trace that starts at the throw site. Espruino has none.
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(self, self.constructor);
};

const JWTErrorBase = function JWTError(this: JWTError, message: string, code?: string, claim?: string) {
  initError(this, message, code, claim);
} as unknown as JWTErrorClass;
JWTErrorBase.prototype = Object.create(Error.prototype);
JWTErrorBase.prototype.constructor = JWTErrorBase;
JWTErrorBase.prototype.name = 'JWTError';
(JWTErrorBase.prototype as unknown as { defaultCode: string }).defaultCode = 'ERR_JWT';
// Espruino's Error.prototype.toString ignores `name`; Node's does not. One
// override makes `String(err)` read the same everywhere.
JWTErrorBase.prototype.toString = function (this: JWTError) {
  return this.name + ': ' + this.message;
};

/** Make a subclass of `parent` whose instances carry `defaultCode` unless told otherwise. */
const subclass = function <T extends JWTError>(name: string, parent: JWTErrorClass, defaultCode: string): JWTErrorClass<T> {
  const ctor = function (this: JWTError, message: string, code?: string, claim?: string) {
    initError(this, message, code, claim);
  } as unknown as JWTErrorClass<T>;
  ctor.prototype = Object.create(parent.prototype);
  ctor.prototype.constructor = ctor;
  ctor.prototype.name = name;
  (ctor.prototype as unknown as { defaultCode: string }).defaultCode = defaultCode;
  return ctor;
};

export const JWTError = JWTErrorBase;
/** The token is unusable: malformed, badly signed, or its claims fail a check. */
export const InvalidTokenError = subclass('InvalidTokenError', JWTError, 'ERR_JWT_INVALID');
/** The token (or a value inside it) cannot be decoded: base64url, UTF-8, JSON or structure. */
export const DecodeError = subclass('DecodeError', InvalidTokenError, 'ERR_JWT_MALFORMED');
/** The signature does not match. */
export const InvalidSignatureError = subclass('InvalidSignatureError', DecodeError, 'ERR_JWS_SIGNATURE');
export const ExpiredSignatureError = subclass('ExpiredSignatureError', InvalidTokenError, 'ERR_JWT_EXPIRED');
export const ImmatureSignatureError = subclass('ImmatureSignatureError', InvalidTokenError, 'ERR_JWT_IMMATURE');
export const InvalidAudienceError = subclass('InvalidAudienceError', InvalidTokenError, 'ERR_JWT_AUDIENCE');
export const InvalidIssuerError = subclass('InvalidIssuerError', InvalidTokenError, 'ERR_JWT_ISSUER');
export const InvalidSubjectError = subclass('InvalidSubjectError', InvalidTokenError, 'ERR_JWT_SUBJECT');
export const InvalidJTIError = subclass('InvalidJTIError', InvalidTokenError, 'ERR_JWT_JTI');
export const InvalidIssuedAtError = subclass('InvalidIssuedAtError', InvalidTokenError, 'ERR_JWT_IAT');
export const MissingRequiredClaimError = subclass('MissingRequiredClaimError', InvalidTokenError, 'ERR_JWT_CLAIM_MISSING');
export const InvalidAlgorithmError = subclass('InvalidAlgorithmError', InvalidTokenError, 'ERR_JWS_ALGORITHM');
/** A key is unusable: wrong type, too short, or no single key fits the token. */
export const InvalidKeyError = subclass('InvalidKeyError', JWTError, 'ERR_KEY_TYPE');
/** Decryption failed. Deliberately one error (and one code) however it failed. */
export const DecryptionError = subclass('DecryptionError', JWTError, 'ERR_JWE_DECRYPTION');
/** The clock reads before `minClock`: a device that booted without its time set. */
export const ClockNotSetError = subclass('ClockNotSetError', JWTError, 'ERR_CLOCK_NOT_SET');
/** A feature, algorithm or primitive that this build or board does not offer. */
export const NotSupportedError = subclass('NotSupportedError', JWTError, 'ERR_NOT_SUPPORTED');

/** Throw a `JWTError` for a bad argument (wrong type or value) given by the caller. */
export const invalidArgument = function (message: string): never {
  throw new JWTError(message, 'ERR_INVALID_ARGUMENT');
};

/** Everything above, as one object (exported as `microjwt.errors`). */
export const errors = {
  JWTError: JWTError,
  InvalidTokenError: InvalidTokenError,
  DecodeError: DecodeError,
  InvalidSignatureError: InvalidSignatureError,
  ExpiredSignatureError: ExpiredSignatureError,
  ImmatureSignatureError: ImmatureSignatureError,
  InvalidAudienceError: InvalidAudienceError,
  InvalidIssuerError: InvalidIssuerError,
  InvalidSubjectError: InvalidSubjectError,
  InvalidJTIError: InvalidJTIError,
  InvalidIssuedAtError: InvalidIssuedAtError,
  MissingRequiredClaimError: MissingRequiredClaimError,
  InvalidAlgorithmError: InvalidAlgorithmError,
  InvalidKeyError: InvalidKeyError,
  DecryptionError: DecryptionError,
  ClockNotSetError: ClockNotSetError,
  NotSupportedError: NotSupportedError,
};
