// The sessions part of the attack corpus (issue #11): every token of the
// JWS/JWT and JWE corpus through the session entry points (the `sessions`
// call of calls.ts: verifyToken plain and encrypted, refreshTokenPair,
// introspect, guard with a MicroJWT and with a key, refreshToken), whose
// outcomes are values, never throws: null, `{active: false}`, a 401 (and for
// refreshToken, which throws as the seed did, a typed error). Then honest
// MicroJWT tokens, forged on the host, with every outcome spelled out.
import { pbkdf2Sync } from 'node:crypto';
import type { AttackCase } from './corpus';
import { expandRecipe, KEY, NOW, OPTS } from './corpus';
import { forge } from './forge';
import { forgeJwe } from './jweforge';

/** The default maxTokenLength of MicroJWT, introspect and guard. */
export const SESSION_MAX = 1536;

const sameOptions = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The key of encrypted MicroJWT tokens for secret KEY with `kdf: {iterations: 1}` (src/session/kdf.ts, written out). */
export const sessionEncryptionKey = (): Buffer => pbkdf2Sync(Buffer.from(KEY), Buffer.from('MicroJWT A256CBC-HS512'), 1, 64, 'sha256');

/**
 * The expected verdict of a token that is no MicroJWT token: refused
 * everywhere; introspect follows `verify` under KEY/OPTS, and so does the
 * guard with a key, of the token as an HTTP header carries it (white space
 * around a header value is not part of it: RFC 7230 §3.2.4).
 */
const refused = (verifyAccepts: boolean, headerAccepts: boolean): string =>
  'v=null e=null p=null i=' + (verifyAccepts ? 'active' : 'inactive') + ' g=401 k=' + (headerAccepts ? '200' : '401') + ' r=throw';

