/**
 * JWS verification, compact form, HMAC algorithms, in the order the spec fixes:
 * length limit -> 3 segments -> strict base64url -> header JSON object ->
 * `crit` -> `alg` (never "none", must be allowed) -> key for this `alg` ->
 * constant-time signature check. Payload parsing is the caller's (JWT) step.
 *
 * Hot path on the device: `indexOf('.')` splits, the base64url regex and
 * `atob` decode, the header is usually a cache hit, and the MAC is the cached
 * HMAC closure over the native hash of the signing input as received.
 *
 * The `alg` checks are written out here rather than in helpers: on the device
 * each function made at load costs RAM for as long as the module is loaded.
 */
import { DecodeError, InvalidAlgorithmError, InvalidSignatureError } from '../errors';
import { assertBase64url, decodeBinary } from '../codec/base64url';
import { timingSafeEqualBinary } from '../crypto/compare';
import { split } from './compact';
import { parseObject, checkCrit, HeaderInfo } from './header';
import { adapterKeyMac, KeyMac } from './mac';
import type { JWSVerifyOptions } from './options';

/** What a verified compact JWS yields internally. */
export interface VerifiedJws {
  /** The header (private, cached object: hand out `parseObject(info.binary, 'JOSE header')`). */
  info: HeaderInfo;
  alg: string;
  /** The payload bytes, as a binary string. */
  payloadBinary: string;
  /** The signature segment, base64url, as received. */
  signature: string;
}

/**
 * Decoded headers: a device usually sees the same header text again and
 * again, and on the device decoding and strict parsing cost far more than
 * comparing the segment text. Two entries of at most 256 chars, verified
 * ones only, keyed by the exact segment:
 * `[segment0, info0, segment1, info1]`, newest first, made on first use
 * (a module-level value costs RAM on the device from load on).
 */
let headers: (string | HeaderInfo)[] | undefined;

/** Verify a compact JWS under `key` (a key or a KeySet); options already checked. */
export const verifyJwsCore = function (token: unknown, key: unknown, opts: JWSVerifyOptions): VerifiedJws {
  return verifyJwsWith(token, key, opts, adapterKeyMac);
};

/**
 * Verify a compact JWS; options already checked. `keyMac` turns `key` into
 * the MAC for the token's `alg` (and `kid`): the full library's takes keys
 * and KeySets over every backend, the core build's single keys over the
 * native hash only.
 */
export const verifyJwsWith = function (token: unknown, key: unknown, opts: JWSVerifyOptions, keyMac: KeyMac): VerifiedJws {
  const seg = split(token, opts.maxTokenLength === undefined ? 4096 : opts.maxTokenLength);
  const t = token as string;
  // The payload is checked now (same verdicts) but decoded only once the
  // signature holds: a forged token never costs its copies (a 4 KB token
  // needed ~1,880 free JsVars on the 5,100-var build, ~1,650 now). Each use
  // cuts it from the token as a temporary (see Segments).
  assertBase64url(t.substring(seg.header.length + 1, seg.signedLength));
  const signatureBinary = decodeBinary(seg.signature);
  // The header: strict base64url, strict JSON object; cached.
  const c = headers;
  let info: HeaderInfo;
  let fresh = false;
  if (c && seg.header === c[0]) info = c[1] as HeaderInfo;
  else if (c && seg.header === c[2]) info = c[3] as HeaderInfo;
  else {
    const headerBinary = decodeBinary(seg.header);
    info = { binary: headerBinary, header: parseObject(headerBinary, 'JOSE header') };
    fresh = true;
  }
  const header = info.header;
  const has = Object.prototype.hasOwnProperty;
  const kid = has.call(header, 'kid') ? header.kid : undefined;
  if (kid !== undefined && typeof kid !== 'string') throw new DecodeError('the header "kid" must be a string', 'ERR_JWT_MALFORMED');
  if (has.call(header, 'typ') && typeof header.typ !== 'string') throw new DecodeError('the header "typ" must be a string', 'ERR_JWT_MALFORMED');
  // checkCrit only when there is something to check: the interpreter lexes all of a function it calls.
  if (has.call(header, 'crit') || has.call(header, 'b64')) checkCrit(header, opts.crit);
  // `alg`: a string, not "none" in any spelling, and one of `algorithms`.
  const alg = has.call(header, 'alg') ? header.alg : undefined;
  if (typeof alg !== 'string') throw new InvalidAlgorithmError('the JOSE header has no "alg" string');
  if (alg.toLowerCase() === 'none') throw new InvalidAlgorithmError('unsecured tokens (alg "none") are never accepted');
  let allowed = false;
  for (let i = 0; i < opts.algorithms.length; i++) if (opts.algorithms[i] === alg) allowed = true;
  // The token's alg is shown quoted and cut: a message never carries a forged log line or kilobytes.
  if (!allowed) throw new InvalidAlgorithmError('the token\'s alg ' + JSON.stringify(alg.substr(0, 40)) + ' is not one of the allowed algorithms');
  // The signing input, exactly as received: the MAC cuts it from the token
  // itself, so the copy lives only inside the native hash's argument.
  const expected = keyMac(key, alg, kid as string | undefined, opts.minKeyLength)(t, seg.signedLength);
  if (signatureBinary.length !== expected.length || !timingSafeEqualBinary(expected, signatureBinary)) {
    throw new InvalidSignatureError('signature verification failed');
  }
  // Cached only once the signature holds, and only a short header: forged
  // tokens cannot churn the cache, and a long one (kilobytes of "kid") is
  // not held after the call (two forged ones with 2.5 KB kids left the
  // 5,100-var build unable to verify the next token).
  if (fresh && seg.header.length <= 256) headers = c ? [seg.header, info, c[0], c[1]] : [seg.header, info, seg.header, info];
  // The payload passed assertBase64url above: decoded by its range, not checked again.
  return { info: info, alg: alg, payloadBinary: decodeBinary(t, seg.header.length + 1, seg.signedLength), signature: seg.signature };
};
