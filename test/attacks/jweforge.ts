// Forging compact JWEs on the host with node:crypto alone (not microjwt),
// byte by byte: any header text, any IV and tag length, a valid tag over
// whatever the case needs, so the check under test is the one that must
// refuse the token. Deterministic (fixed CEKs and IVs): the corpus is the
// same on every run and the device scripts hold the same tokens.
import { createCipheriv, createHash, createHmac, pbkdf2Sync } from 'node:crypto';

const b64u = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** `n` fixed pseudo-random bytes named by `label`. */
export const fixedBytes = (label: string, n: number): Buffer => {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHash('sha256').update(label + '/' + i).digest());
  return Buffer.concat(out).subarray(0, n);
};

const CEK_BYTES: Record<string, number> = { 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64, A128GCM: 16, A192GCM: 24, A256GCM: 32 };

/** Ciphertext and tag of `plaintext` under `enc` (GCM with any IV length node allows; CBC-HS with any IV of 16 bytes). */
export const sealContent = (enc: string, cek: Buffer, iv: Buffer, aad: string, plaintext: Buffer): { ct: Buffer; tag: Buffer } => {
  if (enc.endsWith('GCM')) {
    const c = createCipheriv(('aes-' + cek.length * 8 + '-gcm') as 'aes-128-gcm', cek, iv);
    c.setAAD(Buffer.from(aad, 'ascii'));
    const ct = Buffer.concat([c.update(plaintext), c.final()]);
    return { ct, tag: c.getAuthTag() };
  }
  const half = cek.length / 2;
  const c = createCipheriv(('aes-' + half * 8 + '-cbc') as 'aes-128-cbc', cek.subarray(half), iv);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { ct, tag: cbcHsTag(cek, aad, iv, ct) };
};

/** The AES-CBC-HMAC tag (RFC 7518 §5.2.2.1) of a ciphertext. */
export const cbcHsTag = (cek: Buffer, aad: string, iv: Buffer, ct: Buffer): Buffer => {
  const half = cek.length / 2;
  const al = Buffer.alloc(8);
  al.writeUInt32BE(aad.length * 8, 4);
  return createHmac('sha' + half * 16, cek.subarray(0, half))
    .update(Buffer.concat([Buffer.from(aad, 'ascii'), iv, ct, al]))
    .digest()
    .subarray(0, half);
};

