/**
 * Options of `sign` and `verify`, on the shared option checker
 * (src/options.ts): the tables of what each takes, and their algorithm
 * options checked as for JWS.
 */
import { checkOptionTable, optionsError } from '../options';
import { checkJwsAlgorithms, JWSSignOptions, JWSVerifyOptions } from '../jws/options';
import { Clock } from '../clock';
import { Header } from '../jws/header';

/**
 * What claim checks need of a revocation store (src/revocation/ has the
 * stores): whether it holds a token id.
 */
export interface RevocationCheck {
  has(jti: string): boolean;
}

/** Options of `verify`. */
export interface VerifyOptions extends JWSVerifyOptions {
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
  validate?: (payload: { [claim: string]: unknown }, header: Header) => void;
  complete?: boolean;
  /** A token whose `jti` the store holds is refused with `RevokedTokenError`. */
  revocationStore?: RevocationCheck;
}

/** Options of `sign`. */
export interface SignOptions extends JWSSignOptions {
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
}

/** `verify` options, checked (required, with `algorithms`). */
export const checkVerifyOptions = function (options: unknown): VerifyOptions {
  if (options === undefined) optionsError('verify: options with "algorithms" are required');
  const table =
    ' algorithms:A audience:U issuer:U subject:S currentTime:N complete:B typ:S leeway:P maxAge:P clock:F minClock:P validate:F requiredClaims:A crit:A maxTokenLength:I minKeyLength:I revocationStore:T';
  const opts = checkJwsAlgorithms('verify', checkOptionTable<VerifyOptions>('verify', options, table), true);
  if (opts.revocationStore !== undefined && typeof opts.revocationStore.has !== 'function') optionsError('verify: option "revocationStore" must have a has(jti) method');
  return opts;
};
