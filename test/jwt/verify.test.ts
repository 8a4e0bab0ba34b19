// verify(): vectors, the order of checks, hostile input, options, keys.
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { verify } from '../../src/jwt/verify';
import { sign } from '../../src/jwt/sign';
import * as E from '../../src/errors';
import { forge, forgeClaims, SECRET, NOW, caught, vectors, b64u } from './helpers';

const opts = { algorithms: ['HS256'], currentTime: NOW };
const expectError = (fn: () => unknown, ctor: any, code?: string) => {
  const e = caught(fn);
  expect(e).toBeInstanceOf(ctor);
  if (code) expect(e.code).toBe(code);
  return e;
};

describe('vectors', () => {
  const a1 = vectors.jose.rfc7515_a1_hs256;
  it('RFC 7515 A.1 (CR LF in header and payload) with a clock before its exp', () => {
    expect(verify(a1.compact, a1.key_jwk, { algorithms: ['HS256'], currentTime: 1300819000, minClock: 0 })).toEqual(a1.payload);
  });
  it('RFC 7515 A.1 with the real clock: expired', () => {
    expectError(() => verify(a1.compact, a1.key_jwk, { algorithms: ['HS256'] }), E.ExpiredSignatureError, 'ERR_JWT_EXPIRED');
  });
  it('RFC 7515 A.1 at its clock but with the default minClock: ClockNotSetError', () => {
    expectError(() => verify(a1.compact, a1.key_jwk, { algorithms: ['HS256'], currentTime: 1300819000 }), E.ClockNotSetError);
  });
  it('RFC 7515 A.1 with one flipped signature bit', () => {
    const t = a1.compact.slice(0, -2) + (a1.compact.slice(-2, -1) === 'j' ? 'k' : 'j') + a1.compact.slice(-1);
    expectError(() => verify(t, a1.key_jwk, { algorithms: ['HS256'], currentTime: 1300819000, minClock: 0 }), E.InvalidSignatureError, 'ERR_JWS_SIGNATURE');
  });
  it('the jose documentation HS256 JWT (UTF-8 string secret, iss + aud)', () => {
    const v = vectors.jose.jose_doc_hs256_jwt;
    expect(verify(v.compact, v.secret_utf8, { algorithms: ['HS256'], ...v.verify_options })).toEqual(v.payload);
    expect(verify(v.compact, new TextEncoder().encode(v.secret_utf8), { algorithms: ['HS256'], ...v.verify_options })).toEqual(v.payload);
    expectError(() => verify(v.compact, v.secret_utf8, { algorithms: ['HS256'], issuer: v.verify_options.issuer }), E.InvalidAudienceError);
  });
  it('RFC 7520 4.4 is a JWS, not a JWT: verify refuses its text payload after the signature check', () => {
    const v = vectors.jose.rfc7520_4_4_hs256;
    const e = expectError(() => verify(v.compact, v.key_jwk, { algorithms: ['HS256'] }), E.DecodeError);
    expect(e).not.toBeInstanceOf(E.InvalidSignatureError);
  });
});