/** Raw AES-CBC encryption without padding (for ciphertexts whose padding is wrong). */
export const cbcNoPad = (key: Buffer, iv: Buffer, data: Buffer): Buffer => {
  const c = createCipheriv(('aes-' + key.length * 8 + '-cbc') as 'aes-128-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
};

/** AES key wrap (RFC 3394) of `cek` under `kek`. */
export const aesKw = (kek: Buffer, cek: Buffer): Buffer => {
  const c = createCipheriv(('id-aes' + kek.length * 8 + '-wrap') as 'id-aes128-wrap', kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
  return Buffer.concat([c.update(cek), c.final()]);
};

/** PBES2 key-wrapping key (RFC 7518 §4.8). */
export const pbes2Kek = (alg: string, password: string, p2s: Buffer, p2c: number): Buffer => {
  const bits = Number(alg.substr(8, 3));
  return pbkdf2Sync(Buffer.from(password, 'utf8'), Buffer.concat([Buffer.from(alg), Buffer.from([0]), p2s]), p2c, bits / 16, 'sha' + bits);
};

export interface JweSpec {
  alg: string;
  enc: string;
  /** dir: the CEK; KW/GCMKW: the key-wrapping key; PBES2: the password. */
  key: Buffer | string;
  plaintext: Buffer | string;
  /** Extra header members, as raw JSON member text (after alg and enc). */
  extra?: string;
  /** The whole header text, instead of the one built from alg/enc/extra. */
  headerText?: string;
  /** IV length (default 12 for GCM, 16 for CBC). */
  ivBytes?: number;
  /** Cut (or pad with zero bytes) the tag to this length. */
  tagBytes?: number;
  /** PBES2: count and salt (p2c as raw JSON text so that 1e9 or 1.5 can be written). */
  p2c?: string;
  p2s?: Buffer;
  /** Replace the encrypted key segment. */
  ek?: Buffer;
  /** CBC-HS only: replace the ciphertext, and tag the replacement (a valid tag over bad padding or a bad length). */
  ct?: (ct: Buffer, cbc: { key: Buffer; iv: Buffer }) => Buffer;
  label?: string;
}

/** The five segments of a forged JWE. */
export const forgeJweSegments = (s: JweSpec): string[] => {
  const label = s.label ?? s.alg + '/' + s.enc;
  const cekLen = CEK_BYTES[s.enc];
  let cek: Buffer = fixedBytes('cek ' + label, cekLen);
  let ek: Buffer = Buffer.alloc(0);
  let extra = s.extra ?? '';
  if (s.alg === 'dir') cek = Buffer.from(s.key as Buffer);
  else if (s.alg.startsWith('PBES2')) {
    const p2s = s.p2s ?? fixedBytes('p2s ' + label, 16);
    const p2c = s.p2c ?? '100';
    extra = ',"p2s":"' + b64u(p2s) + '","p2c":' + p2c + extra;
    const count = Number(p2c);
    // A count no one should run (the cases refuse it before any work): any 24 bytes stand in for the wrap.
    ek = Number.isInteger(count) && count >= 1 && count <= 100000 && p2s.length > 0 ? aesKw(pbes2Kek(s.alg, s.key as string, p2s, count), cek) : fixedBytes('ek ' + label, cekLen + 8);
  } else if (s.alg.endsWith('GCMKW')) {
    const iv = fixedBytes('kwiv ' + label, 12);
    const c = createCipheriv(('aes-' + (s.key as Buffer).length * 8 + '-gcm') as 'aes-128-gcm', s.key as Buffer, iv);
    ek = Buffer.concat([c.update(cek), c.final()]);
    extra = ',"iv":"' + b64u(iv) + '","tag":"' + b64u(c.getAuthTag()) + '"' + extra;
  } else ek = aesKw(s.key as Buffer, cek);
  if (s.ek) ek = s.ek;
  const header = s.headerText ?? '{"alg":"' + s.alg + '","enc":"' + s.enc + '"' + extra + '}';
  const aad = b64u(header);
  const gcm = s.enc.endsWith('GCM');
  const ivLen = s.ivBytes ?? (gcm ? 12 : 16);
  // CBC needs a 16-byte IV to seal (GCM a non-empty one): another length is sealed with 16 (12) and sent with its own length.
  const sealIv = gcm ? (ivLen > 0) : ivLen === 16;
  const iv = fixedBytes('iv ' + label, sealIv ? ivLen : gcm ? 12 : 16);
  const pt = typeof s.plaintext === 'string' ? Buffer.from(s.plaintext, 'utf8') : s.plaintext;
  const r = sealContent(s.enc, cek, iv, aad, pt);
  if (s.ct) {
    if (gcm) throw new Error('ct replacement is for CBC-HS only');
    r.ct = s.ct(r.ct, { key: cek.subarray(cek.length / 2), iv });
    r.tag = cbcHsTag(cek, aad, iv, r.ct);
  }
  let tag = r.tag;
  if (s.tagBytes !== undefined) tag = s.tagBytes <= tag.length ? tag.subarray(0, s.tagBytes) : Buffer.concat([tag, Buffer.alloc(s.tagBytes - tag.length)]);
  return [aad, b64u(ek), b64u(sealIv ? iv : fixedBytes('iv ' + label, ivLen)), b64u(r.ct), b64u(tag)];
};

/** A forged compact JWE. */
export const forgeJwe = (s: JweSpec): string => forgeJweSegments(s).join('.');

/** The segments' bytes (for flipping) and back. */
export const segmentBytes = (token: string): Buffer[] => token.split('.').map((p) => Buffer.from(p, 'base64url'));
export const joinSegments = (segs: Buffer[], header: string): string => [header, ...segs.slice(1).map((b) => b64u(b))].join('.');
