/**
 * The shape every pure hash shares, so HMAC and PBKDF2 are written once.
 *
 * A hash is a state (Int32Array of big-endian words) that absorbs whole
 * blocks; `finish` pads and absorbs the rest of a message. HMAC and PBKDF2
 * keep the state after the key's ipad/opad block (a "midstate") and resume
 * from a copy of it, so a key's pads are hashed once, not once per message.
 */
export interface PureHash {
  /** Block size in bytes (64 or 128). */
  blockLen: number;
  /** Digest size in bytes. */
  outLen: number;
  /** A fresh initial state. */
  init: () => Int32Array;
  /** Absorbs the block at `data[off .. off + blockLen)` into `state`. */
  block: (state: Int32Array, data: Uint8Array, off: number) => void;
  /**
   * Absorbs `data` into `state` (changed in place), where `prefixLen` bytes
   * (a multiple of blockLen) were absorbed before, pads, and writes the
   * digest to `out` (outLen bytes), which it returns.
   */
  finish: (state: Int32Array, data: Uint8Array, prefixLen: number, out: Uint8Array) => Uint8Array;
}

/**
 * Pads and absorbs the tail of a message. The length field is 8 bytes for SHA-256 and 16 for SHA-512 (whose
 * upper 8 are always zero here).
 */
export const finishBlocks = function (
  hash: PureHash,
  state: Int32Array,
  data: Uint8Array,
  prefixLen: number,
): void {
  const bl = hash.blockLen;
  const n = data.length;
  let p = 0;
  for (; p + bl <= n; p += bl) hash.block(state, data, p);
  const rest = n - p;
  // Native zeroing and copying: on the device an interpreted loop over 128
  // bytes costs about a third of a compression.
  const pad = new Uint8Array(bl + bl);
  pad.set(data.subarray(p, n), 0);
  pad[rest] = 0x80;
  const end = rest + 1 + (bl >> 3) <= bl ? bl : bl + bl;
  // Message length in bits as a 64-bit big-endian number (hi, lo words).
  const bytes = prefixLen + n;
  const hi = (bytes / 0x20000000) | 0;
  const lo = (bytes * 8) % 0x100000000;
  pad[end - 8] = hi >>> 24;
  pad[end - 7] = (hi >>> 16) & 255;
  pad[end - 6] = (hi >>> 8) & 255;
  pad[end - 5] = hi & 255;
  pad[end - 4] = lo >>> 24;
  pad[end - 3] = (lo >>> 16) & 255;
  pad[end - 2] = (lo >>> 8) & 255;
  pad[end - 1] = lo & 255;
  hash.block(state, pad, 0);
  if (end > bl) hash.block(state, pad, bl);
};

/** Writes the first `out.length` bytes of `state`'s big-endian words into `out`. */
export const stateToBytes = function (state: Int32Array, out: Uint8Array): Uint8Array {
  // One iteration per word (a Uint8Array store keeps the low 8 bits itself).
  for (let i = 0, p = 0; p < out.length; i++, p += 4) {
    const x = state[i];
    out[p] = x >> 24;
    out[p + 1] = x >> 16;
    out[p + 2] = x >> 8;
    out[p + 3] = x;
  }
  return out;
};
