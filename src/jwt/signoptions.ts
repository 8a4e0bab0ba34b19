// @part sign
/**
 * The check of `sign`'s options, on the shared option checker
 * (src/options.ts); `SignOptions` is in ./options.ts with `verify`'s. Part
 * of the sign lazy part: a board that only verifies never makes it.
 */
import { checkOptionTable } from '../options';
import { checkJwsAlgorithms } from '../jws/options';
import type { SignOptions } from './options';

/** `sign` options, checked. Absent options are the caller's (`{}`): the interpreter would lex all of this to return it. */
export const checkSignOptions = function (options: unknown): SignOptions {
  const table =
    ' algorithm:S header:O kid:S typ:S expiresIn:N notBefore:N issuer:S subject:S audience:U jwtid:J noTimestamp:B clock:F currentTime:N minClock:P minKeyLength:I';
  return checkJwsAlgorithms('sign', checkOptionTable<SignOptions>('sign', options, table), false);
};