describe('order of checks', () => {
  const good = forgeClaims({ a: 1 });
  it('length limit comes first (before segments and base64url)', () => {
    expectError(() => verify('x'.repeat(5000), SECRET, opts), E.DecodeError, 'ERR_JWT_TOO_LONG');
    expectError(() => verify(good, SECRET, { ...opts, maxTokenLength: good.length - 1 }), E.DecodeError, 'ERR_JWT_TOO_LONG');
    expect(verify(good, SECRET, { ...opts, maxTokenLength: good.length })).toEqual({ a: 1 });
  });
  it.each([
    ['no dot', 'abc'],
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['five segments (JWE)', 'a.b.c.d.e'],
    ['empty', ''],
    ['only dots', '..'],
  ])('segments: %s', (_n, token) => {
    const e = expectError(() => verify(token, SECRET, opts), E.DecodeError);
    if (token !== '..') expect(e.code).toBe('ERR_JWT_MALFORMED');
  });
  it('not a string', () => {
    for (const t of [undefined, null, 12, {}, new Uint8Array(3)]) expectError(() => verify(t as any, SECRET, opts), E.DecodeError, 'ERR_JWT_MALFORMED');
  });
  it('strict base64url in every segment, before the header JSON', () => {
    const [h, p, s] = good.split('.');
    for (const t of [h + '=.' + p + '.' + s, h + '.' + p + '=.' + s, h + '.' + p + '.' + s + '=', h + '.' + p + '+.' + s, '!!.' + p + '.' + s, h + '.' + p + '.' + s.slice(0, -1) + '_']) {
      expectError(() => verify(t, SECRET, opts), E.DecodeError, 'ERR_BASE64URL');
    }
    // header is not JSON but the payload segment is bad base64url: base64url wins
    expectError(() => verify(b64u('nope') + '.' + p + '=.' + s, SECRET, opts), E.DecodeError, 'ERR_BASE64URL');
  });
  it('header must be a JSON object', () => {
    for (const h of ['[1]', '"x"', '1', 'null', '', 'nope', '{"alg":"HS256"']) {
      const e = expectError(() => verify(forge(h, '{}', SECRET, 'HS256'), SECRET, opts), E.DecodeError);
      expect(e).not.toBeInstanceOf(E.InvalidSignatureError);
    }
  });
  it('crit is checked before alg, alg before the key, the key before the signature', () => {
    const critBad = forge('{"alg":"none","crit":["exp"],"exp":1}', '{}');
    expectError(() => verify(critBad, SECRET, opts), E.InvalidTokenError, 'ERR_JWS_CRIT');
    const algBad = forge('{"alg":"HS384"}', '{}', 'short');
    expectError(() => verify(algBad, 'short', opts), E.InvalidAlgorithmError);
    const keyBad = forge('{"alg":"HS256"}', '{}', 'short');
    expectError(() => verify(keyBad, 'short', opts), E.InvalidKeyError, 'ERR_KEY_TOO_SHORT');
  });
  it('the signature is checked before the payload is parsed', () => {
    const t = forge('{"alg":"HS256"}', 'not json', 'another-key-'.repeat(4));
    expectError(() => verify(t, SECRET, opts), E.InvalidSignatureError);
    expectError(() => verify(forge('{"alg":"HS256"}', 'not json'), SECRET, opts), E.DecodeError, 'ERR_JSON');
  });
});

describe('alg', () => {
  it.each(['none', 'NONE', 'None', 'nOnE'])('alg %s is refused even if listed... (options refuse it)', (alg) => {
    const t = b64u(JSON.stringify({ alg })) + '.' + b64u('{}') + '.';
    expectError(() => verify(t, SECRET, opts), E.InvalidAlgorithmError, 'ERR_JWS_ALGORITHM');
    expectError(() => verify(t, SECRET, { ...opts, algorithms: [alg] }), E.JWTError, 'ERR_OPTIONS_INVALID');
  });
  it('alg none with an empty key and a forged empty signature', () => {
    const t = b64u('{"alg":"none","typ":"JWT"}') + '.' + b64u('{"admin":true}') + '.';
    expectError(() => verify(t, '', opts), E.InvalidAlgorithmError);
  });
  it('alg not in algorithms', () => {
    const t = forgeClaims({}, SECRET, 'HS512');
    expectError(() => verify(t, SECRET, opts), E.InvalidAlgorithmError);
    expect(verify(t, SECRET, { ...opts, algorithms: ['HS256', 'HS512'] })).toEqual({});
  });
  it('alg missing, not a string, RS256 (key confusion), case-changed', () => {
    for (const h of ['{}', '{"alg":null}', '{"alg":1}', '{"alg":["HS256"]}', '{"alg":"RS256"}', '{"alg":"hs256"}', '{"alg":"HS256 "}']) {
      expectError(() => verify(forge(h, '{}', SECRET, 'HS256'), SECRET, opts), E.InvalidAlgorithmError);
    }
  });
  it('HS384 and HS512 tokens', () => {
    for (const alg of ['HS384', 'HS512']) {
      const t = forgeClaims({ x: alg }, SECRET, alg);
      expect(verify(t, SECRET, { ...opts, algorithms: [alg] })).toEqual({ x: alg });
      // a token signed with another HS algorithm but relabelled
      const [h, p, s] = t.split('.');
      const relabelled = b64u(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) + '.' + p + '.' + s;
      expectError(() => verify(relabelled, SECRET, { ...opts, algorithms: ['HS256', alg] }), E.InvalidSignatureError);
      expect(h).toBeTruthy();
    }
  });
});

