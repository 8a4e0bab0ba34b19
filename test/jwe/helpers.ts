// Shared by the JWE tests: the algorithm names, key sizes, keys and the
// plaintexts the issue asks for.
import { createCipheriv, randomBytes } from 'node:crypto';
import { vectors } from '../jwt/helpers';

export const ALGS = ['dir', 'A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'] as const;
export const ENCS = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'] as const;

/** CEK bytes of an enc. */
export const CEK: Record<string, number> = { 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64, A128GCM: 16, A192GCM: 24, A256GCM: 32 };

/** Key bytes an alg needs with an enc (0: a PBES2 password, any length). */
export const keyBytes = (alg: string, enc: string): number => (alg === 'dir' ? CEK[enc] : alg.startsWith('PBES2') ? 0 : Number(alg.substr(1, 3)) / 8);

/** A key for alg/enc: random bytes of the right size, or a Unicode password for PBES2. */
export const keyFor = (alg: string, enc: string): Uint8Array | string => {
  const n = keyBytes(alg, enc);
  return n ? new Uint8Array(randomBytes(n)) : 'pässwörd ☺ ' + alg;
};

/** The same key as bytes (what jose takes). */
export const keyBytesOf = (key: Uint8Array | string): Uint8Array => (typeof key === 'string' ? new TextEncoder().encode(key) : key);

/** Plaintexts: 0, 1, 15, 16, 17 bytes, 2 KB, and Unicode text (as UTF-8 bytes). */
export const PLAINTEXTS: Record<string, Uint8Array> = {
  empty: new Uint8Array(0),
  one: new Uint8Array([0x80]),
  fifteen: new Uint8Array(15).map((_, i) => i * 17),
  sixteen: new Uint8Array(16).map((_, i) => 255 - i),
  seventeen: new Uint8Array(17).map((_, i) => i),
  twoKB: new Uint8Array(2048).map((_, i) => (i * 131 + 7) & 255),
  unicode: new TextEncoder().encode('Grüße, José ☺ 𝄞 日本語 — it\u2019s "quoted" \\ \u0000 end'),
};

/** PBES2 counts small enough for a fast test run (the default 2048 is tested separately). */
export const FAST_P2C = 1000;

/**
 * RFC 7520 5.7 as a compact token: its protected header (the AAD), IV,
 * ciphertext and tag from the shared vectors; its encrypted key is the CEK
 * under AES-256-GCM with the key-wrapping key of RFC 7520 (the A256GCMKW key
 * of the 5.3 key set) and the header's own iv, checked against the header's
 * tag, so every byte is the RFC's.
 */
export const rfc7520_5_7 = () => {
  const v = vectors.jose.rfc7520_5_7_content_layer;
  const keySet = JSON.parse(vectors.jose.rfc7520_5_3_pbes2.plaintext_utf8);
  const header = JSON.parse(Buffer.from(v.aad_ascii, 'base64url').toString());
  const jwk = keySet.keys.find((k: { kid: string }) => k.kid === header.kid);
  const kek = new Uint8Array(Buffer.from(jwk.k, 'base64url'));
  const g = createCipheriv('aes-256-gcm', kek, Buffer.from(header.iv, 'base64url'));
  const ek = Buffer.concat([g.update(Buffer.from(v.cek_b64u, 'base64url')), g.final()]);
  if (g.getAuthTag().toString('base64url') !== header.tag) throw new Error('the RFC 7520 5.7 key wrap does not reproduce');
  const compact = [v.aad_ascii, ek.toString('base64url'), v.iv_b64u, v.ciphertext_b64u, v.tag_b64u].join('.');
  return { compact, kek, plaintext: new TextEncoder().encode(v.plaintext_utf8), header };
};

