// The two kinds of strings of Espruino's Unicode (Linux) build, as the
// emulator's `linux` profile holds them in V8 strings.
//
// On that build a string is either a byte string or a UTF-8 string
// (E.isUTF8). Both answer charCodeAt with the same numbers ("é" === "\xE9"
// there), but natives (btoa, hashes, E.toUint8Array, Storage, print) see a
// UTF-8 string's bytes: "é" is C3 A9, "\xE9" is E9. V8 has one kind of string,
// so the kind travels in the characters themselves:
//   - a byte string: chars 0x00..0xFF, one per byte;
//   - a UTF-8 string: ASCII as is, code points 0x80..0xFF moved to the private
//     use chars U+F780..U+F7FF (PUA_OFFSET + code point), code points above
//     0xFF as V8 has them (a supplementary one as a surrogate pair);
//   - a byte 0x80..0xFF inside a UTF-8 string that is not part of a valid
//     sequence (the device keeps such bytes: "é" + "\xE9" is C3 A9 E9 there)
//     stays a raw char.
// A string is UTF-8 when it has a char above 0xFF. Converting a UTF-8 string
// to its bytes and back is exact, so the device's storage is modelled
// byte for byte. What this cannot express is listed in README.md ("Not
// reproduced"): an all-ASCII UTF-8 string, `===` between "é" and "\xE9".

/** U+F780..U+F7FF stand for the code points 0x80..0xFF in a UTF-8 string. */
export const PUA_OFFSET = 0xf700;

/** True when `s` is a UTF-8 string in this model. */
export const isUtf8String = (s: string): boolean => /[^\x00-\xff]/.test(s);

/** Code point -> its emulated chars in a UTF-8 string. */
export const utf8Char = (cp: number): string =>
  cp >= 0x80 && cp <= 0xff ? String.fromCharCode(PUA_OFFSET + cp) : String.fromCodePoint(cp);

/** The bytes the device stores for an emulated string (as a latin1 string). */
export const deviceBytes = (s: string): string => {
  if (!isUtf8String(s)) return s;
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x100) {
      out.push(c); // ASCII, or a stray byte kept as it is
      continue;
    }
    if (c >= PUA_OFFSET + 0x80 && c <= PUA_OFFSET + 0xff) c -= PUA_OFFSET;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Buffer.from(out).toString('latin1');
};

/**
 * Bytes (latin1 string) -> the emulated UTF-8 string with those bytes: each
 * valid UTF-8 sequence becomes its code point, any other byte stays a raw
 * char. Without a valid multi-byte sequence the result is the input itself
 * (a byte string), which is what the device's JSON.parse gives for a value
 * like "\xE9" (measured).
 */
export const fromDeviceBytes = (bin: string): string => {
  if (!/[\x80-\xff]/.test(bin)) return bin;
  let out = '';
  let i = 0;
  const n = bin.length;
  while (i < n) {
    const b = bin.charCodeAt(i);
    let need = 0;
    let min = 0;
    let cp = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1; min = 0x80; cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2; min = 0x800; cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3; min = 0x10000; cp = b & 0x07;
    }
    let ok = need > 0 && i + need < n;
    for (let k = 1; ok && k <= need; k++) {
      const c = bin.charCodeAt(i + k);
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      out += utf8Char(cp);
      i += need + 1;
    } else {
      out += bin.charAt(i);
      i++;
    }
  }
  return out;
};