describe('hostile headers and payloads', () => {
  it.each([
    ['__proto__ in header', '{"alg":"HS256","__proto__":{"alg":"none"}}', '{}'],
    ['escaped __proto__ in header', '{"alg":"HS256","\\u005f_proto__":{"x":1}}', '{}'],
    ['__proto__ primitive in header', '{"__proto__":1,"alg":"HS256"}', '{}'],
    ['__proto__ in payload', '{"alg":"HS256"}', '{"__proto__":{"exp":1}}'],
    ['escaped __proto__ in payload', '{"alg":"HS256"}', '{"\\u005f\\u005fproto__":{"admin":true}}'],
    ['nested __proto__ in payload', '{"alg":"HS256"}', '{"a":{"__proto__":{"b":1}}}'],
    ['duplicate alg', '{"alg":"none","alg":"HS256"}', '{}'],
    ['duplicate alg (other order)', '{"alg":"HS256","alg":"none"}', '{}'],
    ['duplicate claim', '{"alg":"HS256"}', '{"sub":"a","sub":"b"}'],
    ['duplicate nested', '{"alg":"HS256"}', '{"a":{"b":1,"b":2}}'],
    ['escaped duplicate', '{"alg":"HS256"}', '{"sub":"a","s\\u0075b":"b"}'],
    ['trailing comma header', '{"alg":"HS256",}', '{}'],
    ['trailing comma payload', '{"alg":"HS256"}', '{"a":1,}'],
    ['trailing junk', '{"alg":"HS256"}', '{"a":1}x'],
    ['two values', '{"alg":"HS256"}', '{"a":1}{"b":2}'],
    ['single quotes', '{"alg":"HS256"}', "{'a':1}"],
    ['leading zero', '{"alg":"HS256"}', '{"exp":01700000100}'],
    ['big integer', '{"alg":"HS256"}', '{"n":9007199254740993}'],
    ['NaN', '{"alg":"HS256"}', '{"n":NaN}'],
    ['array payload', '{"alg":"HS256"}', '[1,2]'],
    ['string payload', '{"alg":"HS256"}', '"hello"'],
    ['number payload', '{"alg":"HS256"}', '42'],
    ['null payload', '{"alg":"HS256"}', 'null'],
    ['empty payload', '{"alg":"HS256"}', ''],
    ['lone surrogate escape', '{"alg":"HS256"}', '{"a":"\\ud800"}'],
  ])('%s -> DecodeError', (_n, header, payload) => {
    const e = expectError(() => verify(forge(header, payload, SECRET, 'HS256'), SECRET, opts), E.DecodeError);
    expect(e).not.toBeInstanceOf(E.InvalidSignatureError);
  });

  it('invalid UTF-8 in the payload -> DecodeError', () => {
    const bad = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expectError(() => verify(forge('{"alg":"HS256"}', bad), SECRET, opts), E.DecodeError);
    const overlong = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    expectError(() => verify(forge('{"alg":"HS256"}', overlong), SECRET, opts), E.DecodeError);
  });

  it('kid and typ of the wrong type are malformed headers', () => {
    expectError(() => verify(forge('{"alg":"HS256","kid":1}', '{}'), SECRET, opts), E.DecodeError, 'ERR_JWT_MALFORMED');
    expectError(() => verify(forge('{"alg":"HS256","typ":{}}', '{}'), SECRET, opts), E.DecodeError, 'ERR_JWT_MALFORMED');
  });

  it('a payload claim named like an Object.prototype member does not confuse the checks', () => {
    const t = forgeClaims({ constructor: 1, hasOwnProperty: 'x', toString: 2 });
    expect(verify(t, SECRET, opts)).toEqual({ constructor: 1, hasOwnProperty: 'x', toString: 2 });
  });

  it('the returned payload has Object.prototype and is a fresh object each time', () => {
    const t = forgeClaims({ a: { b: 1 } });
    const p1 = verify(t, SECRET, opts) as any;
    const p2 = verify(t, SECRET, opts) as any;
    expect(Object.getPrototypeOf(p1)).toBe(Object.prototype);
    p1.a.b = 2;
    expect(p2.a.b).toBe(1);
  });

  it('Unicode escapes above 0xFF and surrogate pairs decode correctly', () => {
    const t = forge('{"alg":"HS256"}', '{"n":"Jos\\u00e9 \\u263a \\ud834\\udd1e \\u2019"}');
    expect(verify(t, SECRET, opts)).toEqual({ n: 'José ☺ 𝄞 \u2019' });
  });
});

