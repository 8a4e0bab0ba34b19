// Encrypted MicroJWT tokens: compact JWE dir + A256CBC-HS512 under
// PBKDF2-HMAC-SHA256(secret, "MicroJWT A256CBC-HS512", 1000, 64), derived once
// per instance; jose decrypts them with the key derived by one line of Node.
// Also the revocationStore hook in decryptJWT.
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { createCipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { MicroJWT } from '../../src/session/microjwt';
import { MemoryRevocationStore } from '../../src/revocation/memory';
import { decryptJWT } from '../../src/jwt/decrypt';
import * as E from '../../src/errors';
import { caught } from '../jwt/helpers';

const SECRET = 'your-very-secure-secret-key-32bytes+';
const serverKey = (secret = SECRET, salt = 'MicroJWT A256CBC-HS512', iterations = 1000) => pbkdf2Sync(secret, salt, iterations, 64, 'sha256');
const header = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString());

describe('encrypted MicroJWT tokens', () => {
  it('are compact JWEs (dir, A256CBC-HS512, typ JWT) that jose decrypts with the documented key', async () => {
    const jwt = new MicroJWT(SECRET, { silent: true });
    const t = jwt.createToken('user123', 'admin', { scope: 'read:write', name: 'José ☺' }, 'api.example.com', true);
    expect(t.split('.')).toHaveLength(5);
    expect(header(t)).toEqual({ alg: 'dir', enc: 'A256CBC-HS512', typ: 'JWT' });
    const { payload, protectedHeader } = await jose.jwtDecrypt(t, serverKey(), { audience: 'api.example.com' });
    expect(protectedHeader.enc).toBe('A256CBC-HS512');
    expect(payload).toMatchObject({ sub: 'user123', role: 'admin', scope: 'read:write', name: 'José ☺', aud: 'api.example.com' });
    expect(jwt.verifyToken(t, 'api.example.com', true)).toEqual(payload);
  });

  it('same secret, same key: another instance reads them; tokens jose encrypts with the key are accepted', async () => {
    const a = new MicroJWT(SECRET, { silent: true });
    const b = new MicroJWT(SECRET, { silent: true });
    expect(b.verifyToken(a.createToken('u', 'r', null, null, true), undefined, true)).toMatchObject({ sub: 'u' });
    const now = Math.floor(Date.now() / 1000);
    const fromJose = await new jose.EncryptJWT({ role: 'r' }).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512', typ: 'JWT' }).setSubject('s').setJti('j').setIssuedAt(now).setExpirationTime(now + 60).encrypt(serverKey());
    expect(a.verifyToken(fromJose, undefined, true)).toMatchObject({ sub: 's', role: 'r' });
  });

  it('derives the key once per instance, on first use', () => {
    const jwt = new MicroJWT(SECRET, { silent: true }) as MicroJWT & { _encKey?: Uint8Array };
    expect(jwt._encKey).toBeUndefined();
    jwt.createToken('u', 'r'); // plain tokens never derive it
    expect(jwt._encKey).toBeUndefined();
    const t = jwt.createToken('u', 'r', null, null, true);
    const k = jwt._encKey;
    expect(Buffer.from(k!)).toEqual(serverKey());
    jwt.verifyToken(t, undefined, true);
    jwt.createToken('v', 'r', null, null, true);
    expect(jwt._encKey).toBe(k);
  });

  it('the kdf option changes salt and iterations (the server uses the same)', async () => {
    const salt = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const jwt = new MicroJWT(SECRET, { silent: true, kdf: { iterations: 2000, salt } });
    const t = jwt.createToken('u', 'r', null, null, true);
    expect((await jose.jwtDecrypt(t, serverKey(SECRET, Buffer.from(salt) as unknown as string, 2000))).payload.sub).toBe('u');
    expect(new MicroJWT(SECRET, { silent: true }).verifyToken(t, undefined, true)).toBeNull();
    const s = new MicroJWT(SECRET, { silent: true, kdf: { salt: 'fleet-7' } }).createToken('u', 'r', null, null, true);
    expect((await jose.jwtDecrypt(s, serverKey(SECRET, 'fleet-7'))).payload.sub).toBe('u');
  });

  it('refresh keeps them encrypted and revokes the old one; wrong flag, tampering and other keys give null with the reason', () => {
    const jwt = new MicroJWT(SECRET, { silent: true });
    const t = jwt.createToken('u', 'r', { n: 1 }, 'aud', true);
    const n = jwt.refreshToken(t, true);
    expect(n.split('.')).toHaveLength(5);
    expect(jwt.verifyToken(n, 'aud', true)).toMatchObject({ n: 1 });
    expect(jwt.verifyToken(t, 'aud', true)).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.RevokedTokenError);
    expect(jwt.verifyToken(n, 'aud')).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.DecodeError);
    const plain = jwt.createToken('u', 'r');
    expect(jwt.verifyToken(plain, undefined, true)).toBeNull();
    const parts = n.split('.');
    parts[3] = parts[3].slice(0, -2) + (parts[3].slice(-2) === 'AA' ? 'BA' : 'AA');
    expect(jwt.verifyToken(parts.join('.'), 'aud', true)).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.DecryptionError);
    expect(new MicroJWT('another-secret-of-at-least-32-bytes!!', { silent: true }).verifyToken(n, 'aud', true)).toBeNull();
  });

  it('a token asking for "zip" is refused like any other bad token (null, NotSupportedError in lastError), never thrown', async () => {
    const jwt = new MicroJWT(SECRET, { silent: true });
    const t = jwt.createToken('u', 'r', null, null, true);
    // The same claims under the same key, with "zip" in the protected header (authentic: jose cannot make one, node:crypto can).
    const d = await jose.compactDecrypt(t, serverKey());
    const h = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256CBC-HS512', typ: 'JWT', zip: 'DEF' })).toString('base64url');
    const key = serverKey();
    const iv = Buffer.alloc(16, 3);
    const c = createCipheriv('aes-256-cbc', key.subarray(32), iv);
    const ct = Buffer.concat([c.update(d.plaintext), c.final()]);
    const al = Buffer.alloc(8);
    al.writeUInt32BE(h.length * 8, 4);
    const tag = createHmac('sha512', key.subarray(0, 32)).update(Buffer.concat([Buffer.from(h), iv, ct, al])).digest().subarray(0, 32);
    const z = [h, '', iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
    expect(jwt.verifyToken(z, undefined, true)).toBeNull();
    expect(jwt.lastError).toBeInstanceOf(E.NotSupportedError);
    expect(jwt.lastError!.code).toBe('ERR_JWE_ZIP');
    expect(() => jwt.refreshToken(z, true)).toThrow(E.NotSupportedError);
  });
});

describe('decryptJWT with revocationStore', () => {
  it('refuses a token whose jti the store holds (the same hook as verify)', async () => {
    const key = serverKey();
    const now = Math.floor(Date.now() / 1000);
    const t = await new jose.EncryptJWT({}).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).setJti('gone').setExpirationTime(now + 60).encrypt(key);
    const store = new MemoryRevocationStore();
    const opts = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256CBC-HS512'], revocationStore: store };
    expect(decryptJWT(t, key, opts)).toMatchObject({ jti: 'gone' });
    store.add('gone', now + 60);
    const e = caught(() => decryptJWT(t, key, opts));
    expect(e).toBeInstanceOf(E.RevokedTokenError);
    expect(e.code).toBe('ERR_TOKEN_REVOKED');
    expect(caught(() => decryptJWT(t, key, { ...opts, revocationStore: {} as never })).code).toBe('ERR_OPTIONS_INVALID');
  });
});