export const sessionCases = (base: AttackCase[]): AttackCase[] => {
  const out: AttackCase[] = [];
  const encrypted: AttackCase[] = [];
  /**
   * One token, two cases: every entry point but the encrypted verifyToken,
   * and that one alone (`enc`, see calls.ts), in chunks of their own. The
   * expectation is written whole, 'v=... e=... p=...'; the e= part goes to
   * the second case.
   */
  const add = (name: string, token: AttackCase['token'], expect: string, extra: Partial<AttackCase> = {}) => {
    const at = expect.indexOf(' e=');
    const end = expect.indexOf(' p=');
    if (at < 0 || end < at) throw new Error('session expectation without e= before p=: ' + expect);
    const options = (extra.options as Record<string, unknown> | undefined) ?? { now: NOW };
    // On a 5,100-JsVar board (a Pico) the session part (~1,150 JsVars), the
    // case runner (~550), a token of more than 1,000 chars and its request
    // header do not fit together; nor do the session and JWE parts, pure
    // SHA-512 (A256CBC-HS512; a Pico has no native one), the error classes
    // and the runner. Those cases run on the bigger boards; limits.test.ts
    // runs both kinds on the Pico-like build without the runner.
    const len = typeof token === 'string' ? token.length : 'parts' in token ? expandRecipe(token).length : 0;
    const big = len > 1000 ? { needs: { jsVars: 6000, why: 'a ' + len + '-char token and its request header beside the session part and the case runner' } } : {};
    out.push({ group: 'session', name: 'session: ' + name, call: 'sessions', token, key: KEY, ...extra, ...big, options, expect: expect.slice(0, at) + expect.slice(end) });
    encrypted.push({
      group: 'session', name: 'session (encrypted): ' + name, call: 'sessions', token, key: KEY, ...extra, options: { ...options, enc: true }, expect: expect.slice(at + 1, end),
      needs: { jsVars: 6000, why: 'the session and JWE parts, pure SHA-512 and the case runner together' },
    });
  };

  // ---- every corpus token. introspect and the key guard run verify under
  // KEY and OPTS, so their expectation is that of the token's verify case
  // with exactly that key and those options; a token from a JWE case is
  // never a valid JWS. (Tokens met only with other keys or options are
  // covered through an equal token where one exists; the rest are left out
  // here rather than given a guessed expectation.)
  const tokens = new Map<string, { first: AttackCase; verify?: string; jwe: boolean }>();
  for (const c of base) {
    const id = JSON.stringify(c.token);
    const e = tokens.get(id) ?? { first: c, jwe: false };
    if (c.call === 'verify' && c.key === KEY && sameOptions(c.options, OPTS)) e.verify = c.expect;
    if (c.call === 'decrypt' || c.call === 'decryptJWT') e.jwe = true;
    tokens.set(id, e);
  }
  let left = 0;
  for (const { first, verify, jwe } of tokens.values()) {
    if (verify === undefined && !jwe) {
      left++;
      continue;
    }
    const t = first.token;
    // A JWE (and anything trimmed to one) is never a valid JWS.
    const trimmed = typeof t === 'string' && t.trim() !== t ? tokens.get(JSON.stringify(t.trim()))?.verify : verify;
    if (trimmed === undefined && !jwe) throw new Error('session corpus: no verdict for the trimmed token of ' + first.name);
    // The session entry points take tokens of at most 1,536 chars by default (verify: 4,096).
    const len = typeof t === 'string' ? t.length : 'parts' in t ? expandRecipe(t).length : 0;
    const fits = len <= SESSION_MAX;
    const header = typeof t === 'string' ? t.trim().length <= SESSION_MAX : fits;
    add(first.name, t, refused(verify === 'ok' && fits, trimmed === 'ok' && header), first.hostOnly ? { hostOnly: first.hostOnly } : {});
  }
  // Most tokens of the corpus get here: a change that drops them shows.
  if (out.length < 0.8 * tokens.size || left > 80) throw new Error('session corpus: only ' + out.length + ' of ' + tokens.size + ' tokens');

  // ---- honest MicroJWT tokens (and near misses), every outcome spelled out
  const D = { options: { now: NOW, detail: true } };
  const claims = (more: Record<string, unknown> = {}) => JSON.stringify({ sub: 'alice', role: 'user', iat: NOW - 10, exp: NOW + 3600, jti: 'jti-' + Object.keys(more).join('-'), ...more });
  const access = (more?: Record<string, unknown>) => forge('{"alg":"HS256","typ":"JWT"}', claims(more), KEY);
  const refresh = (more: Record<string, unknown> = {}) => forge('{"alg":"HS256","typ":"refresh+jwt"}', claims({ fam: 'fam-1', ...more }), KEY);
  const malformed = 'null DecodeError ERR_JWT_MALFORMED';
  const notAccess = 'null InvalidTokenError ERR_JWT_TYP';
  add('honest access token', access(), 'v=value e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=active g=200 k=200 r=token', D);
  add('honest access token without typ (as other libraries make them)', forge('{"alg":"HS256"}', claims({ x: 1 }), KEY), 'v=value e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=active g=200 k=200 r=token', D);
  add('honest refresh token: one rotation, then reuse', refresh(), 'v=' + notAccess + ' e=' + malformed + ' p=value q=null RevokedTokenError ERR_REFRESH_REUSED i=active g=401 k=200 r=throw InvalidTokenError ERR_JWT_TYP', D);
  add('refresh token without fam', forge('{"alg":"HS256","typ":"refresh+jwt"}', claims({ y: 1 }), KEY), 'v=' + notAccess + ' e=' + malformed + ' p=null MissingRequiredClaimError ERR_JWT_CLAIM_MISSING q=null MissingRequiredClaimError ERR_JWT_CLAIM_MISSING i=active g=401 k=200 r=throw InvalidTokenError ERR_JWT_TYP', D);
  add('refresh token with a numeric fam', refresh({ fam: 7 }), 'v=' + notAccess + ' e=' + malformed + ' p=null InvalidTokenError ERR_JWT_CLAIM_INVALID q=null InvalidTokenError ERR_JWT_CLAIM_INVALID i=active g=401 k=200 r=throw InvalidTokenError ERR_JWT_TYP', D);
  add('refresh token typ in upper case (media types are case-insensitive)', forge('{"alg":"HS256","typ":"Refresh+JWT"}', claims({ fam: 'f', z: 1 }), KEY), 'v=' + notAccess + ' e=' + malformed + ' p=value q=null RevokedTokenError ERR_REFRESH_REUSED i=active g=401 k=200 r=throw InvalidTokenError ERR_JWT_TYP', D);
  add('access token with jti "__proto__"', access({ jti: '__proto__' }), 'v=value e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=active g=200 k=200 r=token', D);
  add('access token with jti "hasOwnProperty"', access({ jti: 'hasOwnProperty' }), 'v=value e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=active g=200 k=200 r=token', D);
  add('access token without jti', forge('{"alg":"HS256","typ":"JWT"}', JSON.stringify({ sub: 'alice', role: 'user', exp: NOW + 60 }), KEY), 'v=null MissingRequiredClaimError ERR_JWT_CLAIM_MISSING e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=active g=401 k=200 r=throw MissingRequiredClaimError ERR_JWT_CLAIM_MISSING', D);
  add('access token with a numeric jti', access({ jti: 5 }), 'v=null InvalidJTIError ERR_JWT_JTI e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=inactive g=401 k=401 r=throw InvalidJTIError ERR_JWT_JTI', D);
  add('access token with an audience', access({ aud: 'hub' }), 'v=null InvalidAudienceError ERR_JWT_AUDIENCE e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=inactive g=401 k=401 r=token', D);
  add('expired access token', access({ exp: NOW - 1 }), 'v=null ExpiredSignatureError ERR_JWT_EXPIRED e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=inactive g=401 k=401 r=throw ExpiredSignatureError ERR_JWT_EXPIRED', D);
  add('access token signed with another key', forge('{"alg":"HS256","typ":"JWT"}', claims({ w: 1 }), KEY + '!'), 'v=null InvalidSignatureError ERR_JWS_SIGNATURE e=' + malformed + ' p=null InvalidSignatureError ERR_JWS_SIGNATURE q=null InvalidSignatureError ERR_JWS_SIGNATURE i=inactive g=401 k=401 r=throw InvalidSignatureError ERR_JWS_SIGNATURE', D);
  add('access token, HS512 to an HS256 instance', forge('{"alg":"HS512","typ":"JWT"}', claims({ u: 1 }), KEY, 'HS512'), 'v=null InvalidAlgorithmError ERR_JWS_ALGORITHM e=' + malformed + ' p=null InvalidAlgorithmError ERR_JWS_ALGORITHM q=null InvalidAlgorithmError ERR_JWS_ALGORITHM i=inactive g=401 k=401 r=throw InvalidAlgorithmError ERR_JWS_ALGORITHM', D);

  // Length: 1,536 chars by default, the option (`max` here) for all of them.
  const padded = (n: number, typ = 'JWT') => {
    for (let extra = Math.max(0, Math.floor(((n - 300) * 3) / 4)); extra < n; extra++) {
      for (let hx = 0; hx < 4; hx++) {
        const tk = forge('{"alg":"HS256","typ":"' + typ + '","p":"' + 'y'.repeat(hx) + '"}', claims({ pad: 'x'.repeat(extra) }), KEY);
        if (tk.length === n) return tk;
      }
    }
    throw new Error('no session token of ' + n + ' chars');
  };
  const tooLong = 'null DecodeError ERR_JWT_TOO_LONG';
  add('length: 1,536 chars (the default limit)', padded(1536), 'v=value e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=active g=200 k=200 r=token', D);
  add('length: 1,537 chars', padded(1537), 'v=' + tooLong + ' e=' + tooLong + ' p=' + tooLong + ' q=' + tooLong + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_TOO_LONG', D);
  add('length: maxTokenLength 400, 400 chars', padded(400), 'v=value e=' + malformed + ' p=' + notAccess + ' q=' + notAccess + ' i=active g=200 k=200 r=token', { options: { now: NOW, detail: true, max: 400 } });
  add('length: maxTokenLength 400, 401 chars', padded(401), 'v=' + tooLong + ' e=' + tooLong + ' p=' + tooLong + ' q=' + tooLong + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_TOO_LONG', { options: { now: NOW, detail: true, max: 400 } });
  add('length: maxTokenLength 2,000, 1,537 chars', padded(1537, 'refresh+jwt'), 'v=' + notAccess + ' e=' + malformed + ' p=null MissingRequiredClaimError ERR_JWT_CLAIM_MISSING q=null MissingRequiredClaimError ERR_JWT_CLAIM_MISSING i=active g=401 k=200 r=throw InvalidTokenError ERR_JWT_TYP', { options: { now: NOW, detail: true, max: 2000 } });

  // Encrypted MicroJWT tokens: dir + A256CBC-HS512 under the derived key.
  const ek = sessionEncryptionKey();
  const sealed = (header: string, payload: string, key: Buffer = ek, label = header + payload) =>
    forgeJwe({ alg: 'dir', enc: 'A256CBC-HS512', key, plaintext: payload, headerText: header, label });
  const H = '{"alg":"dir","enc":"A256CBC-HS512","typ":"JWT"}';
  add('honest encrypted access token', sealed(H, claims({ e: 1 })), 'v=' + malformed + ' e=value p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);
  add('encrypted token under another key', sealed(H, claims({ e: 2 }), Buffer.alloc(64, 7)), 'v=' + malformed + ' e=null DecryptionError ERR_JWE_DECRYPTION p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);
  add('encrypted refresh token as an access token', sealed('{"alg":"dir","enc":"A256CBC-HS512","typ":"refresh+jwt"}', claims({ fam: 'f', e: 3 })), 'v=' + malformed + ' e=' + notAccess + ' p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);
  add('encrypted token with zip', sealed('{"alg":"dir","enc":"A256CBC-HS512","typ":"JWT","zip":"DEF"}', claims({ e: 4 })), 'v=' + malformed + ' e=null NotSupportedError ERR_JWE_ZIP p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);
  add('encrypted token, PBES2 with p2c 10^9', forgeJwe({ alg: 'PBES2-HS256+A128KW', enc: 'A256CBC-HS512', key: 'x', p2c: '1000000000', plaintext: claims({ e: 5 }) }), 'v=' + malformed + ' e=null InvalidAlgorithmError ERR_JWS_ALGORITHM p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);
  add('encrypted token whose claims nest 400 deep', sealed(H, '{"sub":"a","x":' + '['.repeat(399) + ']'.repeat(399) + '}'), 'v=' + malformed + ' e=null DecodeError ERR_JSON p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);
  add('encrypted token whose claims have __proto__', sealed(H, '{"__proto__":{"role":"admin"},"sub":"a"}'), 'v=' + malformed + ' e=null DecodeError ERR_JSON p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);

  // Bearer headers that are not a token: 401 from both guards, no throw.
  for (const [what, v] of [['an object', { literal: { a: 1 } }], ['a number', { literal: 401 }], ['null', { literal: null }]] as [string, AttackCase['token']][]) {
    add('not a token: ' + what, v, 'v=' + malformed + ' e=' + malformed + ' p=' + malformed + ' q=' + malformed + ' i=inactive g=401 k=401 r=throw DecodeError ERR_JWT_MALFORMED', D);
  }
  const b64 = 'null DecodeError ERR_BASE64URL';
  add('not a token: a space inside', 'eyJ a.b.c', 'v=' + b64 + ' e=' + malformed + ' p=' + b64 + ' q=' + b64 + ' i=inactive g=401 k=401 r=throw DecodeError ERR_BASE64URL', D);
  return [...out, ...encrypted];
};
