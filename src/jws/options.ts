/**
 * Options of the JWS functions and the check of algorithm names, on the
 * shared option checker (src/options.ts).
 */
import { NotSupportedError } from '../errors';
import { optionsError } from '../options';
import { hashOf } from './algorithms';

/** Options of `jws.verify`. */
export interface JWSVerifyOptions {
  /** The algorithms accepted (required): a token whose `alg` is not listed is refused. */
  algorithms: string[];
  /** Names of `crit` header extensions the caller understands. */
  crit?: string[];
  /** Longest token accepted, in chars (default 4096); checked before anything is decoded. */
  maxTokenLength?: number;
  /** Lowers (or raises) the minimum key length in bytes (default: the hash size). */
  minKeyLength?: number;
}

/** Options of `jws.sign`. */
export interface JWSSignOptions {
  algorithm?: string;
  header?: { [name: string]: unknown };
  kid?: string;
  minKeyLength?: number;
}

/** An algorithm name that microjwt supports; 'none' is an options error, other JWS names are not supported. */
export const checkAlgorithmName = function (fn: string, alg: unknown): string {
  if (typeof alg !== 'string' || alg === '') return optionsError(fn + ': an algorithm name must be a non-empty string');
  if (alg.toLowerCase() === 'none') return optionsError(fn + ': alg "none" (unsecured JWS) is never allowed');
  if (hashOf(alg) !== undefined) return alg;
  throw new NotSupportedError(fn + ': algorithm ' + JSON.stringify(alg) + ' is not supported (microjwt does HS256, HS384, HS512)');
};

/**
 * The JWS algorithm options of checked `options`: a verifier's non-empty
 * `algorithms` list (required), a signer's optional `algorithm`.
 */
export const checkJwsAlgorithms = function <T>(fn: string, options: T, verifying: boolean): T {
  const o = options as unknown as { algorithms?: unknown[]; algorithm?: unknown };
  // hashOf first: a supported name is all that passes checkAlgorithmName.
  if (verifying) {
    const algs = o.algorithms;
    if (algs === undefined || algs.length === 0) optionsError(fn + ': option "algorithms" is required (a non-empty array, e.g. ["HS256"])');
    for (let i = 0; i < (algs as unknown[]).length; i++) if (hashOf((algs as unknown[])[i]) === undefined) checkAlgorithmName(fn, (algs as unknown[])[i]);
  } else if (o.algorithm !== undefined && hashOf(o.algorithm) === undefined) {
    checkAlgorithmName(fn, o.algorithm);
  }
  return options;
};
