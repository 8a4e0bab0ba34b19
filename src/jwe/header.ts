// @part jwe needs crypto, sign
/**
 * The JWE protected header (RFC 7516 §4): reading an incoming one, building
 * an outgoing one.
 *
 * Incoming headers are attacker-chosen and read before anything is
 * authenticated, so they get the JWS treatment (src/jws/header.ts): strict
 * base64url, strict JSON object (unique member names, no `__proto__`),
 * `crit` checked against what the caller understands. `alg` and `enc` must
 * be in the caller's lists; `zip` is refused (no decompression on a board,
 * and compression before encryption leaks plaintext through length).
 */
import { DecodeError, InvalidAlgorithmError, InvalidTokenError, NotSupportedError } from '../errors';
import { decodeBinary } from '../codec/base64url';
import { optionsError } from '../options';
import { checkCrit, parseObject, Header, HeaderInfo } from '../jws/header';

/** What reading a header needs from the (checked) decrypt options. */
export interface HeaderPolicy {
  keyManagementAlgorithms: string[];
  contentEncryptionAlgorithms: string[];
  crit?: string[];
}

/**
 * Decode and check the protected header segment: `{binary, header}`, with
 * `header.alg` and `header.enc` strings from the caller's lists. The common
 * header (nothing unusual, both names listed) passes through this short
 * function; anything else goes to `checkHeader`, which says what is wrong
 * (the interpreter lexes all of a function it runs, messages included).
 */
export const readJweHeader = function (segment: string, policy: HeaderPolicy): HeaderInfo {
  const binary = decodeBinary(segment);
  const header = parseObject(binary, 'JWE protected header');
  const has = Object.prototype.hasOwnProperty;
  const alg = has.call(header, 'alg') ? header.alg : undefined;
  const enc = has.call(header, 'enc') ? header.enc : undefined;
  let ok = typeof alg === 'string' && typeof enc === 'string' && !has.call(header, 'zip') && !has.call(header, 'crit') && !has.call(header, 'b64');
  for (let i = 0; i < 3; i++) {
    const name = i === 0 ? 'kid' : i === 1 ? 'typ' : 'cty';
    if (has.call(header, name) && typeof header[name] !== 'string') ok = false;
  }
  let listed = 0;
  for (let i = 0; i < policy.keyManagementAlgorithms.length; i++) if (policy.keyManagementAlgorithms[i] === alg) listed = 1;
  for (let i = 0; i < policy.contentEncryptionAlgorithms.length; i++) if (listed && policy.contentEncryptionAlgorithms[i] === enc) listed = 2;
  if (!ok || listed !== 2) checkHeader(header, policy, listed);
  return { binary: binary, header: header };
};

/**
 * The header checks with their errors, in order: `zip`, member types,
 * `crit` (returns when every critical extension is understood), then `alg`
 * and `enc` (`listed`: 0 neither, 1 alg only, 2 both in the caller's lists).
 */
const checkHeader = function (header: Header, policy: HeaderPolicy, listed: number): void {
  const has = Object.prototype.hasOwnProperty;
  if (has.call(header, 'zip')) throw new NotSupportedError('compressed plaintext ("zip") is not supported', 'ERR_JWE_ZIP');
  for (let i = 0; i < 3; i++) {
    const name = i === 0 ? 'kid' : i === 1 ? 'typ' : 'cty';
    if (has.call(header, name) && typeof header[name] !== 'string') throw new DecodeError('the header "' + name + '" must be a string', 'ERR_JWT_MALFORMED');
  }
  if (has.call(header, 'crit') || has.call(header, 'b64')) checkCrit(header, policy.crit);
  const alg = has.call(header, 'alg') ? header.alg : undefined;
  const enc = has.call(header, 'enc') ? header.enc : undefined;
  if (typeof alg !== 'string' || typeof enc !== 'string') throw new InvalidAlgorithmError('the JWE header needs "alg" and "enc" strings');
  // Names from the token are shown quoted and cut: a message never carries a forged log line or kilobytes.
  if (listed === 0) throw new InvalidAlgorithmError('the token\'s alg ' + JSON.stringify(alg.substr(0, 40)) + ' is not one of keyManagementAlgorithms');
  if (listed === 1) throw new InvalidAlgorithmError('the token\'s enc ' + JSON.stringify(enc.substr(0, 40)) + ' is not one of contentEncryptionAlgorithms');
};

/**
 * An outgoing header: `alg`, `enc`, then `kid`, `typ` and `cty` (each from
 * its argument, else a string in `extra`; an argument and `extra` that
 * disagree are an options error), then the other members of `extra` (the
 * `header` option). Members the key management sets (`iv`, `tag`, `p2s`,
 * `p2c`, `epk`) cannot be given; `zip` is not supported.
 */
export const buildJweHeader = function (fn: string, alg: string, enc: string, kid: string | undefined, typ: string | undefined, cty: string | undefined, extra: Header | undefined): Header {
  if (extra !== undefined) return withExtra(fn, alg, enc, kid, typ, cty, extra);
  const header: Header = { alg: alg, enc: enc };
  if (kid !== undefined) header.kid = kid;
  if (typ !== undefined) header.typ = typ;
  if (cty !== undefined) header.cty = cty;
  return header;
};

/** `buildJweHeader` with the `header` option's members (apart: most calls have none). */
const withExtra = function (fn: string, alg: string, enc: string, kid: string | undefined, typ: string | undefined, cty: string | undefined, extra: Header): Header {
  const header: Header = { alg: alg, enc: enc };
  const has = Object.prototype.hasOwnProperty;
  for (let i = 0; i < 3; i++) {
    const name = i === 0 ? 'kid' : i === 1 ? 'typ' : 'cty';
    let value: unknown = i === 0 ? kid : i === 1 ? typ : cty;
    const given = has.call(extra, name) ? extra[name] : undefined;
    if (given !== undefined) {
      if (typeof given !== 'string') optionsError(fn + ': header.' + name + ' must be a string');
      if (value !== undefined && value !== given) optionsError(fn + ': header.' + name + ' conflicts with the ' + name + ' in use');
      value = given;
    }
    if (value !== undefined) header[name] = value;
  }
  const names = Object.keys(extra);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value = extra[name];
    if (value === undefined || has.call(header, name)) {
      if (value !== undefined && value !== header[name]) optionsError(fn + ': header.' + name + ' conflicts with the ' + name + ' option');
      continue;
    }
    if (name === 'zip') throw new NotSupportedError(fn + ': compressed plaintext ("zip") is not supported', 'ERR_JWE_ZIP');
    if (name === 'iv' || name === 'tag' || name === 'p2s' || name === 'p2c' || name === 'epk') optionsError(fn + ': header.' + name + ' is set by the key management, not by the caller');
    header[name] = value;
  }
  if (has.call(header, 'crit') || has.call(header, 'b64')) {
    try {
      checkCrit(header, Array.isArray(header.crit) ? (header.crit as string[]) : undefined);
    } catch (e) {
      if (e instanceof InvalidTokenError) optionsError(fn + ': header: ' + e.message);
      throw e;
    }
  }
  return header;
};
