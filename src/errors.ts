// @part errors
/**
 * The error module: every error microjwt throws is made here.
 *
 * Why not `class X extends Error`: on Espruino `extends` fails at load ("Can't
 * extend undefined") and `Error.call(this, m)` returns a fresh object on both
 * engines, which breaks `instanceof`. The pattern below (constructor function
 * expressions that set `message` themselves, prototypes chained with
 * `Object.create`, one `toString`) gives working `instanceof`, `.name`,
 * `.code` and `String(err)` on Espruino and on Node.
 *
 * Why names and codes live in `describe` and not on the prototypes: on the
 * device, code stays in flash until it runs, while every value made at load
 * (a string, a property) costs RAM on every board. Measured on the 5,100-var
 * board build, a name and a code string on each of 17 prototypes (made by a
 * factory) cost 637 JsVars; a plain constructor without named parameters and
 * a prototype per class, with the strings inside one function body, far less.
 *
 * Why a lazy part (`// @part errors`, see src/host/lazyparts.mjs): until
 * something throws, a board keeps only one small stub per class (measured on
 * the Pico-like build: 1,672 -> 1,496 JsVars after `require`). So each class
 * is a plain function expression (what a stub can stand for), linked by an
 * `inherit` statement. Through the public API, `instanceof` works as usual;
 * `err.constructor` is the loaded class, not the API's stub.
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

/** Link `ctor` under `parent` (or Error); the constructor property keeps `err.constructor` right. */
const inherit = function (ctor: unknown, parent: { prototype: object }): JWTErrorClass {
  const c = ctor as JWTErrorClass;
  c.prototype = Object.create(parent.prototype);
  c.prototype.constructor = c;
  return c;
};

/**
 * One constructor body for every class, given the constructor's `arguments`
 * (message, code?, claim?): a function with no named parameters costs about
 * half the RAM on the device. `this.constructor` tells which class it is.
 */
const init = function (self: JWTError, args: IArguments): void {
  const message: string = args[0];
  const code: string | undefined = args[1];
  const claim: string | undefined = args[2];
  const info = describe(self.constructor);
  self.name = info[0];
  self.message = message;
  self.code = code || info[1];
  if (claim !== undefined) self.claim = claim;
  // Node only: a stack trace that starts at the throw site. Espruino has none.
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(self, self.constructor);
};

export const JWTError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(JWTError, Error);
// Espruino's Error.prototype.toString ignores `name`; Node's does not. One
// override makes `String(err)` read the same everywhere.
JWTError.prototype.toString = function (this: JWTError) {
  return this.name + ': ' + this.message;
};

/** The token is unusable: malformed, badly signed, or its claims fail a check. */
export const InvalidTokenError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidTokenError, JWTError);
/** The token (or a value inside it) cannot be decoded: base64url, UTF-8, JSON or structure. */
export const DecodeError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(DecodeError, InvalidTokenError);
/** The signature does not match. */
export const InvalidSignatureError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidSignatureError, DecodeError);
export const ExpiredSignatureError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(ExpiredSignatureError, InvalidTokenError);
export const ImmatureSignatureError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(ImmatureSignatureError, InvalidTokenError);
export const InvalidAudienceError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidAudienceError, InvalidTokenError);
export const InvalidIssuerError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidIssuerError, InvalidTokenError);
export const InvalidSubjectError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidSubjectError, InvalidTokenError);
export const InvalidJTIError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidJTIError, InvalidTokenError);
export const InvalidIssuedAtError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidIssuedAtError, InvalidTokenError);
export const MissingRequiredClaimError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(MissingRequiredClaimError, InvalidTokenError);
export const InvalidAlgorithmError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidAlgorithmError, InvalidTokenError);
/** The token was revoked (its `jti`, or its refresh family): code ERR_TOKEN_REVOKED, or ERR_REFRESH_REUSED for a rotated refresh token presented again. */
export const RevokedTokenError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(RevokedTokenError, InvalidTokenError);
/** A key is unusable: wrong type, too short, or no single key fits the token. */
export const InvalidKeyError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(InvalidKeyError, JWTError);
/** Decryption failed. Deliberately one error (and one code) however it failed. */
export const DecryptionError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(DecryptionError, JWTError);
/** The clock reads before `minClock`: a device that booted without its time set. */
export const ClockNotSetError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(ClockNotSetError, JWTError);
/** A feature, algorithm or primitive that this build or board does not offer. */
export const NotSupportedError = function (this: JWTError) {
  init(this, arguments);
} as unknown as JWTErrorClass;
inherit(NotSupportedError, JWTError);

/** [name, default code] of an error class. Strings in a function body stay in flash on the device. */
const describe = function (ctor: unknown): string[] {
  if (ctor === InvalidTokenError) return ['InvalidTokenError', 'ERR_JWT_INVALID'];
  if (ctor === DecodeError) return ['DecodeError', 'ERR_JWT_MALFORMED'];
  if (ctor === InvalidSignatureError) return ['InvalidSignatureError', 'ERR_JWS_SIGNATURE'];
  if (ctor === ExpiredSignatureError) return ['ExpiredSignatureError', 'ERR_JWT_EXPIRED'];
  if (ctor === ImmatureSignatureError) return ['ImmatureSignatureError', 'ERR_JWT_IMMATURE'];
  if (ctor === InvalidAudienceError) return ['InvalidAudienceError', 'ERR_JWT_AUDIENCE'];
  if (ctor === InvalidIssuerError) return ['InvalidIssuerError', 'ERR_JWT_ISSUER'];
  if (ctor === InvalidSubjectError) return ['InvalidSubjectError', 'ERR_JWT_SUBJECT'];
  if (ctor === InvalidJTIError) return ['InvalidJTIError', 'ERR_JWT_JTI'];
  if (ctor === InvalidIssuedAtError) return ['InvalidIssuedAtError', 'ERR_JWT_IAT'];
  if (ctor === MissingRequiredClaimError) return ['MissingRequiredClaimError', 'ERR_JWT_CLAIM_MISSING'];
  if (ctor === InvalidAlgorithmError) return ['InvalidAlgorithmError', 'ERR_JWS_ALGORITHM'];
  if (ctor === RevokedTokenError) return ['RevokedTokenError', 'ERR_TOKEN_REVOKED'];
  if (ctor === InvalidKeyError) return ['InvalidKeyError', 'ERR_KEY_TYPE'];
  if (ctor === DecryptionError) return ['DecryptionError', 'ERR_JWE_DECRYPTION'];
  if (ctor === ClockNotSetError) return ['ClockNotSetError', 'ERR_CLOCK_NOT_SET'];
  if (ctor === NotSupportedError) return ['NotSupportedError', 'ERR_NOT_SUPPORTED'];
  return ['JWTError', 'ERR_JWT'];
};

/** Throw a `JWTError` for a bad argument (wrong type or value) given by the caller. */
export const invalidArgument = function (message: string): never {
  throw new JWTError(message, 'ERR_INVALID_ARGUMENT');
};

