// @part session needs crypto
/**
 * `new StorageRevocationStore(name, {capacity, clock})`: revocations in the
 * board's flash (Espruino `Storage`), kept across `reset()`, reboots and
 * power loss.
 *
 * Flash, not RAM: the entries live in an append-only log (one line per
 * revocation, src/revocation/log.ts); RAM holds a 3-byte fingerprint per
 * entry, so `has` is a native string search, and a fingerprint match is
 * confirmed against the log. Expired entries leave through a compaction
 * into the other slot (src/revocation/slots.ts), safe against a power cut
 * between any two flash writes. Opening picks the complete log, finishes an
 * interrupted compaction, terminates a line torn by a cut, and salvages the
 * intact entries of a damaged log; a file that holds nothing of ours is
 * never erased (ERR_STORE_CORRUPT).
 *
 * `name` is at most 26 printable ASCII characters: the store uses the
 * StorageFiles `name + '0'` and `name + '1'`.
 */
import { JWTError, NotSupportedError, invalidArgument } from '../errors';
import { ESPRUINO } from '../codec/bytes';
import { JWSVerifyOptions } from '../jws/options';
import { applyUpdate, newEntries } from './update';
import { checkEntry, checkTime, clockNow, fullError, storeOptions } from './check';
import { checkJtiLength, encodeJti, fingerprint, inIndex, line } from './log';
import { eachEntry, eraseSlot, put, scanSlot, writeLog, StorageFileLike, StorageLike } from './slots';

export class StorageRevocationStore {
  _S: StorageLike;
  _name: string;
  _cap: number;
  _clock: () => number;
  /** Generation of the current log (its slot is `gen & 1`). */
  _gen: number;
  /** Entry lines in the log, and their fingerprints. */
  _n: number;
  _idx: string;
  /** The last fleet-update `seq` applied (0: none). */
  _seq: number;
  /** Append handle of the current log, opened on first write. */
  _f: StorageFileLike | undefined;

  constructor(name: string, options?: { capacity?: number; clock?: () => number }) {
    if (typeof name !== 'string' || name.length < 1 || name.length > 26 || !/^[!-~]+$/.test(name)) {
      invalidArgument('StorageRevocationStore: name must be 1 to 26 printable ASCII characters');
    }
    const o = storeOptions('StorageRevocationStore', options, 200);
    this._S = storageModule();
    this._name = name;
    this._cap = o[0];
    this._clock = o[1];
    this._gen = 0;
    this._n = 0;
    this._idx = '';
    this._seq = 0;
    openLog(this);
  }

  add(jti: string, exp: number): boolean {
    checkEntry('add', jti, exp);
    const e = encodeJti(jti);
    checkJtiLength(e);
    const t = Math.ceil(exp);
    const fp = fingerprint(e);
    let held = false;
    if (inIndex(this._idx, fp)) {
      const old = this._expOf(e);
      if (old >= t) return false;
      // Held until an earlier time: a second line keeps it until the later one.
      held = old >= 0;
    }
    if (!held && this._n >= this._cap) {
      this.prune(clockNow(this._clock));
      if (this._n >= this._cap) fullError(this._n);
    }
    this._write(line('R' + t + ' ' + e));
    this._n++;
    this._idx += fp;
    return !held;
  }

  has(jti: string): boolean {
    if (typeof jti !== 'string') return false;
    const e = encodeJti(jti);
    return inIndex(this._idx, fingerprint(e)) && this._expOf(e) >= 0;
  }

  prune(now: number): number {
    checkTime('prune', now, 'now');
    const t = Math.floor(now);
    return this._compactIf(function (exp: number) {
      return exp > t;
    });
  }

  clear(before?: number): number {
    if (before === undefined) return this._n === 0 ? 0 : this._compact(function () {
      return false;
    });
    checkTime('clear', before, 'before');
    return this._compactIf(function (exp: number) {
      return exp >= before;
    });
  }

  size(): number {
    return this._n;
  }

  /** Apply a signed fleet update (see src/revocation/update.ts); returns how many entries it added. */
  applyUpdate(token: string, key: unknown, options: JWSVerifyOptions): number {
    return applyUpdate(this, token, key, options);
  }

  /** Largest exp the log holds for encoded jti `e`, or -1. */
  _expOf(e: string): number {
    let max = -1;
    eachEntry(this._S, this._name + (this._gen & 1), function (exp: number, x: string) {
      if (x === e && exp > max) max = exp;
    });
    return max;
  }

  /** Compact only when some entry fails `keep` (a compaction rewrites the log). */
  _compactIf(keep: (exp: number) => boolean): number {
    const drop = eachEntry(this._S, this._name + (this._gen & 1), function (exp: number) {
      return !keep(exp);
    });
    return drop ? this._compact(keep) : 0;
  }

  /** Rewrite the log with the entries `keep` accepts, into the other slot; returns how many were dropped. */
  _compact(keep: (exp: number) => boolean): number {
    const from = this._name + (this._gen & 1);
    this._f = undefined;
    const w = guardWrite(function () {
      return writeLog(this._S, this._name, this._gen + 1, from, keep, this._seq);
    }, this);
    // The new log is committed: the old one may go (an interrupted erase is finished at the next open).
    guardWrite(function () {
      eraseSlot(this._S, from);
    }, this);
    const dropped = this._n - w.n;
    this._gen++;
    this._n = w.n;
    this._idx = w.idx;
    this._f = w.f;
    return dropped;
  }

