// @part pure
/**
 * The SHA-2 constants as big-endian 32-bit words (high, low, high, low, ...):
 * words 0..159 are SHA-512's 80 round constants (FIPS 180-4 §4.2.3), 160..175
 * SHA-512's initial value, 176..191 SHA-384's. SHA-256's round constants and
 * initial value are the high words of SHA-512's (same cube and square roots,
 * fewer bits), so one table serves all three. Stored as one base64url string
 * and decoded on first use: number literals would cost twice the module text
 * and, on the device, a JsVar per array element for as long as the module is
 * loaded. The string is inside the function body: at module level the
 * interpreter copied it into RAM at load (~130 JsVars on the board build).
 */
import { decode } from '../../codec/base64url';

let words: Int32Array | undefined;

/** The 192 words, decoded once. */
export const sha2Constants = function (): Int32Array {
  if (words) return words;
  // The literal lives in this body so it stays in flash until first use.
  const bytes = decode(
    'QoovmNcoriJxN0SRI-9lzbXA-8_sTTsv6bXbpYGJ27w5VsJb80i1OFnxEfG2BdAZkj-CpK8ZT5urHF7V2m2BGNgHqpijAwJCEoNbAUVwb74kMYW-TuSyjFUMfcPV_7Ticr5ddPJ7iW-A3rH-OxaWsZvcBqclxxI1wZvxdM9pJpTkm2nBnvFK0u--R4Y4TyXjD8GdxouM1bUkDKHMd6ycZS3pLG9ZKwJ1SnSEqm6m5INcsKncvUH71Hb5iNqDEVO1mD5RUu5m36uoMcZtLbQyELADJ8iY-yE_v1l_x77vDuTG4AvzPaiPwtWnkUeTCqclBspjUeADgm8UKSlnCg5ucCe3CoVG0i_8LhshOFwmySZNLG38WsQq7VM4DROdlbPfZQpzVIuvY952agq7PHeyqIHCyS5H7a7mknIshRSCNTuiv-ihTPEDZKgaZku8QjABwkuLcND4l5HHbFGjBlS-MNGS6BnW71IY1pkGJFVlqRD0DjWFV3EgKhBqoHAyu9G4GaTBFrjS0MgeN2wIUUGrUydId0zfjuuZNLC8teGbSKg5HAyzxclaY07YqkrjQYrLW5zKT3dj43NoLm_z1rK4o3SPgu5d77L8eKVjb0MXL2CEyHgUofCrcozHAggaZDnskL7_-iNjHiikUGzr3oK96b75o_eyxnkVxnF48uNyUyvKJz7O6iZhnNGGuMchwMIH6tp91s3g6x71fU9_7m7ReAbwZ6pyF2-6CmN9xaLImKYRP5gEvvkNrhtxCzUTHEcbKNt39SMEfYQyyqt7QMckkzyevgoVyb68Qx1nxJwQDUxMxdS-yz5Ctll_KZz8ZX4qX8tvqzrW-uxsRBmMSkdYF2oJ5mfzvMkIu2euhYTKpzs8bvNy_pT4K6VP9TpfHTbxUQ5Sf63mgtGbBWiMKz5sHx-D2av7Qb1rW-DNGRN-IXnLu51dwQWe2GKaKSo2fNUHkVkBWjBw3RcVL-zY9w5ZOWczJmf_wAsxjrRKh2hYFRHbDC4NZPmPp0e1SB2--k-k',
  );
  const k = new Int32Array(192);
  for (let i = 0; i < 192; i++) {
    const p = i * 4;
    k[i] = (bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3];
  }
  words = k;
  return k;
};
