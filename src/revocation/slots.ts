// @part session needs crypto
/**
 * The two log files ("slots") of a StorageRevocationStore: `name + '0'` and
 * `name + '1'`, each a StorageFile of lines (src/revocation/log.ts). A log of
 * generation `gen` lives in slot `gen & 1`.
 *
 * Why two: pruning rewrites the log, and a power cut may come between any
 * two flash writes. A compaction writes the surviving entries into the other
 * slot under the next generation and ends it with a commit line; only then
 * is the old slot erased. Until the commit line is in flash the old log is
 * the valid one; after it, the new one is (the higher generation wins when
 * both are complete). Nothing committed is lost at any point.
 *
 * Erasing a slot removes its chunks (StorageFile stores `slot + '\x01'`,
 * `'\x02'`, ...) from the last to the first, so a cut leaves a prefix of the
 * file, never a gap whose later chunks a new file would read as its own.
 */
import { bodyOf, fingerprint, line } from './log';

/** The Storage module's calls used here. */
export interface StorageLike {
  read(name: string, offset?: number, length?: number): string | undefined;
  erase(name: string): void;
  open(name: string, mode: string): StorageFileLike;
}
export interface StorageFileLike {
  readLine(): string | undefined;
  write(data: string): void;
}

/** What a slot holds, as read at open. */
export interface SlotScan {
  /** Chunk 1 exists. */
  exists: boolean;
  /** Generation in its header; -1 when the first line is not our header. */
  gen: number;
  /** Header and commit line both intact: a complete log. */
  ok: boolean;
  /** Intact entry lines, and their RAM index. */
  n: number;
  idx: string;
  /** Largest intact update seq (0: none). */
  seq: number;
  /** Intact lines of any kind. */
  ours: number;
  /** No intact line, and not empty nor a torn start of our header: someone else's file. */
  foreign: boolean;
  /** The last line has no '\n' (a write torn by a power cut). */
  torn: boolean;
}

/** Read a whole slot. */
export const scanSlot = function (S: StorageLike, slot: string): SlotScan {
  const r: SlotScan = { exists: S.read(slot + '\x01', 0, 1) !== undefined, gen: -1, ok: false, n: 0, idx: '', seq: 0, ours: 0, foreign: false, torn: false };
  if (!r.exists) return r;
  const f = S.open(slot, 'r');
  let first = true;
  let l: string | undefined;
  while ((l = f.readLine())) {
    r.torn = l.charAt(l.length - 1) !== '\n';
    const body = bodyOf(l);
    if (first) {
      // A first write cut short leaves a start of the header: ours, not foreign.
      const k = l.length < 7 ? l.length : 7;
      r.foreign = l.substr(0, k) !== 'Hmjrl1 '.substr(0, k);
      if (body !== null && body.substr(0, 7) === 'Hmjrl1 ') r.gen = parseInt(body.substr(7), 10);
    }
    first = false;
    if (body === null) continue;
    r.ours++;
    const k = body.charAt(0);
    const sp = body.indexOf(' ');
    if (k === 'R' && sp > 1) {
      r.n++;
      r.idx += fingerprint(body.substr(sp + 1));
    } else if (k === 'S') {
      const s = parseInt(body.substr(1), 10);
      if (s > r.seq) r.seq = s;
    } else if (k === 'C' && r.gen >= 0 && parseInt(body.substr(1, sp - 1), 10) === r.gen && parseInt(body.substr(sp + 1), 10) === r.n) {
      r.ok = true;
    }
  }
  if (r.ours > 0) r.foreign = false;
  return r;
};

/**
 * Calls `fn(exp, encodedJti)` for every intact entry of a slot; stops early
 * when `fn` returns true (and then returns true).
 */
export const eachEntry = function (S: StorageLike, slot: string, fn: (exp: number, e: string) => boolean | void): boolean {
  if (S.read(slot + '\x01', 0, 1) === undefined) return false;
  const f = S.open(slot, 'r');
  let l: string | undefined;
  while ((l = f.readLine())) {
    if (l.charAt(0) !== 'R') continue;
    const body = bodyOf(l);
    const sp = body === null ? -1 : body.indexOf(' ');
    if (sp > 1 && fn(parseInt(body!.substr(1, sp - 1), 10), body!.substr(sp + 1))) return true;
  }
  return false;
};

/** Erase every chunk of a slot, last first (a few chunks past a gap too, should a foreign file have left one). */
export const eraseSlot = function (S: StorageLike, slot: string): void {
  let n = 1;
  while (n < 255 && S.read(slot + String.fromCharCode(n), 0, 1) !== undefined) n++;
  for (let k = n + 3; k >= 1; k--) if (k < n || S.read(slot + String.fromCharCode(k), 0, 1) !== undefined) S.erase(slot + String.fromCharCode(k));
};

/**
 * Append `text` to a write buffer, writing the buffer out first when the two
 * would exceed a safe single write: a StorageFile write may not exceed one
 * chunk (about 1 KB on the smallest flash pages).
 */
export const put = function (f: StorageFileLike, buf: string, text: string): string {
  if (buf.length + text.length > 256) {
    f.write(buf);
    return text;
  }
  return buf + text;
};

/** A freshly written log: its append handle, entry count and RAM index. */
export interface Written {
  f: StorageFileLike;
  n: number;
  idx: string;
}

/**
 * Write the log of generation `gen` into its slot (erased first): header,
 * the entries of `from` (a slot name, or none) that `keep(exp)` accepts,
 * `seq`, and last the commit line. The caller erases the old slot after.
 */
export const writeLog = function (S: StorageLike, name: string, gen: number, from: string | null, keep: (exp: number) => boolean, seq: number): Written {
  const slot = name + (gen & 1);
  eraseSlot(S, slot);
  const f = S.open(slot, 'a');
  const w: Written = { f: f, n: 0, idx: '' };
  let buf = line('Hmjrl1 ' + gen);
  if (from !== null) {
    eachEntry(S, from, function (exp: number, e: string) {
      if (!keep(exp)) return;
      buf = put(f, buf, line('R' + exp + ' ' + e));
      w.n++;
      w.idx += fingerprint(e);
    });
  }
  if (seq > 0) buf = put(f, buf, line('S' + seq));
  buf = put(f, buf, line('C' + gen + ' ' + w.n));
  f.write(buf);
  return w;
};
