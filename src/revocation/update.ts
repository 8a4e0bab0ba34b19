// @part session needs crypto
/**
 * Signed revocation updates for a fleet: `store.applyUpdate(token, key,
 * {algorithms})`.
 *
 * The update is a compact JWS (any JOSE library can make it, any transport
 * can carry it: an MQTT retained message, an HTTP poll, a serial line) whose
 * payload is `{"seq": n, "revoked": [[jti, exp], ...]}`. It is applied only
 * when the signature verifies and `seq` is greater than the last one the
 * store applied (kept by the store: in flash for StorageRevocationStore), so
 * a replayed or older update is refused with `InvalidTokenError` code
 * ERR_UPDATE_REPLAYED. Entries already held or already dead are skipped;
 * the rest are added together with the new `seq`, or none of them when they
 * do not fit (ERR_STORE_FULL). Returns how many entries were added.
 */
import { InvalidTokenError } from '../errors';
import { checkOptionTable, optionsError } from '../options';
import { checkJwsAlgorithms, JWSVerifyOptions } from '../jws/options';
import { verifyJwsCore } from '../jws/verify';
import { parseObject } from '../jws/header';
import { UpdatableStore } from './types';

export const applyUpdate = function (store: UpdatableStore, token: string, key: unknown, options: JWSVerifyOptions): number {
  if (options === undefined) optionsError('applyUpdate: options with "algorithms" are required');
  const opts = checkJwsAlgorithms('applyUpdate', checkOptionTable<JWSVerifyOptions>('applyUpdate', options, ' algorithms:A crit:A maxTokenLength:I minKeyLength:I'), true);
  const v = verifyJwsCore(token, key, opts);
  const p = parseObject(v.payloadBinary, 'update payload');
  const seq = p.seq;
  const list = p.revoked;
  if (typeof seq !== 'number' || !(seq >= 1 && seq <= 9007199254740991) || Math.floor(seq) !== seq) badUpdate('"seq" must be an integer from 1 to 2^53 - 1');
  if (!Array.isArray(list)) badUpdate('"revoked" must be an array of [jti, exp] pairs');
  const entries = list as [string, number][];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || typeof e[1] !== 'number' || !isFinite(e[1]) || e[1] < 0) {
      badUpdate('"revoked" must be an array of [jti, exp] pairs (exp: seconds >= 0)');
    }
  }
  if ((seq as number) <= store._seq) {
    throw new InvalidTokenError('the update is a replay or older than the last one applied (seq ' + seq + ' <= ' + store._seq + ')', 'ERR_UPDATE_REPLAYED');
  }
  return store._applyBatch(entries, seq as number);
};

const badUpdate = function (why: string): never {
  throw new InvalidTokenError('the revocation update is malformed: ' + why, 'ERR_UPDATE_INVALID');
};

/**
 * The entries of an update a store does not hold yet, that are still alive
 * at `now` and not repeated within the update (the first one counts).
 */
export const newEntries = function (store: { has(jti: string): boolean }, entries: [string, number][], now: number): [string, number][] {
  const out: [string, number][] = [];
  const seen: { [key: string]: boolean } = {};
  for (let i = 0; i < entries.length; i++) {
    const jti = entries[i][0];
    if (entries[i][1] <= now || seen[' ' + jti] || store.has(jti)) continue;
    seen[' ' + jti] = true;
    out.push(entries[i]);
  }
  return out;
};
