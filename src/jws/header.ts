/**
 * The JOSE header of an incoming token: parsing and `crit`.
 *
 * The header is read before the signature is checked, so everything here
 * faces attacker-chosen input. Parsing is the strict `parseJson` (unique
 * member names, no `__proto__` prototype tricks); the parsed object is kept
 * private and callers that want the header get a fresh parse
 * (`parseObject(info.binary, 'JOSE header')`).
 *
 * (The decoded-header cache is in verify.ts, where it is used.)
 *
 * RAM: on the device every value made at load (a list, a variable) costs RAM
 * for as long as the module is loaded, while code stays in flash. So the
 * registered header names are a `switch` and one-line helpers are written
 * out where they are used. `checkCrit` runs only for headers with `crit` or
 * `b64`: the interpreter lexes all of a function it calls.
 */
import { DecodeError, InvalidTokenError } from '../errors';
import { parseJson } from '../codec/json';

/** A parsed JOSE header: a JSON object, read through own properties only. */
export type Header = { [name: string]: unknown };

/** A decoded header: its UTF-8 bytes (binary string) and the private parsed object. */
export interface HeaderInfo {
  binary: string;
  header: Header;
}

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

/**
 * RFC 7515 §4.1.11 `crit`: every listed extension must be understood by the
 * caller (`understood`, the `crit` option), present in the header, listed
 * once, and not a registered name (RFC 7515/7516/7518). RFC 7797 unencoded
 * payloads (`b64`) are not supported at all.
 */
export const checkCrit = function (header: Header, understood: string[] | undefined): void {
  const has = Object.prototype.hasOwnProperty;
  if (has.call(header, 'b64') && header.b64 !== true) {
    throw new InvalidTokenError('unencoded payloads ("b64": false, RFC 7797) are not supported', 'ERR_JWS_B64');
  }
  if (!has.call(header, 'crit')) return;
  const crit = header.crit;
  if (!Array.isArray(crit) || crit.length === 0) throw new InvalidTokenError('"crit" must be a non-empty array of header names', 'ERR_JWS_CRIT');
  for (let i = 0; i < crit.length; i++) {
    const name = crit[i];
    if (typeof name !== 'string') throw new InvalidTokenError('"crit" must be a non-empty array of header names', 'ERR_JWS_CRIT');
    if (name === 'b64') throw new InvalidTokenError('unencoded payloads ("b64" in crit, RFC 7797) are not supported', 'ERR_JWS_B64');
    switch (name) {
      case 'alg': case 'jku': case 'jwk': case 'kid': case 'x5u': case 'x5c': case 'x5t': case 'x5t#S256': case 'typ': case 'cty':
      case 'crit': case 'enc': case 'zip': case 'epk': case 'apu': case 'apv': case 'iv': case 'tag': case 'p2s': case 'p2c':
        throw new InvalidTokenError('"crit" lists the registered header "' + name + '"', 'ERR_JWS_CRIT');
    }
    // A name from the token is shown quoted and cut (JSON.stringify escapes
    // control characters): a message never carries a forged log line or kilobytes.
    if (!has.call(header, name)) throw new InvalidTokenError('"crit" lists ' + JSON.stringify(name.substr(0, 40)) + ', which the header does not have', 'ERR_JWS_CRIT');
    for (let j = 0; j < i; j++) if (crit[j] === name) throw new InvalidTokenError('"crit" lists ' + JSON.stringify(name.substr(0, 40)) + ' twice', 'ERR_JWS_CRIT');
    let ok = false;
    if (understood) for (let j = 0; j < understood.length; j++) if (understood[j] === name) ok = true;
    if (!ok) throw new InvalidTokenError('critical header extension ' + JSON.stringify(name.substr(0, 40)) + ' is not understood (add it to the crit option)', 'ERR_JWS_CRIT');
  }
};