describe('crit and b64', () => {
  it('unknown crit is refused; understood crit is accepted', () => {
    const t = forge('{"alg":"HS256","crit":["exp"],"exp":1}', '{}');
    expectError(() => verify(t, SECRET, opts), E.InvalidTokenError, 'ERR_JWS_CRIT');
    expect(verify(t, SECRET, { ...opts, crit: ['exp'] })).toEqual({});
  });
  it.each([
    ['empty crit', '{"alg":"HS256","crit":[]}'],
    ['crit not an array', '{"alg":"HS256","crit":"x","x":1}'],
    ['crit with a number', '{"alg":"HS256","crit":[1]}'],
    ['crit names a registered header', '{"alg":"HS256","crit":["alg"]}'],
    ['crit names an absent header', '{"alg":"HS256","crit":["x"]}'],
    ['crit lists a name twice', '{"alg":"HS256","crit":["x","x"],"x":1}'],
  ])('%s', (_n, h) => {
    expectError(() => verify(forge(h, '{}'), SECRET, { ...opts, crit: ['x'] }), E.InvalidTokenError, 'ERR_JWS_CRIT');
  });
  it('b64: false (RFC 7797) is not supported, with or without crit', () => {
    expectError(() => verify(forge('{"alg":"HS256","b64":false,"crit":["b64"]}', '{}'), SECRET, { ...opts, crit: ['b64'] }), E.InvalidTokenError, 'ERR_JWS_B64');
    expectError(() => verify(forge('{"alg":"HS256","b64":false}', '{}'), SECRET, opts), E.InvalidTokenError, 'ERR_JWS_B64');
    expectError(() => verify(forge('{"alg":"HS256","b64":true,"crit":["b64"]}', '{}'), SECRET, { ...opts, crit: ['b64'] }), E.InvalidTokenError, 'ERR_JWS_B64');
  });
});

