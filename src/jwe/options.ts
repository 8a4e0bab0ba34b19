// @part jwe needs crypto, sign
/**
 * Options of `encrypt` and `decrypt`, on the shared option checker
 * (src/options.ts), and the check of JWE algorithm names.
 *
 * Decryption requires both algorithm lists, as `verify` requires
 * `algorithms`: a token chooses its own `alg`/`enc`, and only the caller may
 * decide which are acceptable (PBES2 in particular makes the receiver run
 * PBKDF2, so it is accepted only where the caller lists it).
 */
import { NotSupportedError } from '../errors';
import { checkOptionTable, optionsError } from '../options';
import { Header } from '../jws/header';
import { cekBytes } from './content';
import { kekBytes } from './keymanagement';

/** Options of `encrypt`. */
export interface EncryptOptions {
  /** Key management algorithm (required): dir, AxxxKW, AxxxGCMKW, PBES2-HSxxx+AyyyKW. */
  alg: string;
  /** Content encryption algorithm (required): AxxxCBC-HSyyy, AxxxGCM. */
  enc: string;
  /** Extra protected header members. */
  header?: Header;
  kid?: string;
  /** Content type of the plaintext (the `cty` header). */
  cty?: string;
  /** PBES2 iteration count (default 2048). */
  p2c?: number;
  /** PBES2 salt input, at least 8 bytes (default 16 random bytes). */
  p2s?: Uint8Array;
}

/** Options of `decrypt`. */
export interface DecryptOptions {
  /** Accepted `alg` values (required, non-empty). */
  keyManagementAlgorithms: string[];
  /** Accepted `enc` values (required, non-empty). */
  contentEncryptionAlgorithms: string[];
  /** Highest PBES2 `p2c` accepted (default 10,000): each iteration costs the receiver work. */
  maxPBES2Count?: number;
  /** Names of `crit` header extensions the caller understands. */
  crit?: string[];
  /** Longest token accepted, in chars (default 4096); checked before anything is decoded. */
  maxTokenLength?: number;
}

/**
 * Check one JWE algorithm name: a supported `enc` (`isEnc`) or `alg`.
 * "none" and empty names are options errors; other names NotSupportedError.
 */
export const checkJweAlgorithm = function (fn: string, name: unknown, isEnc: boolean): void {
  if (isEnc ? cekBytes(name) > 0 : kekBytes(name) >= 0) return;
  if (typeof name !== 'string' || name === '' || name.toLowerCase() === 'none') optionsError(fn + ': an algorithm name must be a non-empty string other than "none"');
  throw new NotSupportedError(
    fn + ': ' + (isEnc ? 'enc ' : 'alg ') + JSON.stringify(name) + ' is not supported (microjwt does ' +
      (isEnc ? 'A128CBC-HS256, A192CBC-HS384, A256CBC-HS512, A128GCM, A192GCM, A256GCM)' : 'dir, A128KW, A192KW, A256KW, A128GCMKW, A192GCMKW, A256GCMKW, PBES2-HS256+A128KW, PBES2-HS384+A192KW, PBES2-HS512+A256KW)')
  );
};

/**
 * The JWE options of `encrypt`/`encryptJWT` (already checked against the
 * table): `alg` and `enc` required and supported, PBES2 parameters only with
 * PBES2 and a salt input of at least 8 bytes.
 */
export const checkEncryptAlgorithms = function <T>(fn: string, options: T): T {
  const o = options as unknown as EncryptOptions;
  if (o.alg === undefined || o.enc === undefined) optionsError(fn + ': options "alg" and "enc" are required (e.g. {alg: "dir", enc: "A256GCM"})');
  if (kekBytes(o.alg) < 0) checkJweAlgorithm(fn, o.alg, false);
  if (cekBytes(o.enc) === 0) checkJweAlgorithm(fn, o.enc, true);
  if (o.alg.charAt(0) !== 'P' && (o.p2c !== undefined || o.p2s !== undefined)) optionsError(fn + ': options "p2c" and "p2s" only apply to PBES2 algorithms');
  if (o.p2s !== undefined && o.p2s.length < 8) optionsError(fn + ': option "p2s" must be at least 8 bytes');
  return options;
};

/** The JWE options of `decrypt`/`decryptJWT` (already checked against the table): both algorithm lists required, non-empty, supported. */
export const checkDecryptAlgorithms = function <T>(fn: string, options: T): T {
  const o = options as unknown as DecryptOptions;
  const km = o.keyManagementAlgorithms;
  const ce = o.contentEncryptionAlgorithms;
  if (km === undefined || ce === undefined || km.length === 0 || ce.length === 0) {
    optionsError(fn + ': options "keyManagementAlgorithms" and "contentEncryptionAlgorithms" are required (non-empty arrays, e.g. ["dir"] and ["A256GCM"])');
  }
  // checkJweAlgorithm (with its messages) only for a name that fails: the interpreter lexes all of a function it calls.
  for (let i = 0; i < km.length; i++) if (kekBytes(km[i]) < 0) checkJweAlgorithm(fn, km[i], false);
  for (let i = 0; i < ce.length; i++) if (cekBytes(ce[i]) === 0) checkJweAlgorithm(fn, ce[i], true);
  return options;
};

/** `encrypt` options, checked (required: `alg` and `enc`). */
export const checkEncryptOptions = function (options: unknown): EncryptOptions {
  if (options === undefined) optionsError('encrypt: options with "alg" and "enc" are required');
  return checkEncryptAlgorithms('encrypt', checkOptionTable<EncryptOptions>('encrypt', options, ' alg:S enc:S header:O kid:S cty:S p2c:I p2s:Y'));
};

/** `decrypt` options, checked (required: both algorithm lists). */
export const checkDecryptOptions = function (options: unknown): DecryptOptions {
  if (options === undefined) optionsError('decrypt: options with "keyManagementAlgorithms" and "contentEncryptionAlgorithms" are required');
  return checkDecryptAlgorithms('decrypt', checkOptionTable<DecryptOptions>('decrypt', options, ' keyManagementAlgorithms:A contentEncryptionAlgorithms:A maxPBES2Count:I crit:A maxTokenLength:I'));
};
