// Flash writes of the emulated Storage, counted, with an optional power cut.
//
// Why: code that keeps state in flash (the revocation log) must survive a
// power cut between any two flash writes. A test runs a scenario once to
// count its writes, then once per write N with the power cut at N, and
// "reboots" (a new run on the same Storage) to check what survived.
//
// What a cut does: the N-th flash write (a Storage file written or erased,
// a StorageFile append, a chunk created) does not happen, or with `torn`
// only the first half of the bytes it changes reach flash (programming stops
// part-way, as when power fails mid-write; an erase is never torn). Then the
// board is dead: every later write is refused and `onCut` is thrown (the
// emulator's fatal error, which the script cannot get past: output stops,
// the run ends), and Storage stays as it was at the cut.

export interface PowerCut {
  /** The flash write (1-based) during which power fails. */
  atWrite: number;
  /** That write is half done instead of not done at all. */
  torn?: boolean;
}

type Files = Map<string, string>; // name -> bytes as latin1

export class FlashGate {
  /** Flash writes done (or attempted, for the one the cut interrupts). */
  writes = 0;
  /** Power has been cut. */
  dead = false;

  constructor(
    private readonly files: Files,
    private readonly cut: PowerCut | undefined,
    private readonly onCut: (at: number) => unknown,
  ) {}

  /** Write file `name` with `data` (its whole new content). */
  write(name: string, data: string): void {
    if (this.step()) {
      if (this.cut!.torn) this.files.set(name, torn(this.files.get(name), data));
      throw this.onCut(this.writes);
    }
    this.files.set(name, data);
  }

  /** Erase file `name` (no flash write when there is none). */
  erase(name: string): void {
    if (!this.files.has(name)) return;
    if (this.step()) throw this.onCut(this.writes);
    this.files.delete(name);
  }

  eraseAll(): void {
    if (this.step()) throw this.onCut(this.writes);
    this.files.clear();
  }

  /** Counts a write; true when power fails during it. */
  private step(): boolean {
    if (this.dead) throw this.onCut(this.writes);
    this.writes++;
    if (this.cut && this.writes === this.cut.atWrite) this.dead = true;
    return this.dead;
  }
}

/**
 * `before` with the first half of the bytes `after` changes. A new file
 * starts as erased flash (0xFF), so only its data counts, not its padding.
 */
export const torn = (before: string | undefined, after: string): string => {
  const old = before ?? '\xff'.repeat(after.length);
  let i = 0;
  while (i < after.length && i < old.length && old[i] === after[i]) i++;
  let j = Math.max(after.length, old.length) - 1;
  while (j > i && old[j] === after[j]) j--;
  const mid = i + Math.ceil((j - i + 1) / 2);
  return after.slice(0, mid) + old.slice(mid);
};