describe('options', () => {
  const t = forgeClaims({ a: 1 });
  it('algorithms is required', () => {
    for (const o of [undefined, {}, { algorithms: [] }, { algorithms: 'HS256' }, { algorithms: [1] }, { algorithms: undefined }]) {
      expectError(() => verify(t, SECRET, o as any), E.JWTError, 'ERR_OPTIONS_INVALID');
    }
  });
  it('unsupported algorithms in the list', () => {
    expectError(() => verify(t, SECRET, { algorithms: ['HS256', 'RS256'] }), E.NotSupportedError, 'ERR_NOT_SUPPORTED');
  });
  it.each([
    ['audience', 1], ['audience', []], ['audience', [1]], ['issuer', {}], ['subject', ['a']], ['typ', 1],
    ['leeway', -1], ['leeway', '5'], ['leeway', Infinity], ['leeway', NaN], ['maxAge', -5], ['maxAge', '1h'],
    ['requiredClaims', 'exp'], ['requiredClaims', [1]], ['clock', 5], ['currentTime', 'now'], ['currentTime', Infinity],
    ['minClock', -1], ['crit', 'x'], ['validate', true], ['complete', 1], ['maxTokenLength', 0], ['maxTokenLength', 1.5],
    ['minKeyLength', 0], ['minKeyLength', '8'], ['audiance', 'typo'], ['ignoreExpiration', true],
  ])('%s = %j -> ERR_OPTIONS_INVALID at call time', (name, value) => {
    // Even with a garbage token: options are checked first.
    expectError(() => verify('garbage', SECRET, { algorithms: ['HS256'], [name]: value } as any), E.JWTError, 'ERR_OPTIONS_INVALID');
  });
  it('options must be a plain object; clock and currentTime are exclusive', () => {
    expectError(() => verify(t, SECRET, ['HS256'] as any), E.JWTError, 'ERR_OPTIONS_INVALID');
    expectError(() => verify(t, SECRET, { algorithms: ['HS256'], clock: () => NOW, currentTime: NOW }), E.JWTError, 'ERR_OPTIONS_INVALID');
  });
  it('an option set to undefined counts as absent', () => {
    expect(verify(t, SECRET, { algorithms: ['HS256'], audience: undefined, leeway: undefined })).toEqual({ a: 1 });
  });
  it('typ', () => {
    const jwt = forge('{"alg":"HS256","typ":"JWT"}', '{}');
    expect(verify(jwt, SECRET, { ...opts, typ: 'JWT' })).toEqual({});
    expect(verify(jwt, SECRET, { ...opts, typ: 'application/jwt' })).toEqual({});
    const at = forge('{"alg":"HS256","typ":"at+jwt"}', '{}');
    expectError(() => verify(at, SECRET, { ...opts, typ: 'JWT' }), E.InvalidTokenError, 'ERR_JWT_TYP');
    expect(verify(at, SECRET, { ...opts, typ: 'application/at+JWT' })).toEqual({});
    expectError(() => verify(forge('{"alg":"HS256"}', '{}'), SECRET, { ...opts, typ: 'JWT' }), E.InvalidTokenError, 'ERR_JWT_TYP');
    // RFC 7515 4.1.9: "application/" is implied only for a value without '/'.
    const xjwt = forge('{"alg":"HS256","typ":"application/x/jwt"}', '{}');
    expectError(() => verify(xjwt, SECRET, { ...opts, typ: 'x/jwt' }), E.InvalidTokenError, 'ERR_JWT_TYP');
    expect(verify(xjwt, SECRET, { ...opts, typ: 'Application/X/JWT' })).toEqual({});
    expectError(() => verify(forge('{"alg":"HS256","typ":"x/jwt"}', '{}'), SECRET, { ...opts, typ: 'application/x/jwt' }), E.InvalidTokenError, 'ERR_JWT_TYP');
  });
  it('complete: header, payload and signature; the header is a fresh copy', () => {
    const token = forge('{"alg":"HS256","kid":"k1","x":{"y":1}}', '{"a":1}');
    const r = verify(token, SECRET, { ...opts, complete: true }) as any;
    expect(r).toEqual({ header: { alg: 'HS256', kid: 'k1', x: { y: 1 } }, payload: { a: 1 }, signature: token.split('.')[2] });
    r.header.x.y = 2;
    r.header.alg = 'none';
    expect((verify(token, SECRET, { ...opts, complete: true }) as any).header).toEqual({ alg: 'HS256', kid: 'k1', x: { y: 1 } });
  });
  it('validate(payload, header) runs last, and what it throws propagates', () => {
    const seen: unknown[] = [];
    const token = forge('{"alg":"HS256","typ":"JWT"}', '{"role":"user"}');
    expect(verify(token, SECRET, { ...opts, validate: (p, h) => void seen.push(p, h) })).toEqual({ role: 'user' });
    expect(seen).toEqual([{ role: 'user' }, { alg: 'HS256', typ: 'JWT' }]);
    const boom = new Error('custom');
    expect(caught(() => verify(token, SECRET, { ...opts, validate: () => { throw boom; } }))).toBe(boom);
    // not reached when a claim fails first
    let ran = false;
    expectError(() => verify(forgeClaims({ exp: 1 }), SECRET, { ...opts, validate: () => { ran = true; } }), E.ExpiredSignatureError);
    expect(ran).toBe(false);
  });
  it('maxTokenLength default is 4096', () => {
    const big = forgeClaims({ pad: 'x'.repeat(3200) });
    expect(big.length).toBeGreaterThan(4096);
    expectError(() => verify(big, SECRET, opts), E.DecodeError, 'ERR_JWT_TOO_LONG');
    expect(verify(big, SECRET, { ...opts, maxTokenLength: 8192 })).toEqual({ pad: 'x'.repeat(3200) });
  });
});

