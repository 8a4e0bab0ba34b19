// decrypt: options, strict parsing, header policy, key management checks,
// and the one DecryptionError. Hostile headers come with a valid tag (made
// with node:crypto), so the check under test is the one that fails.
import { describe, expect, it } from 'vitest';
import { createCipheriv, randomBytes } from 'node:crypto';
import { encrypt } from '../../src/jwe/encrypt';
import { decrypt } from '../../src/jwe/decrypt';
import * as E from '../../src/errors';
import { caught } from '../jwt/helpers';
import { ALGS, ENCS, keyFor } from './helpers';

const KEY = new Uint8Array(32).fill(9);
const OPTS = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };
const b64u = (b: Uint8Array | string) => Buffer.from(b as any).toString('base64url');

/** A dir/A256GCM JWE over raw header text, authentic under KEY. */
const forge = (headerText: string, plaintext = 'hello', key: Uint8Array = KEY): string => {
  const h = b64u(Buffer.from(headerText, 'utf8'));
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(h, 'ascii'));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return h + '..' + b64u(iv) + '.' + b64u(ct) + '.' + b64u(c.getAuthTag());
};

describe('decrypt options', () => {
  const t = forge('{"alg":"dir","enc":"A256GCM"}');
  it('both algorithm lists are required, non-empty and supported', () => {
    expect(Buffer.from(decrypt(t, KEY, OPTS).plaintext).toString()).toBe('hello');
    expect(caught(() => decrypt(t, KEY, undefined as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decrypt(t, KEY, {} as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decrypt(t, KEY, { keyManagementAlgorithms: ['dir'] } as any)).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decrypt(t, KEY, { ...OPTS, keyManagementAlgorithms: [] })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decrypt(t, KEY, { ...OPTS, keyManagementAlgorithms: 'dir' as any })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decrypt(t, KEY, { ...OPTS, keyManagementAlgorithms: ['none'] })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decrypt(t, KEY, { ...OPTS, keyManagementAlgorithms: ['dir', 'ECDH-ES'] }))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => decrypt(t, KEY, { ...OPTS, contentEncryptionAlgorithms: ['HS256'] }))).toBeInstanceOf(E.NotSupportedError);
    expect(caught(() => decrypt(t, KEY, { ...OPTS, maxPBES2Count: 0 })).code).toBe('ERR_OPTIONS_INVALID');
    expect(caught(() => decrypt(t, KEY, { ...OPTS, algorithms: ['HS256'] } as any)).code).toBe('ERR_OPTIONS_INVALID');
  });
  it('alg and enc must be in the lists', () => {
    expect(caught(() => decrypt(t, KEY, { ...OPTS, keyManagementAlgorithms: ['A256KW'] }))).toBeInstanceOf(E.InvalidAlgorithmError);
    expect(caught(() => decrypt(t, KEY, { ...OPTS, contentEncryptionAlgorithms: ['A128GCM'] }))).toBeInstanceOf(E.InvalidAlgorithmError);
    for (const h of ['{"enc":"A256GCM"}', '{"alg":"dir"}', '{"alg":1,"enc":"A256GCM"}', '{"alg":"none","enc":"A256GCM"}', '{"alg":"DIR","enc":"A256GCM"}']) {
      expect(caught(() => decrypt(forge(h), KEY, OPTS)), h).toBeInstanceOf(E.InvalidAlgorithmError);
    }
  });
  it('a name from the token is quoted and cut in the message (no kilobytes, no forged log lines)', () => {
    for (const h of ['{"alg":"' + 'A256KW'.repeat(300) + '","enc":"A256GCM"}', '{"alg":"dir","enc":"' + 'A256GCM'.repeat(300) + '"}', '{"alg":"dir","enc":"x\\nERROR forged"}']) {
      const e = caught(() => decrypt(forge(h), KEY, OPTS));
      expect(e, h).toBeInstanceOf(E.InvalidAlgorithmError);
      expect(e.message.length, e.message).toBeLessThan(120);
      expect(e.message).not.toContain('\n');
    }
  });
});

