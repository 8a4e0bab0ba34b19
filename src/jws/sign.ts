// @part sign
/**
 * JWS signing, compact form, HMAC algorithms.
 *
 * On the device the cost is native calls: `stringifyJson` (UTF-8-correct),
 * `btoa` via `encodeBinary`, and the cached HMAC closure over the native hash.
 * The header segment of the common case (no extra header fields) is cached.
 *
 * RAM: on the device each function or value made at load costs RAM for as
 * long as the module is loaded, while code stays in flash. So the second half
 * of signing (header fields, cached header segment, MAC) is one function,
 * `signWith`, shared by `jws.sign` and `sign`. Speed: the interpreter lexes
 * every character of a function it runs (skipped branches and code after a
 * `return` included), so code that runs rarely sits in its own function.
 */
import { InvalidKeyError, InvalidTokenError } from '../errors';
import { encodeBinary } from '../codec/base64url';
import { stringifyJson } from '../codec/jsonstringify';
import { checkCrit, Header } from './header';
import { isPlainObject, optionsError } from '../options';
import { checkAlgorithmName, JWSSignOptions } from './options';
import { checkedKeyBinary, checkKeyLength, jwkPermits, OctJWK } from '../jwk/key';
import { KeySet } from '../jwk/keyset';
import type { MacFn, MacOf } from '../crypto/types';
import { adapterMac } from './mac';

/** The key a token is signed with: algorithm, its MAC under the secret, and the `kid` a KeySet names. */
export interface SigningKey {
  alg: string;
  mac: MacFn;
  kid: string | undefined;
}

/**
 * The signing key of a single key (a string, bytes or an "oct" JWK; not a
 * KeySet), its MAC made by `macOf`. The algorithm is the `algorithm` option,
 * else the JWK's `alg`, else HS256; the key must be long enough
 * (`minKeyLength`). The core build calls this with its native-only MAC.
 */
export const singleSigningKey = function (key: unknown, opts: JWSSignOptions, macOf: MacOf): SigningKey {
  let alg = opts.algorithm;
  if (alg === undefined) {
    const jwkAlg = isPlainObject(key) && Object.prototype.hasOwnProperty.call(key, 'kty') ? (key as OctJWK).alg : undefined;
    alg = jwkAlg === undefined ? 'HS256' : checkAlgorithmName('sign', jwkAlg);
  }
  return { alg: alg, mac: macOf(alg, checkedKeyBinary(key, alg, 'sign', opts.minKeyLength)), kid: undefined };
};

/** The signing key: a KeySet's signing key (its `kid` goes into the header), or a single key. */
export const resolveSigningKey = function (key: unknown, opts: JWSSignOptions): SigningKey {
  if (!(key instanceof KeySet)) return singleSigningKey(key, opts, adapterMac);
  const entry = key._signing;
  const alg = opts.algorithm !== undefined ? opts.algorithm : entry.jwk.alg === undefined ? 'HS256' : checkAlgorithmName('sign', entry.jwk.alg);
  if (!jwkPermits(entry.jwk, alg, 'sign')) throw new InvalidKeyError('the signing key of the set does not allow sign with ' + alg + ' (its alg, use or key_ops)', 'ERR_KEY_NO_MATCH');
  checkKeyLength(entry.binary, alg, opts.minKeyLength);
  return { alg: alg, mac: adapterMac(alg, entry.binary), kid: entry.jwk.kid };
};

/** One-entry cache of the header segment for headers without extra fields: `[alg, typ, kid, segment]`, made on first use. */
let last: (string | undefined)[] | undefined;

/**
 * The base64url header segment for `alg`, `typ`, `kid` and the extra fields
 * of the `header` option (`alg` cannot be overridden). Apart from `signWith`,
 * which runs on every token, because the interpreter lexes every character
 * of a function it runs: this runs only when the cached segment does not fit.
 */
const headerSegment = function (alg: string, typ: string | undefined, kid: string | undefined, extra: Header | undefined): string {
  const header: Header = { alg: alg };
  if (typ !== undefined) header.typ = typ;
  if (kid !== undefined) header.kid = kid;
  if (extra !== undefined) {
    const names = Object.keys(extra);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const value = extra[name];
      if (value === undefined) continue;
      if (name === 'alg' || name === 'typ' || name === 'kid') {
        if (value !== header[name]) optionsError('header.' + name + ' conflicts with the ' + (name === 'alg' ? 'algorithm' : name) + ' in use');
        continue;
      }
      header[name] = value;
    }
    try {
      checkCrit(header, Object.prototype.hasOwnProperty.call(header, 'crit') && Array.isArray(header.crit) ? (header.crit as string[]) : undefined);
    } catch (e) {
      if (e instanceof InvalidTokenError) optionsError('header: ' + e.message);
      throw e;
    }
  }
  return encodeBinary(stringifyJson(header));
};

/**
 * Sign `payloadBinary` (bytes as a binary string) under a resolved key, for
 * `fn` ('sign' or 'jws.sign'): the compact JWS. The header has `alg`, then
 * `typ` and `kid` (each from its option, else a string in the `header`
 * option; `sign` defaults `typ` to "JWT"; a KeySet's `kid` must agree), then
 * the other fields of the `header` option (`alg` cannot be overridden).
 */
export const signWith = function (fn: string, sk: SigningKey, opts: JWSSignOptions & { typ?: string }, payloadBinary: string): string {
  const extra = opts.header;
  const has = Object.prototype.hasOwnProperty;
  let kid = opts.kid;
  if (kid === undefined && extra !== undefined && has.call(extra, 'kid') && extra.kid !== undefined) {
    if (typeof extra.kid !== 'string') optionsError('header.kid must be a string');
    kid = extra.kid as string;
  }
  if (sk.kid !== undefined) {
    if (kid !== undefined && kid !== sk.kid) optionsError(fn + ': kid conflicts with the signing key of the set');
    kid = sk.kid;
  }
  // jws.sign options have no `typ` (checkJwsSignOptions refuses it there).
  let typ = opts.typ;
  if (typ === undefined && extra !== undefined && has.call(extra, 'typ') && extra.typ !== undefined) {
    if (typeof extra.typ !== 'string') optionsError('header.typ must be a string');
    typ = extra.typ as string;
  }
  if (typ === undefined && fn === 'sign') typ = 'JWT';

  const alg = sk.alg;
  const c = last;
  let segment: string;
  if (extra === undefined && c && c[0] === alg && c[1] === typ && c[2] === kid) segment = c[3] as string;
  else {
    segment = headerSegment(alg, typ, kid, extra);
    if (extra === undefined) last = [alg, typ, kid, segment];
  }
  const input = segment + '.' + encodeBinary(payloadBinary);
  return input + '.' + encodeBinary(sk.mac(input));
};