  /** Append text to the current log. RAM state is the caller's to update, after this returns. */
  _write(text: string): void {
    guardWrite(function () {
      this._file().write(text);
    }, this);
  }

  /** The append handle of the current log. */
  _file(): StorageFileLike {
    return this._f || (this._f = this._S.open(this._name + (this._gen & 1), 'a'));
  }

  /** Add the new, live entries of an update and its seq: all written before RAM state changes. */
  _applyBatch(entries: [string, number][], seq: number): number {
    const now = clockNow(this._clock);
    const fresh = newEntries(this, entries, now);
    const lines: string[] = [];
    let idx = '';
    for (let i = 0; i < fresh.length; i++) {
      const e = encodeJti(fresh[i][0]);
      checkJtiLength(e);
      lines.push(line('R' + Math.ceil(fresh[i][1]) + ' ' + e));
      idx += fingerprint(e);
    }
    if (this._n + fresh.length > this._cap) {
      this.prune(now);
      if (this._n + fresh.length > this._cap) fullError(this._n);
    }
    // The seq line comes last: an update cut short is applied again (its
    // entries then count as held), never marked applied with entries missing.
    lines.push(line('S' + seq));
    guardWrite(function () {
      const f = this._file();
      let buf = '';
      for (let i = 0; i < lines.length; i++) buf = put(f, buf, lines[i]);
      f.write(buf);
    }, this);
    this._n += fresh.length;
    this._idx += idx;
    this._seq = seq;
    return fresh.length;
  }
}

/** Espruino's Storage module, with StorageFile and E.CRC32 (every board that is not built SAVE_ON_FLASH). */
const storageModule = function (): StorageLike {
  let S: StorageLike | undefined;
  try {
    if (ESPRUINO && typeof ESPRUINO.CRC32 === 'function' && typeof hostRequire === 'function') S = hostRequire('Storage') as StorageLike;
  } catch (x) {
    S = undefined;
  }
  if (!S || typeof S.open !== 'function') throw new NotSupportedError('StorageRevocationStore needs Espruino\'s Storage module with StorageFile and E.CRC32 (use MemoryRevocationStore here)');
  return S;
};

/** Run a flash operation; a Storage failure (flash full) becomes a typed error and the append handle is reopened next time. */
const guardWrite = function <T>(fn: (this: StorageRevocationStore) => T, store: StorageRevocationStore): T {
  try {
    return fn.call(store);
  } catch (x) {
    store._f = undefined;
    if (x instanceof JWTError) throw x;
    throw new JWTError('could not write the revocation log to Storage: ' + (x && (x as Error).message !== undefined ? (x as Error).message : String(x)), 'ERR_STORE_WRITE');
  }
};

/**
 * Open the log: the complete one of the highest generation wins and the
 * other slot is erased; a torn last line is terminated; with no complete
 * log, the intact entries of ours are salvaged into a new one; with nothing
 * at all, a new empty log is made.
 */
const openLog = function (store: StorageRevocationStore): void {
  const S = store._S;
  const name = store._name;
  const a = scanSlot(S, name + '0');
  const b = scanSlot(S, name + '1');
  const best = a.ok && (!b.ok || a.gen > b.gen) ? a : b.ok ? b : null;
  if (best) {
    const slot = name + (best === a ? '0' : '1');
    if ((best === a ? b : a).exists) guardWrite(function () {
      eraseSlot(S, name + (best === a ? '1' : '0'));
    }, store);
    store._gen = best.gen;
    store._n = best.n;
    store._idx = best.idx;
    store._seq = best.seq;
    if (best.torn) guardWrite(function () {
      S.open(slot, 'a').write('\n');
    }, store);
    return;
  }
  if (a.ours === 0 && b.ours === 0 && (a.foreign || b.foreign)) {
    throw new JWTError('StorageRevocationStore: "' + name + '0" / "' + name + '1" hold no revocation log (a foreign or unreadable file): erase them or choose another name', 'ERR_STORE_CORRUPT');
  }
  // Salvage (or start): copy from the slot with more intact entries into the other.
  const src = a.ours === 0 && b.ours === 0 ? null : a.n >= b.n && a.ours > 0 ? '0' : '1';
  const dst = src === '0' ? '1' : '0';
  let gen = Math.max(a.gen, b.gen, 0) + 1;
  if ((gen & 1) !== (dst === '1' ? 1 : 0)) gen++;
  const seq = Math.max(a.seq, b.seq);
  const w = guardWrite(function () {
    return writeLog(S, name, gen, src === null ? null : name + src, function () {
      return true;
    }, seq);
  }, store);
  // The source (or a torn start of a log) goes once the new log is committed.
  const other = dst === '0' ? '1' : '0';
  if ((other === '0' ? a : b).exists) guardWrite(function () {
    eraseSlot(S, name + other);
  }, store);
  store._gen = gen;
  store._n = w.n;
  store._idx = w.idx;
  store._seq = seq;
  store._f = w.f;
};
