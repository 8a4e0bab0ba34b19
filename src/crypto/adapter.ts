/**
 * The crypto adapter: one interface over three backends, chosen per primitive.
 * This file holds what the JWS hot path needs (the choice of backends and the
 * cached MACs); raw AES (./aes.ts) and the checked public functions
 * (microjwt.crypto, ./index.ts) are a lazy part.
 *
 * - espruino: the board's `crypto` module, where it has the primitive
 *   (feature-detected function by function, results checked);
 * - node: node:crypto, when running on Node (host users, unit tests);
 * - pure: the TypeScript implementations in ./pure, everywhere else.
 *
 * Inputs: a `Uint8Array`, or a string meaning its UTF-8 bytes (`BytesLike`).
 * Outputs: a fresh `Uint8Array`. Bad input raises a typed error (`JWTError`
 * with code ERR_INVALID_ARGUMENT, or `InvalidKeyError` for keys); every
 * decryption failure raises the same `DecryptionError`, whatever the cause.
 *
 * The JWS hot path uses `createHmac`, which works on binary strings (one char
 * per byte): on the device that is two native SHA calls and a concatenation
 * per MAC, with the key's padded blocks computed once.
 */
import { NotSupportedError, invalidArgument } from '../errors';
import { ESPRUINO as ESP, binaryToBytes } from '../codec/bytes';
import { espruinoBackend } from './espruino';
import type { EspruinoBackend } from './espruino';
import { nodeBackend } from './node';
import type { NodeBackend } from './node';
import { pureCrypto } from './pure/index';
import type { BackendName, HashName, MacFn } from './types';

export type { BackendName, BytesLike, HashName } from './types';
/** Constant-time equality of two binary strings (false for different lengths or non-strings). */
export { timingSafeEqualBinary } from './compare';

type Mode = 'auto' | 'pure' | 'node' | 'espruino';

/*
 * Load-time cost: on a board every function object, property and string this
 * module makes while loading stays in RAM with the app (measured on the
 * Pico-like build: 4 JsVars per function, 1 per named parameter and 1 per
 * name, ~2 per property; function bodies stay in flash). So only the public
 * functions and a few shared helpers exist at load; tables are code,
 * bounds are literals in the function bodies, and the backends
 * are made on first use by their accessors (nodeBackend, espruinoBackend,
 * and pureCrypto, the pure part's one entry point), so a board with native
 * primitives never makes the node or pure code at all.
 */

let mode: Mode = 'auto';

/**
 * @internal
 * Per-primitive choice, computed on first use and after `useBackend`, with
 * the backends it uses: the hot paths take them from here, because calling
 * a memoising accessor costs time on the device (below).
 */
export interface Selection {
  hash: { [h: string]: BackendName };
  /** PBKDF2's backend per hash, settled on first use by a self-check (src/crypto/index.ts `pbkdf2Backend`). */
  pbkdf2: { [h: string]: BackendName };
  aes: BackendName;
  random: BackendName;
  node: NodeBackend | null;
  esp: EspruinoBackend | null;
}
let selection: Selection | undefined;

/**
 * @internal
 * The selection, tiny on purpose: Espruino lexes a function's whole body on
 * every call, even when it returns at once (measured: ~45 us per call for a
 * 2.7 KB body, ~5 us for a tiny one), and every primitive asks for this.
 */
export const select = function (): Selection {
  return selection || choose();
};

const choose = function (): Selection {
  const n = nodeBackend();
  const c = mode === 'auto' || mode === 'espruino' ? espruinoBackend() : null;
  const s: Selection = { hash: {}, pbkdf2: {}, aes: 'pure', random: 'none', node: n, esp: c };
  const onNode = (mode === 'auto' || mode === 'node') && !!n;
  const names: HashName[] = ['SHA-256', 'SHA-384', 'SHA-512'];
  selection = s;
  for (let i = 0; i < names.length; i++) {
    const h = names[i];
    s.hash[h] = onNode ? 'node' : c && c.fn(h) ? 'espruino' : 'pure';
  }
  s.aes = onNode ? 'node' : c && c.hasAes ? 'espruino' : 'pure';
  // Randomness is never 'pure': there is no pure source of entropy.
  s.random = n && mode !== 'espruino' ? 'node' : ESP && typeof ESP.hwRand === 'function' ? 'espruino' : 'none';
  return s;
};

/**
 * Force a backend (tests, benchmarks), or 'auto' (the default: native where
 * available). 'espruino' still uses pure code for what the board lacks.
 * Throws NotSupportedError when the backend does not exist here.
 */
export const useBackend = function (name: 'pure' | 'node' | 'espruino' | 'auto'): void {
  if (name === 'node' && !nodeBackend()) throw new NotSupportedError('the node backend needs Node');
  if (name === 'espruino' && !espruinoBackend()) throw new NotSupportedError('no Espruino crypto module here');
  if (name !== 'pure' && name !== 'node' && name !== 'espruino' && name !== 'auto') invalidArgument('unknown crypto backend');
  mode = name;
  selection = undefined;
  macs = undefined; // closures belong to the backend that built them
  nextMac = 0;
};

// ---------------------------------------------------------------- HMAC

/**
 * MAC closures per (hash, key): building one processes the key's padded
 * blocks (two native hash calls on Espruino, which then MACs with
 * `H(opad + H(ipad + data))`; far more in pure code), so a device that uses
 * one or two keys should build each once. One bounded cache for every
 * backend, here where the backends are (and cleared with them):
 * `[id0, mac0, id1, mac1, ...]`, 4 keys, round robin, made on first use (a
 * module-level value costs RAM on the device from load on). Keyed by the
 * key's bytes (a copy: `bytesToBinary` never shares memory), so a caller who
 * changes a Uint8Array in place never gets a MAC under the old key.
 */
let macs: (string | MacFn)[] | undefined;
/** Index of the slot the next new key takes (0, 2, 4, 6). */
let nextMac = 0;

/** The uncached closure for `key` on the selected backend. */
const buildMac = function (hash: HashName, key: Uint8Array): MacFn {
  const s = select();
  const b = s.hash[hash];
  if (b === 'node') return s.node!.createHmac(hash, key);
  if (b === 'espruino') return s.esp!.mac(hash, key);
  return pureCrypto().mac(hash, key);
};

/**
 * The JWS hot path: a (cached) function MACing a binary string under the key
 * given as a binary string, returning the binary MAC. `hash` must be valid.
 * `once`: a key used for one message only (a JWE content key), built without
 * touching the cache, so it neither evicts long-lived keys nor stays in RAM.
 */
export const macFor = function (hash: HashName, keyBinary: string, once?: boolean): MacFn {
  if (once) return buildMac(hash, binaryToBytes(keyBinary));
  // Hash names all have 7 chars, so the concatenation is unambiguous.
  const id = hash + keyBinary;
  const c = macs || (macs = []);
  for (let i = 0; i < c.length; i += 2) if (c[i] === id) return c[i + 1] as MacFn;
  const mac = buildMac(hash, binaryToBytes(keyBinary));
  c[nextMac] = id;
  c[nextMac + 1] = mac;
  nextMac = nextMac === 6 ? 0 : nextMac + 2;
  return mac;
};
