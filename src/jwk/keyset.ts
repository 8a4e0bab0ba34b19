// @part keyset
/**
 * KeySet: a local set of `oct` JWKs, for key rotation.
 *
 * Verify picks the key by the token's `kid`, then by the key's `alg`, `use`
 * and `key_ops`; zero candidates and several candidates are different errors
 * (`ERR_KEY_NO_MATCH`, `ERR_KEY_MULTIPLE_MATCH`), and a token without `kid`
 * is accepted only when exactly one key fits, so a set never "tries every
 * key". Signing uses the key named by `signingKid` (default: the first) and
 * writes its `kid` into the header. JWE (src/jwe/key.ts) selects the same
 * way, with `use` "enc" and the JWE `key_ops`; its keys may have any length
 * (sizes are checked per algorithm where a key is used).
 *
 * A class without `extends` (Espruino cannot extend); the keys are copied and
 * decoded once, at construction. Callers test `key instanceof KeySet`
 * directly (a helper function would cost RAM on the device from load on).
 * A lazy part: until a script makes a KeySet, the class is one stub; an
 * `instanceof` test through it is false and loads nothing.
 */
import { InvalidKeyError, JWTError } from '../errors';
import { OctJWK, KeyOp, jwkSecret, jwkPermits } from './key';
import { isPlainObject } from '../options';

/** One key of a set: a private copy of the JWK and its secret bytes (binary string). */
export interface KeySetEntry {
  jwk: OctJWK;
  binary: string;
}

/** Options of `new KeySet(jwks, options)`. */
export interface KeySetOptions {
  /** `kid` of the key `sign` uses (default: the first key). */
  signingKid?: string;
  /** Most keys accepted (default 16): a JWK Set may come from outside, and each key costs a board RAM for as long as the set lives. */
  maxKeys?: number;
}

export class KeySet {
  /** @internal */
  _entries: KeySetEntry[];
  /** @internal */
  _signing: KeySetEntry;

  /** `jwks` is a JWK Set (`{keys: [...]}`, RFC 7517 §5) of `oct` keys. */
  constructor(jwks: { keys: OctJWK[] }, options?: KeySetOptions) {
    if (!isPlainObject(jwks) || !Array.isArray(jwks.keys) || jwks.keys.length === 0) {
      throw new JWTError('KeySet expects a JWK Set {keys: [...]} with at least one key', 'ERR_INVALID_ARGUMENT');
    }
    if (options !== undefined && !isPlainObject(options)) throw new JWTError('KeySet options must be an object', 'ERR_OPTIONS_INVALID');
    const signingKid = options ? options.signingKid : undefined;
    if (signingKid !== undefined && typeof signingKid !== 'string') throw new JWTError('KeySet option signingKid must be a string', 'ERR_OPTIONS_INVALID');
    const maxKeys = options && options.maxKeys !== undefined ? options.maxKeys : 16;
    if (typeof maxKeys !== 'number' || maxKeys % 1 !== 0 || !(maxKeys >= 1)) throw new JWTError('KeySet option maxKeys must be an integer of at least 1', 'ERR_OPTIONS_INVALID');
    if (jwks.keys.length > maxKeys) throw new JWTError('KeySet: the JWK Set has ' + jwks.keys.length + ' keys, more than maxKeys ' + maxKeys, 'ERR_KEYSET_SIZE');
    this._entries = [];
    for (let i = 0; i < jwks.keys.length; i++) {
      const jwk = jwks.keys[i];
      const binary = jwkSecret(jwk);
      // A private copy of the members that matter, so later changes to the caller's objects do nothing.
      const copy: OctJWK = { kty: 'oct', k: jwk.k };
      if (jwk.kid !== undefined) copy.kid = jwk.kid;
      if (jwk.alg !== undefined) copy.alg = jwk.alg;
      if (jwk.use !== undefined) copy.use = jwk.use;
      if (jwk.key_ops !== undefined) copy.key_ops = jwk.key_ops.concat([]);
      this._entries.push({ jwk: copy, binary: binary });
    }
    let signing: KeySetEntry | undefined = signingKid === undefined ? this._entries[0] : undefined;
    if (signingKid !== undefined) {
      for (let i = 0; i < this._entries.length; i++) {
        if (this._entries[i].jwk.kid === signingKid) {
          if (signing) throw new JWTError('KeySet: several keys have the signingKid', 'ERR_OPTIONS_INVALID');
          signing = this._entries[i];
        }
      }
      if (!signing) throw new JWTError('KeySet: no key has the signingKid', 'ERR_OPTIONS_INVALID');
    }
    this._signing = signing as KeySetEntry;
  }

  /** The `kid` of each key, in order (undefined for keys without one). */
  kids(): (string | undefined)[] {
    const out: (string | undefined)[] = [];
    for (let i = 0; i < this._entries.length; i++) out.push(this._entries[i].jwk.kid);
    return out;
  }

  /**
   * @internal The one key that fits a token's `kid` (or any, when undefined) and `alg` (or `alias`, see jwkPermits) for `op`.
   */
  _select(alg: string, kid: string | undefined, op: KeyOp, alias?: string): KeySetEntry {
    let found: KeySetEntry | undefined;
    for (let i = 0; i < this._entries.length; i++) {
      const e = this._entries[i];
      if (kid !== undefined && e.jwk.kid !== kid) continue;
      if (!jwkPermits(e.jwk, alg, op, alias)) continue;
      if (found) {
        throw new InvalidKeyError(kid === undefined ? 'the token has no "kid" and several keys of the set fit it' : 'several keys of the set fit the token\'s "kid"', 'ERR_KEY_MULTIPLE_MATCH');
      }
      found = e;
    }
    if (!found) throw new InvalidKeyError(kid === undefined ? 'no key of the set fits the token (' + alg + ')' : 'no key of the set fits the token\'s "kid" and ' + alg, 'ERR_KEY_NO_MATCH');
    return found;
  }
}
