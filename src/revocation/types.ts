// @part session needs crypto
/**
 * What every revocation store offers (MemoryRevocationStore,
 * StorageRevocationStore, or your own object with the same methods).
 *
 * An entry is a token id (`jti`) and the time (seconds) after which the
 * token it revokes is dead anyway (its `exp`, plus any leeway a verifier
 * allows): past that time the entry may be forgotten (`prune`).
 */
export interface RevocationStore {
  /** Hold `jti` until `exp`; false if it was already held. Throws ERR_STORE_FULL when full of unexpired entries. */
  add(jti: string, exp: number): boolean;
  /** Whether `jti` is held. */
  has(jti: string): boolean;
  /** Forget entries whose `exp` is at or before `now`; returns how many. */
  prune(now: number): number;
  /** Forget entries whose `exp` is before `before` (no argument: all); returns how many. */
  clear(before?: number): number;
  /** How many entries are held. */
  size(): number;
}

/** Options of both stores. */
export interface StoreOptions {
  /** Most entries held at once (default 100 in RAM, 200 in Storage). */
  capacity?: number;
  /** Seconds now, for pruning when full and skipping dead update entries (default `Date.now() / 1000`). */
  clock?: () => number;
}

/**
 * What `applyUpdate` (src/revocation/update.ts) needs of a store beyond the
 * interface: the last applied `seq`, and adding a batch of entries with a
 * new `seq`, all or nothing as far as capacity goes.
 */
export interface UpdatableStore {
  _seq: number;
  _applyBatch(entries: [string, number][], seq: number): number;
}
