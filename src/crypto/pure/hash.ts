// @part pure
/**
 * The shape every pure hash shares, so HMAC and PBKDF2 are written once.
 *
 * A hash is a state (Int32Array of big-endian words) that absorbs whole
 * blocks; `finish` pads and absorbs the rest of a message. HMAC and PBKDF2
 * keep the state after the key's ipad/opad block (a "midstate") and resume
 * from a copy of it, so a key's pads are hashed once, not once per message.
 *
 * Nothing here is made while the module loads except `withFinish` itself:
 * the hashes are built on first use (see ./index.ts), so a board with native
 * SHA-2 never pays for them.
 */
import { NotSupportedError } from '../../errors';

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
 * Adds the shared `finish` (Merkle-Damgard padding, big-endian output) to a
 * hash's block function.
 *
 * The digest is written natively: the state's words are copied into a
 * scratch buffer, whose word order and then byte order are reversed, which
 * leaves each word big-endian in the original order (for SHA-512 too: its
 * state is (hi, lo) pairs in order). Four native calls instead of an
 * interpreted loop of 32 or 64 byte stores. That needs a little-endian host:
 * every Espruino target (ARM, Xtensa, x86) and nearly every Node host is;
 * a big-endian one (s390x, pure backend forced) gets a typed error here
 * rather than wrong digests. The pure SHA-256 block relies on the same.
 */
export const withFinish = function (hash: PureHash): PureHash {
  const stateBytes = new Uint8Array(hash.blockLen >> 1);
  const stateWords = new Int32Array(stateBytes.buffer);
  stateWords[0] = 1;
  if (stateBytes[0] !== 1) throw new NotSupportedError('the pure hashes need a little-endian host');
  hash.finish = function (state, data, prefixLen, out) {
    const bl = hash.blockLen;
    const n = data.length;
    let p = 0;
    for (; p + bl <= n; p += bl) hash.block(state, data, p);
    const rest = n - p;
    // Native zeroing and copying: on the device an interpreted loop over 128
    // bytes costs about a third of a compression. The length field is 8 bytes
    // for SHA-256 and 16 for SHA-512 (whose upper 8 are always zero here).
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
    stateWords.set(state);
    stateWords.reverse();
    stateBytes.reverse();
    out.set(stateBytes.subarray(0, out.length));
    return out;
  };
  return hash;
};
