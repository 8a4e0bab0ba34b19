/**
 * The JOSE header of an incoming token: decoding (cached), `crit` and `alg`.
 *
 * The header is read before the signature is checked, so everything here
 * faces attacker-chosen input. Parsing is the strict `parseJson` (unique
 * member names, no `__proto__` prototype tricks); the parsed object is kept
 * private and callers that want the header get a fresh parse.
 *
 * Cache: a device usually sees the same header text again and again, and on
 * the device decoding and strict parsing cost far more than comparing the
 * segment text. Two entries, keyed by the exact segment.
 */
import { DecodeError, InvalidAlgorithmError, InvalidTokenError } from '../errors';
import { decodeBinary } from '../codec/base64url';
import { parseJson } from '../codec/json';
import { isNone } from './algorithms';

/** A parsed JOSE header: a JSON object, read through own properties only. */
export type Header = { [name: string]: unknown };

/** A decoded header: its UTF-8 bytes (binary string) and the private parsed object. */
export interface HeaderInfo {
  binary: string;
  header: Header;
}

const hasOwn = function (o: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, name);
};

/** Parse `binary` as JSON and require an object; `what` names it in errors. */
export const parseObject = function (binary: string, what: string): { [name: string]: unknown } {
  let value: unknown;
  try {
    value = parseJson(binary);
  } catch (e) {
    if (e instanceof DecodeError) throw new DecodeError('the ' + what + ' is not valid JSON: ' + e.message, e.code);
    throw e;
  }
  // parseJson already refuses other prototypes; checked again because a
  // prototype set through "__proto__" would make inherited claims appear.
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new DecodeError('the ' + what + ' must be a JSON object', 'ERR_JWT_MALFORMED');
  }
  return value as { [name: string]: unknown };
};

let seg0 = '';
let seg1 = '';
let info0: HeaderInfo | undefined;
let info1: HeaderInfo | undefined;

/** Decode and parse the header segment (strict base64url, strict JSON object). */
export const readHeader = function (segment: string): HeaderInfo {
  if (info0 && segment === seg0) return info0;
  if (info1 && segment === seg1) return info1;
  const binary = decodeBinary(segment);
  const info = { binary: binary, header: parseObject(binary, 'JOSE header') };
  seg1 = seg0;
  info1 = info0;
  seg0 = segment;
  info0 = info;
  return info;
};

/** A fresh copy of a header for the caller (never the cached object). */
export const exposeHeader = function (info: HeaderInfo): Header {
  return parseObject(info.binary, 'JOSE header');
};

/** Header names defined by RFC 7515/7516/7518: never allowed in `crit` (RFC 7515 §4.1.11). */
const REGISTERED = ['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c'];

const contains = function (list: unknown[], value: unknown): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
};

/**
 * RFC 7515 §4.1.11 `crit`: every listed extension must be understood by the
 * caller (`understood`, the `crit` option), present in the header, listed
 * once, and not a registered name. RFC 7797 unencoded payloads (`b64`) are
 * not supported at all.
 */
export const checkCrit = function (header: Header, understood: string[] | undefined): void {
  if (hasOwn(header, 'b64') && header.b64 !== true) {
    throw new InvalidTokenError('unencoded payloads ("b64": false, RFC 7797) are not supported', 'ERR_JWS_B64');
  }
  if (!hasOwn(header, 'crit')) return;
  const crit = header.crit;
  if (!Array.isArray(crit) || crit.length === 0) throw new InvalidTokenError('"crit" must be a non-empty array of header names', 'ERR_JWS_CRIT');
  for (let i = 0; i < crit.length; i++) {
    const name = crit[i];
    if (typeof name !== 'string') throw new InvalidTokenError('"crit" must be a non-empty array of header names', 'ERR_JWS_CRIT');
    if (name === 'b64') throw new InvalidTokenError('unencoded payloads ("b64" in crit, RFC 7797) are not supported', 'ERR_JWS_B64');
    if (contains(REGISTERED, name)) throw new InvalidTokenError('"crit" lists the registered header "' + name + '"', 'ERR_JWS_CRIT');
    if (!hasOwn(header, name)) throw new InvalidTokenError('"crit" lists "' + name + '", which the header does not have', 'ERR_JWS_CRIT');
    for (let j = 0; j < i; j++) if (crit[j] === name) throw new InvalidTokenError('"crit" lists "' + name + '" twice', 'ERR_JWS_CRIT');
    if (!understood || !contains(understood, name)) throw new InvalidTokenError('critical header extension "' + name + '" is not understood (add it to the crit option)', 'ERR_JWS_CRIT');
  }
};

/** The header's `alg`, which must be a string, not "none" in any spelling, and one of `algorithms`. */
export const checkAlg = function (header: Header, algorithms: string[]): string {
  const alg = hasOwn(header, 'alg') ? header.alg : undefined;
  if (typeof alg !== 'string') throw new InvalidAlgorithmError('the JOSE header has no "alg" string');
  if (isNone(alg)) throw new InvalidAlgorithmError('unsecured tokens (alg "none") are never accepted');
  if (!contains(algorithms, alg)) throw new InvalidAlgorithmError('the token\'s alg ' + JSON.stringify(alg) + ' is not one of the allowed algorithms');
  return alg;
};