describe('keys at verify', () => {
  it('string, bytes and JWK forms of the same secret', () => {
    const t = forgeClaims({ a: 1 });
    const bytes = new TextEncoder().encode(SECRET);
    expect(verify(t, SECRET, opts)).toEqual({ a: 1 });
    expect(verify(t, bytes, opts)).toEqual({ a: 1 });
    expect(verify(t, Buffer.from(bytes), opts)).toEqual({ a: 1 });
    expect(verify(t, { kty: 'oct', k: b64u(bytes) }, opts)).toEqual({ a: 1 });
  });
  it('a Uint8Array changed in place is not served from a stale cache', () => {
    const key = new Uint8Array(32).fill(7);
    const t = forgeClaims({ a: 1 }, key);
    expect(verify(t, key, opts)).toEqual({ a: 1 });
    key[0] = 8;
    expectError(() => verify(t, key, opts), E.InvalidSignatureError);
  });
  it('minimum key length per alg, lowered by minKeyLength', () => {
    for (const [alg, n] of [['HS256', 32], ['HS384', 48], ['HS512', 64]] as const) {
      const key = 'x'.repeat(n - 1);
      const t = forgeClaims({}, key, alg);
      expectError(() => verify(t, key, { ...opts, algorithms: [alg] }), E.InvalidKeyError, 'ERR_KEY_TOO_SHORT');
      expect(verify(t, key, { ...opts, algorithms: [alg], minKeyLength: n - 1 })).toEqual({});
      expect(verify(forgeClaims({}, key + 'x', alg), key + 'x', { ...opts, algorithms: [alg] })).toEqual({});
    }
  });
  it('key length counts UTF-8 bytes', () => {
    const key = 'é'.repeat(16); // 32 bytes
    expect(verify(forgeClaims({}, key), key, opts)).toEqual({});
  });
  it('refuses PEM, SSH and JSON-looking secrets and wrong key types', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + 'A'.repeat(40) + '\n-----END PUBLIC KEY-----\n';
    for (const key of [pem, '  ' + pem, 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ' + 'A'.repeat(40), JSON.stringify({ kty: 'oct', k: 'A'.repeat(50) }), Buffer.from(pem)]) {
      const t = forgeClaims({}, key as any);
      expectError(() => verify(t, key, opts), E.InvalidKeyError, 'ERR_KEY_TYPE');
    }
    for (const key of [undefined, null, 42, {}, [1, 2], { kty: 'RSA', n: 'x', e: 'AQAB' }, { kty: 'oct' }, { kty: 'oct', k: 'a+b' }, new ArrayBuffer(32)]) {
      expectError(() => verify(forgeClaims({}), key, opts), E.InvalidKeyError, 'ERR_KEY_TYPE');
    }
  });
  it('a JWK whose alg, use or key_ops forbid verify with this alg', () => {
    const k = b64u(SECRET);
    const t = forgeClaims({});
    expectError(() => verify(t, { kty: 'oct', k, alg: 'HS512' }, { ...opts, algorithms: ['HS256'] }), E.InvalidKeyError, 'ERR_KEY_NO_MATCH');
    expectError(() => verify(t, { kty: 'oct', k, use: 'enc' }, opts), E.InvalidKeyError, 'ERR_KEY_NO_MATCH');
    expectError(() => verify(t, { kty: 'oct', k, key_ops: ['sign'] }, opts), E.InvalidKeyError, 'ERR_KEY_NO_MATCH');
    expect(verify(t, { kty: 'oct', k, alg: 'HS256', use: 'sig', key_ops: ['sign', 'verify'] }, opts)).toEqual({});
  });
  it('the error message never contains the secret', () => {
    const secret = 'my-very-secret-value-that-must-not-leak-0123456789';
    for (const fn of [
      () => verify(forgeClaims({}, 'other'.repeat(10)), secret, opts),
      () => verify(forgeClaims({}), secret.slice(0, 10), opts),
      () => verify(forgeClaims({}), '-----BEGIN ' + secret, opts),
    ]) {
      expect(String(caught(fn))).not.toContain(secret.slice(0, 10));
    }
  });
  it('signing input is the exact received text (no re-serialisation)', () => {
    const header = '{ "alg" : "HS256" }';
    const payload = '{\n  "a": 1\n}';
    const input = b64u(header) + '.' + b64u(payload);
    const sig = createHmac('sha256', SECRET).update(input).digest('base64url');
    expect(verify(input + '.' + sig, SECRET, opts)).toEqual({ a: 1 });
  });
});

describe('round trip with sign', () => {
  it('sign -> verify for each algorithm', () => {
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      const t = sign({ sub: 'x', n: 'José ☺ 𝄞' }, SECRET, { algorithm: alg, currentTime: NOW, expiresIn: 60 });
      expect(verify(t, SECRET, { algorithms: [alg], currentTime: NOW + 59 })).toEqual({ sub: 'x', n: 'José ☺ 𝄞', iat: NOW, exp: NOW + 60 });
      expectError(() => verify(t, SECRET, { algorithms: [alg], currentTime: NOW + 60 }), E.ExpiredSignatureError);
    }
  });
});