describe('decrypt: strict parsing', () => {
  const good = forge('{"alg":"dir","enc":"A256GCM"}');
  const segs = good.split('.');
  const dec = (t: unknown, o: object = {}) => caught(() => decrypt(t as string, KEY, { ...OPTS, ...o }));
  it('a string of exactly five segments, within maxTokenLength', () => {
    for (const t of [undefined, 5, {}, segs.slice(0, 4).join('.'), good + '.', good + '.x', segs.join('..')]) expect(dec(t), String(t)).toBeInstanceOf(E.DecodeError);
    expect(dec(good, { maxTokenLength: good.length - 1 }).code).toBe('ERR_JWT_TOO_LONG');
    expect(decrypt(good, KEY, { ...OPTS, maxTokenLength: good.length }).plaintext.length).toBe(5);
    expect(dec('x'.repeat(5000)).code).toBe('ERR_JWT_TOO_LONG');
  });
  it('strict base64url in every segment', () => {
    for (let s = 0; s < 5; s++) {
      for (const bad of ['=', '+', '/', ' ', '\n']) {
        const t = segs.slice();
        t[s] = t[s] + bad;
        expect(dec(t.join('.')), s + ' ' + JSON.stringify(bad)).toBeInstanceOf(E.DecodeError);
      }
    }
  });
  it('the header is a strict JSON object (unique names, no __proto__), kid/typ/cty strings', () => {
    for (const h of [
      '{"alg":"dir","enc":"A256GCM","alg":"dir"}',
      '{"alg":"dir","enc":"A256GCM","__proto__":{"x":1}}',
      '{"alg":"dir","enc":"A256GCM",}',
      '["alg"]',
      '{"alg":"dir","enc":"A256GCM","kid":1}',
      '{"alg":"dir","enc":"A256GCM","typ":null}',
      '{"alg":"dir","enc":"A256GCM","cty":{}}',
      '{"alg":"dir","enc":"A256GCM"} x',
    ]) {
      expect(dec(forge(h)), h).toBeInstanceOf(E.DecodeError);
    }
  });
  it('zip is not supported; crit as in verify', () => {
    expect(dec(forge('{"alg":"dir","enc":"A256GCM","zip":"DEF"}'))).toBeInstanceOf(E.NotSupportedError);
    expect(dec(forge('{"alg":"dir","enc":"A256GCM","crit":["zip"],"zip":"DEF"}'))).toBeInstanceOf(E.NotSupportedError);
    expect(dec(forge('{"alg":"dir","enc":"A256GCM","crit":["enc"]}')).code).toBe('ERR_JWS_CRIT');
    expect(dec(forge('{"alg":"dir","enc":"A256GCM","crit":["exp"]}'), { crit: ['exp'] }).code).toBe('ERR_JWS_CRIT');
    expect(decrypt(forge('{"alg":"dir","enc":"A256GCM","crit":["exp"],"exp":1}'), KEY, { ...OPTS, crit: ['exp'] }).header.exp).toBe(1);
  });
  it('IV and tag of exactly the enc\'s lengths; dir has an empty encrypted key', () => {
    const t = (i: number, v: string) => {
      const x = segs.slice();
      x[i] = v;
      return x.join('.');
    };
    expect(dec(t(2, b64u(randomBytes(16))))).toBeInstanceOf(E.DecodeError);
    expect(dec(t(2, b64u(randomBytes(11))))).toBeInstanceOf(E.DecodeError);
    expect(dec(t(4, b64u(randomBytes(15))))).toBeInstanceOf(E.DecodeError);
    expect(dec(t(4, b64u(randomBytes(32))))).toBeInstanceOf(E.DecodeError);
    expect(dec(t(4, ''))).toBeInstanceOf(E.DecodeError);
    expect(dec(t(1, b64u(randomBytes(40))))).toBeInstanceOf(E.DecodeError);
    const cbc = encrypt('x', new Uint8Array(64), { alg: 'dir', enc: 'A256CBC-HS512' }).split('.');
    const o = { contentEncryptionAlgorithms: ['A256CBC-HS512'] };
    const c = (i: number, v: string) => {
      const x = cbc.slice();
      x[i] = v;
      return caught(() => decrypt(x.join('.'), new Uint8Array(64), { ...OPTS, ...o }));
    };
    expect(c(4, b64u(randomBytes(16)))).toBeInstanceOf(E.DecodeError);
    expect(c(4, b64u(randomBytes(64)))).toBeInstanceOf(E.DecodeError);
    expect(c(2, b64u(randomBytes(12)))).toBeInstanceOf(E.DecodeError);
    expect(c(4, b64u(randomBytes(32)))).toBeInstanceOf(E.DecryptionError);
  });
});

