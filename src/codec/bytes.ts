/**
 * Byte strings: the device's native currency for bytes.
 *
 * On Espruino, `atob`, `btoa`, the `crypto` hashes and string concatenation are
 * native and fast, while an interpreted loop costs microseconds per byte. So the
 * hot paths pass bytes around as "binary strings" (one char per byte, 0..255)
 * and convert to `Uint8Array` only at the public API edge. `E.toString` and
 * `E.toUint8Array` do the conversion natively on the device; elsewhere a loop.
 */
import { invalidArgument } from '../errors';

/** `E`, when this is Espruino (detected by `E.toUint8Array`): the one place that asks. */
export const ESPRUINO: EspruinoE | undefined = typeof E !== 'undefined' && E && typeof E.toUint8Array === 'function' ? E : undefined;

/** Chunk size for `String.fromCharCode.apply`: Espruino's apply takes at most 256 arguments. */
const APPLY_CHUNK = 256;

/** Uint8Array -> binary string (one char per byte), never sharing memory with `bytes`. */
export const bytesToBinary = function (bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  // E.toString(u8) alone returns a string that SHARES the array's buffer when
  // the array spans it (measured on 2v29): a later write to the array changes
  // the string. A second argument makes it build a new string.
  if (ESPRUINO) return ESPRUINO.toString(bytes, '');
  let out = '';
  for (let i = 0; i < bytes.length; i += APPLY_CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + APPLY_CHUNK) as unknown as number[]);
  }
  return out;
};

/** Binary string (chars 0..255) -> Uint8Array. Chars above 0xFF are a caller error. */
export const binaryToBytes = function (binary: string): Uint8Array {
  if (binary.length === 0) return new Uint8Array(0);
  if (ESPRUINO) return ESPRUINO.toUint8Array(binary);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    const c = binary.charCodeAt(i);
    if (c > 0xff) invalidArgument('binary string has a character above 0xFF');
    out[i] = c;
  }
  return out;
};

/** True for a Uint8Array (also across Node `vm` realms, where `instanceof` fails). */
export const isBytes = function (value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || (value != null && Object.prototype.toString.call(value) === '[object Uint8Array]');
};

/** Concatenate byte arrays into a new one. */
export const concatBytes = function (parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (let i = 0; i < parts.length; i++) length += parts[i].length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (let i = 0; i < parts.length; i++) {
    out.set(parts[i], offset);
    offset += parts[i].length;
  }
  return out;
};
