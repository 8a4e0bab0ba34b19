/**
 * Round constants of SHA-512 (FIPS 180-4 §4.2.3), as 160 big-endian 32-bit
 * words (high, low, high, low, ...). SHA-256's 64 constants are the high
 * words of the first 64 (§4.2.2: same cube roots, fewer bits), so one table
 * serves both. Stored as base64url and decoded on first use: ~850 bytes of
 * module text instead of ~1,800 for number literals.
 */
import { decode } from '../../codec/base64url';

const K512_B64U =
  'QoovmNcoriJxN0SRI-9lzbXA-8_sTTsv6bXbpYGJ27w5VsJb80i1OFnxEfG2BdAZkj-CpK8ZT5urHF7V2m2BGNgHqpijAwJCEoNbAUVwb74kMYW-TuSyjFUMfcPV_7Ticr5ddPJ7iW-A3rH-OxaWsZvcBqclxxI1wZvxdM9pJpTkm2nBnvFK0u--R4Y4TyXjD8GdxouM1bUkDKHMd6ycZS3pLG9ZKwJ1SnSEqm6m5INcsKncvUH71Hb5iNqDEVO1mD5RUu5m36uoMcZtLbQyELADJ8iY-yE_v1l_x77vDuTG4AvzPaiPwtWnkUeTCqclBspjUeADgm8UKSlnCg5ucCe3CoVG0i_8LhshOFwmySZNLG38WsQq7VM4DROdlbPfZQpzVIuvY952agq7PHeyqIHCyS5H7a7mknIshRSCNTuiv-ihTPEDZKgaZku8QjABwkuLcND4l5HHbFGjBlS-MNGS6BnW71IY1pkGJFVlqRD0DjWFV3EgKhBqoHAyu9G4GaTBFrjS0MgeN2wIUUGrUydId0zfjuuZNLC8teGbSKg5HAyzxclaY07YqkrjQYrLW5zKT3dj43NoLm_z1rK4o3SPgu5d77L8eKVjb0MXL2CEyHgUofCrcozHAggaZDnskL7_-iNjHiikUGzr3oK96b75o_eyxnkVxnF48uNyUyvKJz7O6iZhnNGGuMchwMIH6tp91s3g6x71fU9_7m7ReAbwZ6pyF2-6CmN9xaLImKYRP5gEvvkNrhtxCzUTHEcbKNt39SMEfYQyyqt7QMckkzyevgoVyb68Qx1nxJwQDUxMxdS-yz5Ctll_KZz8ZX4qX8tvqzrW-uxsRBmMSkdYFw';

let k512: Int32Array | undefined;

/** The 160 words, decoded once. */
export const getK512 = function (): Int32Array {
  if (k512) return k512;
  const bytes = decode(K512_B64U);
  const k = new Int32Array(160);
  for (let i = 0; i < 160; i++) {
    const p = i * 4;
    k[i] = (bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3];
  }
  k512 = k;
  return k;
};
