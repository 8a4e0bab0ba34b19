/**
 * The error classes as the public API lists them: `microjwt.X`, and the same
 * object again as `microjwt.errors` (no second table in RAM). Shared by every
 * build's entry (src/core.ts, src/lean/index.ts), so each build exports the
 * same classes under the same names.
 */
import { JWTError, InvalidTokenError, DecodeError, InvalidSignatureError, ExpiredSignatureError, ImmatureSignatureError, InvalidAudienceError, InvalidIssuerError, InvalidSubjectError, InvalidJTIError, InvalidIssuedAtError, MissingRequiredClaimError, InvalidAlgorithmError, RevokedTokenError, InvalidKeyError, DecryptionError, ClockNotSetError, NotSupportedError } from './errors';

/** The classes, by name. */
export interface ErrorClasses {
  JWTError: typeof JWTError;
  InvalidTokenError: typeof InvalidTokenError;
  DecodeError: typeof DecodeError;
  InvalidSignatureError: typeof InvalidSignatureError;
  ExpiredSignatureError: typeof ExpiredSignatureError;
  ImmatureSignatureError: typeof ImmatureSignatureError;
  InvalidAudienceError: typeof InvalidAudienceError;
  InvalidIssuerError: typeof InvalidIssuerError;
  InvalidSubjectError: typeof InvalidSubjectError;
  InvalidJTIError: typeof InvalidJTIError;
  InvalidIssuedAtError: typeof InvalidIssuedAtError;
  MissingRequiredClaimError: typeof MissingRequiredClaimError;
  InvalidAlgorithmError: typeof InvalidAlgorithmError;
  RevokedTokenError: typeof RevokedTokenError;
  InvalidKeyError: typeof InvalidKeyError;
  DecryptionError: typeof DecryptionError;
  ClockNotSetError: typeof ClockNotSetError;
  NotSupportedError: typeof NotSupportedError;
}

/** Add the error classes (and `errors`, the object itself) to a build's API object; returns it. */
export const withErrorClasses = function <T extends object>(api: T): T & ErrorClasses & { errors: ErrorClasses } {
  const o = api as T & ErrorClasses & { errors: ErrorClasses };
  o.JWTError = JWTError;
  o.InvalidTokenError = InvalidTokenError;
  o.DecodeError = DecodeError;
  o.InvalidSignatureError = InvalidSignatureError;
  o.ExpiredSignatureError = ExpiredSignatureError;
  o.ImmatureSignatureError = ImmatureSignatureError;
  o.InvalidAudienceError = InvalidAudienceError;
  o.InvalidIssuerError = InvalidIssuerError;
  o.InvalidSubjectError = InvalidSubjectError;
  o.InvalidJTIError = InvalidJTIError;
  o.InvalidIssuedAtError = InvalidIssuedAtError;
  o.MissingRequiredClaimError = MissingRequiredClaimError;
  o.InvalidAlgorithmError = InvalidAlgorithmError;
  o.RevokedTokenError = RevokedTokenError;
  o.InvalidKeyError = InvalidKeyError;
  o.DecryptionError = DecryptionError;
  o.ClockNotSetError = ClockNotSetError;
  o.NotSupportedError = NotSupportedError;
  o.errors = o;
  return o;
};
