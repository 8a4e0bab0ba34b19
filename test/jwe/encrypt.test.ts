// encrypt: options, keys (sizes, types, JWK alg/use/key_ops, KeySet), header.
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { encrypt } from '../../src/jwe/encrypt';
import { decrypt } from '../../src/jwe/decrypt';
import { KeySet } from '../../src/jwk/keyset';
import * as E from '../../src/errors';
import { caught } from '../jwt/helpers';

const K16 = new Uint8Array(16).fill(1);
const K32 = new Uint8Array(32).fill(2);
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const headerOf = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString());

describe('encrypt options', () => {
  it('alg and enc are required and must be supported', () => {
    expect(caught(() => encrypt('x', K32, undefined as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, {} as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, { alg: 'dir' } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, { alg: 'none', enc: 'A256GCM' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, { alg: 'dir', enc: '' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, { alg: 'RSA-OAEP', enc: 'A256GCM' }))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => encrypt('x', K32, { alg: 'dir', enc: 'A256CBC' }))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => encrypt('x', K32, { alg: 'dir', enc: 'a256gcm' }))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => encrypt('x', K32, { alg: 'dir', enc: 'A256GCM', algorithm: 'x' } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, { alg: 'dir', enc: 'A256GCM', kid: 3 } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('p2c and p2s only with PBES2; p2s of at least 8 bytes', () => {
    expect(caught(() => encrypt('x', K32, { alg: 'dir', enc: 'A256GCM', p2c: 1000 })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', 'pw', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2s: new Uint8Array(7) })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', 'pw', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2s: 'saltsalt' as any })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', 'pw', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 0 })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', 'pw', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1.5 })).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('the plaintext must be a string or bytes', () => {
    for (const p of [undefined, null, 1, {}, [1]]) expect(caught(() => encrypt(p as any, K32, { alg: 'dir', enc: 'A256GCM' })).code).toBe('ERR_INVALID_ARGUMENT');
  });
});

describe('encrypt keys', () => {
  it('sizes are exact for dir and AES key wrapping; a PBES2 password must not be empty', () => {
    const size = (f: () => unknown) => {
      const e = caught(f);
      expect(e).toBeInstanceOf(E.InvalidKeyError);
      expect(e.code).toBe('ERR_KEY_SIZE');
    };
    size(() => encrypt('x', K16, { alg: 'dir', enc: 'A256GCM' }));
    size(() => encrypt('x', K32, { alg: 'dir', enc: 'A256CBC-HS512' }));
    size(() => encrypt('x', K32, { alg: 'dir', enc: 'A128GCM' }));
    size(() => encrypt('x', K32, { alg: 'A128KW', enc: 'A128GCM' }));
    size(() => encrypt('x', K16, { alg: 'A256GCMKW', enc: 'A128GCM' }));
    size(() => encrypt('x', new Uint8Array(24), { alg: 'A128KW', enc: 'A128GCM' }));
    size(() => encrypt('x', '', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' }));
    // A string key is its UTF-8 bytes: 16 ASCII chars make an A128KW key.
    expect(encrypt('x', 'sixteen-byte-key', { alg: 'A128KW', enc: 'A128GCM' }).split('.').length).toBe(5);
    size(() => encrypt('x', 'sixteen-byte-kéy', { alg: 'A128KW', enc: 'A128GCM' }));
  });
  it('key types: string, bytes, oct JWK, KeySet; anything else is ERR_KEY_TYPE', () => {
    for (const k of [undefined, null, 5, [1, 2], { k: 'x' }, { kty: 'RSA', n: 'x' }]) {
      const e = caught(() => encrypt('x', k, { alg: 'A128KW', enc: 'A128GCM' }));
      expect(e, String(k)).toBeInstanceOf(E.InvalidKeyError);
      expect(e.code).toBe('ERR_KEY_TYPE');
    }
  });
  it('random-looking key bytes are accepted whatever their first byte (no PEM/JSON sniffing for AES keys)', () => {
    const k = new Uint8Array(16);
    k.set(Buffer.from('{"a":1}         '));
    expect(decrypt(encrypt('x', k, { alg: 'A128KW', enc: 'A128GCM' }), k, { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A128GCM'] }).plaintext.length).toBe(1);
  });
  it('a JWK must allow the operation: alg (or for dir the enc), use "enc", key_ops', () => {
    const jwk = (extra: object) => ({ kty: 'oct', k: b64u(K16), ...extra });
    const ok = (k: unknown, alg: string, enc = 'A128GCM') => expect(encrypt('x', k, { alg, enc }).split('.').length).toBe(5);
    const no = (k: unknown, alg: string, enc = 'A128GCM') => expect(caught(() => encrypt('x', k, { alg, enc })).code).toBe('ERR_KEY_NO_MATCH');
    ok(jwk({ alg: 'A128KW', use: 'enc', key_ops: ['wrapKey', 'unwrapKey'] }), 'A128KW');
    no(jwk({ alg: 'A256KW' }), 'A128KW');
    no(jwk({ use: 'sig' }), 'A128KW');
    no(jwk({ key_ops: ['unwrapKey'] }), 'A128KW');
    no(jwk({ key_ops: ['encrypt'] }), 'A128KW');
    ok(jwk({ alg: 'A128GCM', key_ops: ['encrypt'] }), 'dir');
    ok(jwk({ alg: 'dir' }), 'dir');
    no(jwk({ alg: 'A256GCM' }), 'dir');
    no(jwk({ key_ops: ['wrapKey'] }), 'dir');
    ok(jwk({ alg: 'PBES2-HS256+A128KW', key_ops: ['deriveKey'] }), 'PBES2-HS256+A128KW');
    no(jwk({ key_ops: ['wrapKey'] }), 'PBES2-HS256+A128KW');
  });
  it('a KeySet gives the one key for alg and use "enc", and its kid goes into the header', () => {
    const set = new KeySet({
      keys: [
        { kty: 'oct', k: b64u(K32), kid: 'mac', alg: 'HS256' },
        { kty: 'oct', k: b64u(K16), kid: 'kw1', alg: 'A128KW', use: 'enc' },
        { kty: 'oct', k: b64u(K32), kid: 'gcm', alg: 'A256GCM', use: 'enc' },
        { kty: 'oct', k: b64u(K32), kid: 'sig', use: 'sig' },
      ],
    });
    const t = encrypt('x', set, { alg: 'A128KW', enc: 'A256GCM' });
    expect(headerOf(t)).toEqual({ alg: 'A128KW', enc: 'A256GCM', kid: 'kw1' });
    expect(headerOf(encrypt('x', set, { alg: 'dir', enc: 'A256GCM' })).kid).toBe('gcm');
    expect(caught(() => encrypt('x', set, { alg: 'A256KW', enc: 'A256GCM' })).code).toBe('ERR_KEY_NO_MATCH');
    expect(caught(() => encrypt('x', set, { alg: 'A128KW', enc: 'A256GCM', kid: 'gcm' })).code).toBe('ERR_KEY_NO_MATCH');
    const two = new KeySet({ keys: [{ kty: 'oct', k: b64u(K16), kid: 'a' }, { kty: 'oct', k: b64u(K16), kid: 'b' }] });
    expect(caught(() => encrypt('x', two, { alg: 'A128KW', enc: 'A256GCM' })).code).toBe('ERR_KEY_MULTIPLE_MATCH');
    expect(headerOf(encrypt('x', two, { alg: 'A128KW', enc: 'A256GCM', kid: 'b' })).kid).toBe('b');
    // decrypt picks the key by the token's kid
    expect(decrypt(encrypt('y', two, { alg: 'A128KW', enc: 'A256GCM', kid: 'b' }), two, { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A256GCM'] }).header.kid).toBe('b');
  });
});

describe('encrypt header', () => {
  it('alg, enc, then kid, typ, cty, then the extra members', () => {
    const t = encrypt('x', K32, { alg: 'dir', enc: 'A256GCM', kid: 'k', cty: 'text/plain', header: { typ: 'x+jwt', 'urn:x': [1, 'é'] } });
    expect(Buffer.from(t.split('.')[0], 'base64url').toString()).toBe('{"alg":"dir","enc":"A256GCM","kid":"k","typ":"x+jwt","cty":"text/plain","urn:x":[1,"é"]}');
    expect(t.split('.')[1]).toBe('');
  });
  it('conflicts, members the key management sets, zip and bad crit are refused', () => {
    const o = (header: Record<string, unknown>) => ({ alg: 'dir', enc: 'A256GCM', header });
    expect(caught(() => encrypt('x', K32, o({ alg: 'A128KW' }))).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, o({ enc: 'A128GCM' }))).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, { ...o({ kid: 'a' }), kid: 'b' })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, o({ kid: 3 }))).code).toBe('ERR_OPTIONS_INVALID');
    for (const name of ['iv', 'tag', 'p2s', 'p2c', 'epk']) expect(caught(() => encrypt('x', K32, o({ [name]: 'AAAA' }))).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, o({ zip: 'DEF' })))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => encrypt('x', K32, o({ crit: ['enc'] }))).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => encrypt('x', K32, o({ crit: ['x'] }))).code).toBe('ERR_OPTIONS_INVALID');
    expect(headerOf(encrypt('x', K32, o({ crit: ['x'], x: 1, alg: 'dir' })))).toEqual({ alg: 'dir', enc: 'A256GCM', crit: ['x'], x: 1 });
  });
  it('jose reads the header and refuses an unknown crit extension, as microjwt does', async () => {
    const t = encrypt('x', K32, { alg: 'dir', enc: 'A256GCM', header: { crit: ['x'], x: 1 } });
    await expect(jose.compactDecrypt(t, K32)).rejects.toThrow();
    expect(new TextDecoder().decode((await jose.compactDecrypt(t, K32, { crit: { x: true } })).plaintext)).toBe('x');
    expect(caught(() => decrypt(t, K32, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] })).code).toBe('ERR_JWS_CRIT');
    expect(decrypt(t, K32, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'], crit: ['x'] }).header).toEqual({ alg: 'dir', enc: 'A256GCM', crit: ['x'], x: 1 });
  });
});
