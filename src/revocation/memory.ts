// @part session needs crypto
/**
 * `new MemoryRevocationStore({capacity, clock})`: revocations in RAM, lost
 * at reset (StorageRevocationStore keeps them in flash).
 *
 * One object maps ' ' + jti to its exp (the prefix keeps a jti such as
 * "__proto__" an ordinary key). Each entry costs a few JsVars on a board:
 * keep the capacity to what the device needs.
 */
import { applyUpdate, newEntries } from './update';
import { checkEntry, checkTime, clockNow, fullError, storeOptions } from './check';
import { JWSVerifyOptions } from '../jws/options';

export class MemoryRevocationStore {
  _map: { [key: string]: number };
  _n: number;
  _cap: number;
  _clock: () => number;
  /** The last fleet-update `seq` applied (0: none). */
  _seq: number;

  constructor(options?: { capacity?: number; clock?: () => number }) {
    const o = storeOptions('MemoryRevocationStore', options, 100);
    this._map = {};
    this._n = 0;
    this._cap = o[0];
    this._clock = o[1];
    this._seq = 0;
  }

  add(jti: string, exp: number): boolean {
    checkEntry('add', jti, exp);
    const k = ' ' + jti;
    const m = this._map;
    if (Object.prototype.hasOwnProperty.call(m, k)) {
      if (exp > m[k]) m[k] = exp;
      return false;
    }
    if (this._n >= this._cap) {
      this.prune(clockNow(this._clock));
      if (this._n >= this._cap) fullError(this._n);
    }
    m[k] = exp;
    this._n++;
    return true;
  }

  has(jti: string): boolean {
    return typeof jti === 'string' && Object.prototype.hasOwnProperty.call(this._map, ' ' + jti);
  }

  prune(now: number): number {
    checkTime('prune', now, 'now');
    return this._drop(now, true);
  }

  clear(before?: number): number {
    if (before === undefined) {
      const n = this._n;
      this._map = {};
      this._n = 0;
      return n;
    }
    checkTime('clear', before, 'before');
    return this._drop(before, false);
  }

  size(): number {
    return this._n;
  }

  /** Apply a signed fleet update (see src/revocation/update.ts); returns how many entries it added. */
  applyUpdate(token: string, key: unknown, options: JWSVerifyOptions): number {
    return applyUpdate(this, token, key, options);
  }

  /** Drop entries with exp <= t (`orEqual`) or exp < t. */
  _drop(t: number, orEqual: boolean): number {
    const m = this._map;
    const keys = Object.keys(m);
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      const e = m[keys[i]];
      if (e < t || (orEqual && e === t)) {
        delete m[keys[i]];
        n++;
      }
    }
    this._n -= n;
    return n;
  }

  /** Entries that are new, live and distinct; all added, or none when they do not fit. */
  _applyBatch(entries: [string, number][], seq: number): number {
    const fresh = newEntries(this, entries, clockNow(this._clock));
    if (this._n + fresh.length > this._cap) {
      this.prune(clockNow(this._clock));
      if (this._n + fresh.length > this._cap) fullError(this._n);
    }
    for (let i = 0; i < fresh.length; i++) this.add(fresh[i][0], fresh[i][1]);
    this._seq = seq;
    return fresh.length;
  }
}

