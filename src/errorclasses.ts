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

/**
 * The classes by name and, as `errors`, the object itself: the start of
 * every build's API object (its entry adds the rest with `Object.assign`), so
 * no function is kept in RAM just to copy them over.
 */
export const errorClasses = {
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
  RevokedTokenError: RevokedTokenError,
  InvalidKeyError: InvalidKeyError,
  DecryptionError: DecryptionError,
  ClockNotSetError: ClockNotSetError,
  NotSupportedError: NotSupportedError,
} as ErrorClasses & { errors: ErrorClasses };
errorClasses.errors = errorClasses;