describe('decrypt: key management header parameters', () => {
  it('GCMKW needs iv (12 bytes) and tag (16 bytes) strings', () => {
    const k = new Uint8Array(16).fill(3);
    const t = encrypt('x', k, { alg: 'A128GCMKW', enc: 'A128GCM' });
    const h = JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString());
    const withHeader = (hh: object) => b64u(JSON.stringify(hh)) + t.substr(t.indexOf('.'));
    const opts = { keyManagementAlgorithms: ['A128GCMKW'], contentEncryptionAlgorithms: ['A128GCM'] };
    for (const bad of [{ iv: undefined }, { tag: undefined }, { iv: 5 }, { iv: b64u(randomBytes(16)) }, { tag: b64u(randomBytes(12)) }, { iv: h.iv + '=' }]) {
      expect(caught(() => decrypt(withHeader({ ...h, ...bad }), k, opts)), JSON.stringify(bad)).toBeInstanceOf(E.DecodeError);
    }
    // a wrong (well-formed) tag is a failed unwrap: the one DecryptionError
    expect(caught(() => decrypt(withHeader({ ...h, tag: b64u(randomBytes(16)) }), k, opts))).toBeInstanceOf(E.DecryptionError);
  });
  it('PBES2 needs p2s of at least 8 bytes and an integer p2c up to maxPBES2Count (default 10,000)', () => {
    const t = encrypt('x', 'pw', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 10 });
    const h = JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString());
    const withHeader = (hh: object) => b64u(JSON.stringify(hh)) + t.substr(t.indexOf('.'));
    const opts = { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], contentEncryptionAlgorithms: ['A128GCM'] };
    for (const bad of [{ p2s: undefined }, { p2c: undefined }, { p2s: b64u(randomBytes(7)) }, { p2s: 'a+b' }, { p2c: 0 }, { p2c: -5 }, { p2c: 1.5 }, { p2c: '10' }]) {
      expect(caught(() => decrypt(withHeader({ ...h, ...bad }), 'pw', opts)), JSON.stringify(bad)).toBeInstanceOf(E.DecodeError);
    }
    const big = caught(() => decrypt(withHeader({ ...h, p2c: 10001 }), 'pw', opts));
    expect(big).toBeInstanceOf(E.InvalidTokenError);
    expect(big.code).toBe('ERR_JWE_PBES2_COUNT');
    expect(caught(() => decrypt(withHeader({ ...h, p2c: 10000 }), 'pw', opts))).toBeInstanceOf(E.DecryptionError);
    expect(caught(() => decrypt(t, 'pw', { ...opts, maxPBES2Count: 9 })).code).toBe('ERR_JWE_PBES2_COUNT');
    expect(Buffer.from(decrypt(t, 'pw', { ...opts, maxPBES2Count: 10 }).plaintext).toString()).toBe('x');
  });
});

describe('decrypt: one DecryptionError', () => {
  for (const alg of ALGS) {
    it(alg + ': a wrong key (of the right size) fails with the same error and message for every enc', () => {
      for (const enc of ENCS) {
        const t = encrypt('secret', keyFor(alg, enc), alg.startsWith('PBES2') ? { alg, enc, p2c: 10 } : { alg, enc });
        const wrong = alg.startsWith('PBES2') ? 'another password' : keyFor(alg, enc);
        const e = caught(() => decrypt(t, wrong, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] }));
        expect(e, enc).toBeInstanceOf(E.DecryptionError);
        expect(e.message).toBe('decryption failed');
        expect(e.code).toBe('ERR_JWE_DECRYPTION');
      }
    });
  }
  it('a key of the wrong size for the token is InvalidKeyError (sizes are public)', () => {
    const t = encrypt('x', KEY, { alg: 'dir', enc: 'A256GCM' });
    expect(caught(() => decrypt(t, new Uint8Array(16), OPTS)).code).toBe('ERR_KEY_SIZE');
  });
  it('the header returned is a fresh plain object; the plaintext a Uint8Array', () => {
    const r = decrypt(encrypt(new Uint8Array([0, 255]), KEY, { alg: 'dir', enc: 'A256GCM', kid: 'k' }), KEY, OPTS);
    expect(Object.getPrototypeOf(r.header)).toBe(Object.prototype);
    expect(r.header).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'k' });
    expect(r.plaintext).toBeInstanceOf(Uint8Array);
    expect(Array.from(r.plaintext)).toEqual([0, 255]);
  });
});
