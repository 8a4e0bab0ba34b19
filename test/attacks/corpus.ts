// The attack corpus: named hostile inputs, each with the one outcome every
// platform must give (Node from the sources and from the built module, every
// emulator profile, the real interpreters). Data only, JSON-serialisable, so
// the same cases run on a device: a case names a call from calls.ts, a token
// (a string, a recipe that the device expands itself for long ones, or a
// non-string value), a key, options, and the expected outcome ('ok' or
// 'ErrorClass CODE').
//
// Adding cases for a new layer (JWE, sessions): add its calls to calls.ts and
// push cases here (or from a sibling module) with `call` set to them.
import { b64u, bumpLast, canonicalB64u, forge, mac, spareBitsSet, Bytes } from './forge';
import { jweCases } from './corpus-jwe';
import { sessionCases } from './corpus-session';

/** A token too long to be written out in a device script: parts, `[unit, count]` repeated. */
export interface TokenRecipe {
  parts: (string | [string, number])[];
}
/** A token argument that is not a string (type confusion). */
export interface TokenLiteral {
  literal: unknown;
}
export type TokenSpec = string | TokenRecipe | TokenLiteral;

/** A key: a string, bytes (hex), a JWK object, or a KeySet built from a JWK Set. */
export type KeySpec = string | { bytes: string } | { jwk: Record<string, unknown> } | { keyset: { keys: Record<string, unknown>[] }; options?: Record<string, unknown> };

export interface AttackCase {
  /** Unique, `group: what`. */
  name: string;
  group: string;
  /** A name in CALLS (calls.ts). */
  call: string;
  token: TokenSpec;
  key?: KeySpec;
  /** The options argument (for importJWK: the alg string). */
  options?: Record<string, unknown> | string;
  /** 'ok' or 'ErrorClass CODE' (the most specific class, as `err.name` says). */
  expect: string;
  /** Why this case does not run on boards (e.g. a token larger than a board's RAM). */
  hostOnly?: string;
  /** The exact error message expected too (e.g. the one DecryptionError message: no oracle in the text). */
  message?: string;
  /**
   * A board with fewer JsVars in all than this skips the case (the device
   * prints SKIP): what it loads and holds does not fit beside the case
   * runner on a small board. `why` says what, and where it is run there
   * without the runner.
   */
  needs?: { jsVars: number; why: string };
}

export const NOW = 1700000000;
export const KEY = 'attack-corpus-secret-0123456789-abcdef'; // 38 bytes
export const KEY384 = KEY + '-0123456789'; // 49 bytes
export const KEY512 = KEY384 + '-0123456789abcde'; // 65 bytes
export const OPTS = { algorithms: ['HS256'], currentTime: NOW };

/** Expected outcomes, by what went wrong. */
export const E = {
  alg: 'InvalidAlgorithmError ERR_JWS_ALGORITHM',
  json: 'DecodeError ERR_JSON',
  utf8: 'DecodeError ERR_UTF8',
  malformed: 'DecodeError ERR_JWT_MALFORMED',
  b64: 'DecodeError ERR_BASE64URL',
  tooLong: 'DecodeError ERR_JWT_TOO_LONG',
  claim: 'DecodeError ERR_JWT_CLAIM_INVALID',
  sig: 'InvalidSignatureError ERR_JWS_SIGNATURE',
  crit: 'InvalidTokenError ERR_JWS_CRIT',
  b64false: 'InvalidTokenError ERR_JWS_B64',
  typ: 'InvalidTokenError ERR_JWT_TYP',
  keyType: 'InvalidKeyError ERR_KEY_TYPE',
  keyShort: 'InvalidKeyError ERR_KEY_TOO_SHORT',
  keyNoMatch: 'InvalidKeyError ERR_KEY_NO_MATCH',
  keyMulti: 'InvalidKeyError ERR_KEY_MULTIPLE_MATCH',
  expired: 'ExpiredSignatureError ERR_JWT_EXPIRED',
  immature: 'ImmatureSignatureError ERR_JWT_IMMATURE',
  iat: 'InvalidIssuedAtError ERR_JWT_IAT',
  aud: 'InvalidAudienceError ERR_JWT_AUDIENCE',
  iss: 'InvalidIssuerError ERR_JWT_ISSUER',
  sub: 'InvalidSubjectError ERR_JWT_SUBJECT',
  jti: 'InvalidJTIError ERR_JWT_JTI',
  missing: 'MissingRequiredClaimError ERR_JWT_CLAIM_MISSING',
  options: 'JWTError ERR_OPTIONS_INVALID',
  notSupported: 'NotSupportedError ERR_NOT_SUPPORTED',
  // JWE
  decrypt: 'DecryptionError ERR_JWE_DECRYPTION',
  pbes2Count: 'InvalidTokenError ERR_JWE_PBES2_COUNT',
  zip: 'NotSupportedError ERR_JWE_ZIP',
  keySize: 'InvalidKeyError ERR_KEY_SIZE',
  nested: 'InvalidTokenError ERR_JWT_NESTED',
  notNested: 'InvalidTokenError ERR_JWT_NOT_NESTED',
  keysetSize: 'JWTError ERR_KEYSET_SIZE',
};

const H = '{"alg":"HS256","typ":"JWT"}';
const P = JSON.stringify({ sub: 'corpus', exp: NOW + 3600 });
const HEADER = b64u(H);
const PAYLOAD = b64u(P);

/** Token over raw header and payload text (or bytes), signed with KEY (or `key`) under `alg`. */
const tok = (header: Bytes, payload: Bytes = P, key: Bytes = KEY, alg = 'HS256'): string => forge(header, payload, key, alg);
/** Token whose header is `{"alg":"HS256", ...extra}` written as given (`extra` is raw JSON member text). */
const withHeader = (extraMembers: string, payload: Bytes = P): string => tok('{"alg":"HS256",' + extraMembers + '}', payload);
/** Token with the standard header and a raw payload text. */
const withPayload = (payload: Bytes): string => tok(H, payload);
/** Token with the standard header and the claims given (JSON.stringify). */
const claims = (c: Record<string, unknown>): string => withPayload(JSON.stringify(c));

export const GOOD = tok(H);
const [, , GOOD_SIG] = GOOD.split('.');

/** Not a real key: PEM-shaped text, as a verifier configured with a public key would hold. */
export const PEM_PUBLIC =
  '-----BEGIN PUBLIC KEY-----\n' +
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n' +
  '4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n' +
  '-----END PUBLIC KEY-----\n';
const RSA_JWK = { kty: 'RSA', n: 'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0', e: 'AQAB' };

/** A token whose header segment holds `depth` nested arrays, built from repeated base64url units (device-expandable). */
const deepHeaderRecipe = (depth: number): TokenRecipe => {
  // '{"alg":"HS256","x":' is 19 bytes: padded with a space to 21 (a multiple of 3)
  // so every part encodes on its own; then '[[[' -> 'W1tb', ']]]' -> 'XV1d'.
  if (depth % 3 !== 0) throw new Error('depth must be a multiple of 3');
  const head = '{"alg":"HS256","x": ';
  const padded = head + ' '.repeat((3 - (head.length % 3)) % 3);
  const text = padded + '['.repeat(depth) + ']'.repeat(depth) + '}';
  const input = b64u(text) + '.' + PAYLOAD;
  const parts: TokenRecipe['parts'] = [b64u(padded), ['W1tb', depth / 3], ['XV1d', depth / 3], b64u('}') + '.' + PAYLOAD + '.' + mac(input, KEY)];
  if (expandRecipe({ parts }) !== input + '.' + mac(input, KEY)) throw new Error('deep header recipe does not expand to the token');
  return { parts };
};

/** The token a recipe stands for (the device runner does the same in ES5). */
export const expandRecipe = (r: TokenRecipe): string => r.parts.map((p) => (typeof p === 'string' ? p : p[0].repeat(p[1]))).join('');

/** The token of a case as the call receives it. */
export const tokenOf = (t: TokenSpec): unknown => (typeof t === 'string' ? t : 'parts' in t ? expandRecipe(t) : t.literal);

/** Payload nested `depth` containers deep in total (the payload object counts 1). */
const nestedPayload = (depth: number, kind: 'object' | 'array'): string =>
  kind === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '{"a":' + '['.repeat(depth - 1) + '1' + ']'.repeat(depth - 1) + '}';

/** Every case of the JWS/JWT part of the corpus. */
export const jwsJwtCases = (): AttackCase[] => {
  const out: AttackCase[] = [];
  const add = (group: string, name: string, token: TokenSpec, expect: string, extra: Partial<AttackCase> = {}) =>
    out.push({ group, name: group + ': ' + name, call: 'verify', token, key: KEY, options: OPTS, expect, ...extra });

  // ---- baselines: the corpus key and options accept an honest token
  add('baseline', 'honest HS256 token', GOOD, 'ok');
  add('baseline', 'honest HS384 token', tok('{"alg":"HS384"}', P, KEY384, 'HS384'), 'ok', { key: KEY384, options: { ...OPTS, algorithms: ['HS384'] } });
  add('baseline', 'honest HS512 token', tok('{"alg":"HS512"}', P, KEY512, 'HS512'), 'ok', { key: KEY512, options: { ...OPTS, algorithms: ['HS512'] } });
  add('baseline', 'jws.verify of an honest token', GOOD, 'ok', { call: 'jws.verify', options: { algorithms: ['HS256'] } });
  add('baseline', 'decode of an honest token', GOOD, 'ok', { call: 'decode', options: undefined });

  // ---- alg
  for (const spelling of ['none', 'None', 'NONE', 'nOnE']) {
    add('alg', spelling + ', no signature', b64u('{"alg":"' + spelling + '"}') + '.' + PAYLOAD + '.', E.alg);
    add('alg', spelling + ', signed anyway', tok('{"alg":"' + spelling + '"}'), E.alg);
  }
  add('alg', 'none spelled with an escape', b64u('{"alg":"\\u006eone"}') + '.' + PAYLOAD + '.', E.alg);
  add('alg', 'none with "none" in algorithms', b64u('{"alg":"none"}') + '.' + PAYLOAD + '.', E.options, { options: { ...OPTS, algorithms: ['none'] } });
  add('alg', 'missing', tok('{"typ":"JWT"}'), E.alg);
  for (const [what, v] of [['null', 'null'], ['a number', '256'], ['true', 'true'], ['an object', '{"name":"HS256"}'], ['an array', '["HS256"]'], ['an empty string', '""']]) {
    add('alg', what, tok('{"alg":' + v + '}'), E.alg);
  }
  add('alg', 'HS512 when only HS256 is allowed', tok('{"alg":"HS512"}', P, KEY512, 'HS512'), E.alg, { key: KEY512 });
  add('alg', 'lower case hs256', tok('{"alg":"hs256"}'), E.alg);
  add('alg', 'HS256 with a trailing space', tok('{"alg":"HS256 "}'), E.alg);
  add('alg', 'HS256 with a NUL', tok('{"alg":"HS256\\u0000"}'), E.alg);
  for (const a of ['RS256', 'ES256', 'PS256', 'EdDSA', 'dir', 'A128KW']) add('alg', a, tok('{"alg":"' + a + '"}'), E.alg);
  add('alg', 'RS256 in algorithms', tok('{"alg":"RS256"}'), E.notSupported, { options: { ...OPTS, algorithms: ['RS256'] } });
  add('alg', 'HS256 spelled with escapes', tok('{"alg":"HS\\u0032\\u0035\\u0036"}'), 'ok');
  add('alg', 'a very long alg', tok('{"alg":"' + 'HS256'.repeat(400) + '"}'), E.alg);
  add('alg', 'alg with a newline (log injection)', tok('{"alg":"x\\nERROR forged log line"}'), E.alg);

  // ---- keys: algorithm confusion and unusable secrets
  add('key', 'PEM public key as the HMAC secret', tok(H, P, PEM_PUBLIC), E.keyType, { key: PEM_PUBLIC });
  add('key', 'PEM public key after white space', tok(H, P, '\n  ' + PEM_PUBLIC), E.keyType, { key: '\n  ' + PEM_PUBLIC });
  add('key', 'PEM public key as bytes', tok(H, P, PEM_PUBLIC), E.keyType, { key: { bytes: Buffer.from(PEM_PUBLIC).toString('hex') } });
  const cert = PEM_PUBLIC.replace(/PUBLIC KEY/g, 'CERTIFICATE');
  add('key', 'PEM certificate as the secret', tok(H, P, cert), E.keyType, { key: cert });
  const ssh = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl device@host';
  add('key', 'OpenSSH public key as the secret', tok(H, P, ssh), E.keyType, { key: ssh });
  const ecdsa = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEtest';
  add('key', 'OpenSSH ECDSA key as the secret', tok(H, P, ecdsa), E.keyType, { key: ecdsa });
  add('key', 'RSA JWK as JSON text', tok(H, P, JSON.stringify(RSA_JWK)), E.keyType, { key: JSON.stringify(RSA_JWK) });
  const octText = JSON.stringify({ kty: 'oct', k: b64u(KEY) });
  add('key', 'oct JWK as JSON text', tok(H, P, octText), E.keyType, { key: octText });
  add('key', 'RSA JWK object', GOOD, E.keyType, { key: { jwk: RSA_JWK } });
  add('key', 'oct JWK for HS512 used for HS256', GOOD, E.keyNoMatch, { key: { jwk: { kty: 'oct', k: b64u(KEY), alg: 'HS512' } } });
  add('key', 'oct JWK for encryption', GOOD, E.keyNoMatch, { key: { jwk: { kty: 'oct', k: b64u(KEY), use: 'enc' } } });
  add('key', 'oct JWK that may only sign', GOOD, E.keyNoMatch, { key: { jwk: { kty: 'oct', k: b64u(KEY), key_ops: ['sign'] } } });
  add('key', 'oct JWK that may verify', GOOD, 'ok', { key: { jwk: { kty: 'oct', k: b64u(KEY), alg: 'HS256', use: 'sig', key_ops: ['verify'] } } });
  add('key', 'oct JWK with a padded k', GOOD, E.keyType, { key: { jwk: { kty: 'oct', k: b64u(KEY) + '=' } } });
  add('key', '31-byte key', tok(H, P, KEY.slice(0, 31)), E.keyShort, { key: KEY.slice(0, 31) });
  add('key', '32-byte key', tok(H, P, KEY.slice(0, 32)), 'ok', { key: KEY.slice(0, 32) });
  add('key', 'empty key', tok(H, P, ''), E.keyShort, { key: '' });
  add('key', 'empty key with minKeyLength 1', tok(H, P, ''), E.keyShort, { key: '', options: { ...OPTS, minKeyLength: 1 } });

  // ---- JWKs from outside
  const jwkCase = (name: string, jwk: unknown, expect: string, extra: Partial<AttackCase> = {}) =>
    add('jwk', name, { literal: jwk }, expect, { call: 'importJWK', key: undefined, options: undefined, ...extra });
  jwkCase('an oct JWK', { kty: 'oct', k: b64u(KEY) }, 'ok');
  jwkCase('an RSA JWK', RSA_JWK, E.keyType);
  jwkCase('k padded', { kty: 'oct', k: b64u(KEY) + '=' }, E.keyType);
  jwkCase('k with + and /', { kty: 'oct', k: Buffer.from(KEY).toString('base64').replace(/=+$/, '') + '+/' }, E.keyType);
  jwkCase('k a number', { kty: 'oct', k: 5 }, E.keyType);
  jwkCase('kid a number', { kty: 'oct', k: b64u(KEY), kid: 5 }, E.keyType);
  jwkCase('key_ops a string', { kty: 'oct', k: b64u(KEY), key_ops: 'verify' }, E.keyType);
  jwkCase('kty missing', { k: b64u(KEY) }, E.keyType);
  jwkCase('an array', [{ kty: 'oct', k: b64u(KEY) }], E.keyType);
  jwkCase('null', null, E.keyType);
  jwkCase('alg HS512 imported for HS256', { kty: 'oct', k: b64u(KEY), alg: 'HS512' }, E.keyNoMatch, { options: 'HS256' });
  jwkCase('alg none asked for', { kty: 'oct', k: b64u(KEY) }, E.options, { options: 'none' });
  jwkCase('thumbprint of a bad k', { kty: 'oct', k: 'a.b' }, E.keyType, { call: 'thumbprint' });
  jwkCase('thumbprint of an oct JWK', { kty: 'oct', k: b64u(KEY) }, 'ok', { call: 'thumbprint' });

  // ---- crit and b64
  add('crit', 'unknown extension', withHeader('"crit":["x"],"x":1'), E.crit);
  add('crit', 'understood extension', withHeader('"crit":["x"],"x":1'), 'ok', { options: { ...OPTS, crit: ['x'] } });
  add('crit', 'empty array', withHeader('"crit":[]'), E.crit);
  add('crit', 'a string', withHeader('"crit":"x","x":1'), E.crit, { options: { ...OPTS, crit: ['x'] } });
  add('crit', 'an object', withHeader('"crit":{"x":1},"x":1'), E.crit);
  add('crit', 'null', withHeader('"crit":null'), E.crit);
  add('crit', 'a number in the list', withHeader('"crit":[1]'), E.crit);
  add('crit', 'listed twice', withHeader('"crit":["x","x"],"x":1'), E.crit, { options: { ...OPTS, crit: ['x'] } });
  add('crit', 'a registered name', withHeader('"crit":["alg"]'), E.crit);
  add('crit', 'a name the header lacks', withHeader('"crit":["x"]'), E.crit, { options: { ...OPTS, crit: ['x'] } });
  add('crit', 'b64 false, critical', withHeader('"b64":false,"crit":["b64"]'), E.b64false);
  add('crit', 'b64 false, not critical', withHeader('"b64":false'), E.b64false);
  add('crit', 'b64 as a string', withHeader('"b64":"false"'), E.b64false);
  add('crit', 'b64 true, critical', withHeader('"b64":true,"crit":["b64"]'), E.b64false, { options: { ...OPTS, crit: ['b64'] } });
  add('crit', 'b64 true alone', withHeader('"b64":true'), 'ok');
  add('crit', 'a name with a newline (log injection)', withHeader('"crit":["x\\nERROR forged"],"x\\nERROR forged":1'), E.crit);
  add('crit', 'a very long name', withHeader('"crit":["' + 'x'.repeat(1000) + '"],"' + 'x'.repeat(1000) + '":1'), E.crit);

  // ---- kid (never a file name, never a property path)
  const keyset = (kid: string) => ({ keyset: { keys: [{ kty: 'oct', k: b64u(KEY), kid: 'k1' }, { kty: 'oct', k: b64u(KEY384), kid: kid }] } });
  for (const [what, v] of [['a number', '5'], ['null', 'null'], ['true', 'true'], ['an array', '["k1"]'], ['an object', '{"k1":1}']]) {
    add('kid', what, withHeader('"kid":' + v), E.malformed);
  }
  add('kid', 'very long, plain key', withHeader('"kid":"' + 'k'.repeat(2500) + '"'), 'ok');
  add('kid', 'very long, key set', withHeader('"kid":"' + 'k'.repeat(2500) + '"'), E.keyNoMatch, { key: keyset('k2') });
  for (const path of ['../../etc/passwd', 'microjwt', '.boot0', '/dev/mem', '..\\..\\x', 'Storage:microjwt', '__proto__', 'constructor', 'hasOwnProperty', 'keys.0']) {
    add('kid', 'path-like ' + JSON.stringify(path) + ', plain key', withHeader('"kid":' + JSON.stringify(path)), 'ok');
    add('kid', 'path-like ' + JSON.stringify(path) + ', key set', withHeader('"kid":' + JSON.stringify(path)), E.keyNoMatch, { key: keyset('k2') });
  }
  add('kid', 'NUL in kid, key set', withHeader('"kid":"k1\\u0000"'), E.keyNoMatch, { key: keyset('k2') });
  add('kid', 'matching kid, key set', withHeader('"kid":"k1"'), 'ok', { key: keyset('k2') });
  add('kid', 'no kid, two keys fit', GOOD, E.keyMulti, { key: keyset('k2') });
  add('kid', 'kid of the other key', withHeader('"kid":"k2"'), E.sig, { key: keyset('k2') });
  // The size of a key set (a JWK Set may arrive from outside): default 16 keys, option maxKeys.
  const many = (n: number, options?: Record<string, unknown>) => ({ keyset: { keys: Array.from({ length: n }, (_, i) => ({ kty: 'oct', k: b64u(i === 0 ? KEY : KEY + i), kid: 'k' + i })) }, ...(options ? { options } : {}) });
  add('kid', 'key set of 16 keys (the default limit)', withHeader('"kid":"k0"'), 'ok', { key: many(16) });
  add('kid', 'key set of 17 keys', withHeader('"kid":"k0"'), E.keysetSize, { key: many(17) });
  add('kid', 'key set of 3 keys, maxKeys 3', withHeader('"kid":"k0"'), 'ok', { key: many(3, { maxKeys: 3 }) });
  add('kid', 'key set of 4 keys, maxKeys 3', withHeader('"kid":"k0"'), E.keysetSize, { key: many(4, { maxKeys: 3 }) });
  add('kid', 'key set with maxKeys 0', withHeader('"kid":"k0"'), E.options, { key: many(1, { maxKeys: 0 }) });

  // ---- typ
  add('typ', 'a number', withHeader('"typ":1'), E.malformed);
  add('typ', 'wrong media type with a typ option', withHeader('"typ":"at+jwt"'), E.typ, { options: { ...OPTS, typ: 'JWT' } });
  add('typ', 'application/JWT with a typ option', withHeader('"typ":"application/JWT"'), 'ok', { options: { ...OPTS, typ: 'jwt' } });
  add('typ', 'application/x/jwt is not x/jwt', withHeader('"typ":"application/x/jwt"'), E.typ, { options: { ...OPTS, typ: 'x/jwt' } });
  add('typ', 'typ JWT with a typ option', GOOD, 'ok', { options: { ...OPTS, typ: 'JWT' } });
  add('typ', 'no typ with a typ option', tok('{"alg":"HS256"}'), E.typ, { options: { ...OPTS, typ: 'JWT' } });

  // ---- signature segment
  const [h, p] = [HEADER, PAYLOAD];
  const sigCase = (name: string, sig: string) => add('signature', name, h + '.' + p + '.' + sig, canonicalB64u(sig) ? E.sig : E.b64);
  add('signature', 'stripped (empty)', h + '.' + p + '.', E.sig);
  add('signature', 'stripped with its dot', h + '.' + p, E.malformed);
  sigCase('truncated by 1 char', GOOD_SIG.slice(0, -1));
  sigCase('truncated by 2 chars', GOOD_SIG.slice(0, -2));
  sigCase('truncated by 3 chars', GOOD_SIG.slice(0, -3));
  sigCase('truncated to 32 chars', GOOD_SIG.slice(0, 32));
  sigCase('extended by 1 char', GOOD_SIG + 'A');
  sigCase('extended by 2 chars', GOOD_SIG + 'AA');
  sigCase('extended by 4 chars', GOOD_SIG + 'AAAA');
  sigCase('doubled', GOOD_SIG + GOOD_SIG);
  add('signature', 'junk appended: !', h + '.' + p + '.' + GOOD_SIG + '!', E.b64);
  add('signature', 'junk appended: space', h + '.' + p + '.' + GOOD_SIG + ' ', E.b64);
  add('signature', 'junk appended: newline', h + '.' + p + '.' + GOOD_SIG + '\n', E.b64);
  add('signature', 'junk appended: NUL', h + '.' + p + '.' + GOOD_SIG + '\u0000', E.b64);
  add('signature', '= padded', h + '.' + p + '.' + GOOD_SIG + '=', E.b64);
  add('signature', '== padded', h + '.' + p + '.' + GOOD_SIG + '==', E.b64);
  add('signature', 'standard base64 (+ and /)', h + '.' + p + '.' + GOOD_SIG.replace(/-/g, '+').replace(/_/g, '/').slice(0, -1) + '+', E.b64);
  add('signature', 'a + for its first char', h + '.' + p + '.+' + GOOD_SIG.slice(1), E.b64);
  add('signature', 'a / for its first char', h + '.' + p + './' + GOOD_SIG.slice(1), E.b64);
  add('signature', 'non-zero trailing bits', h + '.' + p + '.' + bumpLast(GOOD_SIG), canonicalB64u(bumpLast(GOOD_SIG)) ? E.sig : E.b64);
  add('signature', 'another key', tok(H, P, KEY384), E.sig);
  add('signature', 'HS384 MAC under an HS256 header', h + '.' + p + '.' + mac(h + '.' + p, KEY, 'HS384'), E.sig);
  add('signature', 'all zero bytes', h + '.' + p + '.' + b64u(Buffer.alloc(32)), E.sig);
  add('signature', 'MAC of the decoded input', h + '.' + p + '.' + mac(H + '.' + P, KEY), E.sig);
  add('signature', 'payload swapped for another', h + '.' + b64u('{"sub":"admin"}') + '.' + GOOD_SIG, E.sig);
  add('signature', 'header swapped for another', b64u('{"alg":"HS256"}') + '.' + p + '.' + GOOD_SIG, E.sig);
  // Same bytes, second spelling: refused as base64url, never read as the same header/payload/signature.
  const h22 = b64u('{"alg":"HS256","t":12}'); // 22 bytes: 30 chars, 4 spare bits
  const p23 = b64u('{"sub":"corpus","e":12}'); // 23 bytes: 31 chars, 2 spare bits
  const t22 = h22 + '.' + p23 + '.' + mac(h22 + '.' + p23, KEY);
  add('signature', 'non-canonical header spelling', spareBitsSet(h22) + '.' + p23 + '.' + t22.split('.')[2], E.b64);
  add('signature', 'non-canonical payload spelling', h22 + '.' + spareBitsSet(p23) + '.' + t22.split('.')[2], E.b64);
  add('signature', 'non-canonical signature spelling', h22 + '.' + p23 + '.' + spareBitsSet(t22.split('.')[2]), E.b64);
  add('signature', 'canonical spelling of the same (control)', t22, 'ok');
  add('signature', 'payload = padded', h + '.' + p + '=.' + GOOD_SIG, E.b64);

  // ---- segments
  add('segments', '1 segment', h, E.malformed);
  add('segments', '2 segments', h + '.' + p, E.malformed);
  add('segments', '4 segments', GOOD + '.' + GOOD_SIG, E.malformed);
  add('segments', '5 segments (JWE-shaped)', [h, '', b64u('iv-iv-iv-iv-'), p, GOOD_SIG].join('.'), E.malformed);
  add('segments', '6 segments', [h, p, GOOD_SIG, h, p, GOOD_SIG].join('.'), E.malformed);
  add('segments', 'a trailing dot', GOOD + '.', E.malformed);
  add('segments', 'empty token', '', E.malformed);
  add('segments', 'only dots: .', '.', E.malformed);
  add('segments', 'only dots: ..', '..', E.json);
  add('segments', 'only dots: ...', '...', E.malformed);
  add('segments', 'empty header', '.' + p + '.' + mac('.' + p, KEY), E.json);
  add('segments', 'empty payload', h + '..' + mac(h + '.', KEY), E.json);
  add('segments', 'empty payload, jws.verify', h + '..' + mac(h + '.', KEY), 'ok', { call: 'jws.verify', options: { algorithms: ['HS256'] } });
  add('segments', 'white space around the token', ' ' + GOOD + '\n', E.b64);
  add('segments', 'non-ASCII in a segment', h + '.' + p + 'é.' + GOOD_SIG, E.b64);
  for (const [what, v] of [['a number', 42], ['null', null], ['an object', { header: h }], ['an array', [h, p, GOOD_SIG]], ['true', true]] as [string, unknown][]) {
    add('segments', 'token is ' + what, { literal: v }, E.malformed);
  }

  // ---- header or payload of the wrong JSON type
  for (const [what, text] of [['an array', '[]'], ['an array holding the header', '[{"alg":"HS256"}]'], ['null', 'null'], ['a number', '1'], ['a string', '"HS256"'], ['true', 'true']]) {
    add('shape', 'header is ' + what, tok(text), E.malformed);
    add('shape', 'payload is ' + what, withPayload(text), E.malformed);
    add('shape', 'payload is ' + what + ', decode', withPayload(text), E.malformed, { call: 'decode', options: undefined });
    add('shape', 'payload is ' + what + ', jws.verify', withPayload(text), 'ok', { call: 'jws.verify', options: { algorithms: ['HS256'] } });
  }
  add('shape', 'header is not JSON', tok('alg=HS256'), E.json);
  add('shape', 'payload is not JSON', withPayload('sub=admin'), E.json);
  add('shape', 'payload is empty object', withPayload('{}'), 'ok');

  // ---- "__proto__" members: plain and escaped, header and payload, top level and nested, any value
  const protoNames: [string, string][] = [
    ['plain', '"__proto__"'],
    ['\\u005f escaped', '"\\u005f_proto__"'],
    ['\\u005F escaped', '"\\u005F_proto__"'],
    ['fully escaped', '"\\u005f\\u005f\\u0070\\u0072\\u006f\\u0074\\u006f\\u005f\\u005f"'],
  ];
  const protoValues: [string, string][] = [
    ['object', '{"alg":"none","admin":true}'],
    ['array', '[1]'],
    ['number', '1'],
    ['string', '"x"'],
    ['true', 'true'],
    ['null', 'null'],
  ];
  for (const [nameKind, name] of protoNames) {
    for (const [valueKind, value] of protoValues) {
      const member = name + ':' + value;
      const label = nameKind + ' with ' + valueKind;
      add('proto', 'header top level, ' + label, withHeader(member), E.json);
      add('proto', 'payload top level, ' + label, withPayload('{' + member + ',"sub":"x"}'), E.json);
      add('proto', 'payload nested, ' + label, withPayload('{"a":{"b":[{' + member + '}]}}'), E.json);
      if (valueKind === 'object' || valueKind === 'null') {
        add('proto', 'header nested, ' + label, withHeader('"x":{' + member + '}'), E.json);
        add('proto', 'payload first member, ' + label + ', decode', withPayload('{' + member + '}'), E.json, { call: 'decode', options: undefined });
        add('proto', 'header, ' + label + ', getUnverifiedHeader', withHeader(member), E.json, { call: 'getUnverifiedHeader', options: undefined });
      }
    }
  }
  add('proto', 'payload, jws.verify (bytes, not parsed)', withPayload('{"__proto__":1}'), 'ok', { call: 'jws.verify', options: { algorithms: ['HS256'] } });
  add('proto', '"__proto__" as a value', withPayload('{"sub":"__proto__","exp":' + (NOW + 60) + '}'), 'ok');
  add('proto', '"__proto_" and "__proto___" are other names', withPayload('{"__proto_":1,"__proto___":2}'), 'ok');
  add('proto', 'constructor/prototype/hasOwnProperty/toString members', withPayload('{"constructor":{"prototype":{"admin":true}},"prototype":1,"hasOwnProperty":1,"toString":1,"valueOf":null}'), 'ok');
  add('proto', 'hasOwnProperty member beside claims', withPayload('{"hasOwnProperty":1,"exp":' + (NOW - 1) + '}'), E.expired);

  // ---- duplicate member names (the device's JSON.parse keeps both; every platform refuses)
  add('duplicates', 'alg none then HS256', tok('{"alg":"none","alg":"HS256"}'), E.json);
  add('duplicates', 'alg HS256 twice', tok('{"alg":"HS256","alg":"HS256"}'), E.json);
  add('duplicates', 'kid twice', withHeader('"kid":"a","kid":"b"'), E.json);
  add('duplicates', 'crit twice', withHeader('"crit":["x"],"x":1,"crit":[]'), E.json, { options: { ...OPTS, crit: ['x'] } });
  add('duplicates', 'exp expired then future', withPayload('{"exp":1,"exp":' + (NOW + 60) + '}'), E.json);
  add('duplicates', 'exp future then expired', withPayload('{"exp":' + (NOW + 60) + ',"exp":1}'), E.json);
  add('duplicates', 'sub twice, same value', withPayload('{"sub":"a","sub":"a"}'), E.json);
  add('duplicates', 'aud string then array', withPayload('{"aud":"a","aud":["b"]}'), E.json, { options: { ...OPTS, audience: 'a' } });
  add('duplicates', 'nested', withPayload('{"a":{"b":1,"b":2}}'), E.json);
  add('duplicates', 'inside an array', withPayload('{"a":[{"b":1},{"b":1,"b":1}]}'), E.json);
  add('duplicates', 'one plain, one escaped', withPayload('{"sub":"a","\\u0073ub":"b"}'), E.json);
  add('duplicates', 'same name at two levels is fine', withPayload('{"a":{"a":{"a":1}}}'), 'ok');
  add('duplicates', 'decode refuses too', withPayload('{"sub":"a","sub":"b"}'), E.json, { call: 'decode', options: undefined });
  add('duplicates', 'getUnverifiedHeader refuses too', tok('{"alg":"HS256","alg":"HS256"}'), E.json, { call: 'getUnverifiedHeader', options: undefined });

  // ---- numbers and other values in exp / nbf / iat
  const dates: [string, string, string, string][] = [
    // [what, JSON value, expected for exp, expected for nbf]
    ['1e400', '1e400', E.json, E.json],
    ['-1e400', '-1e400', E.json, E.json],
    ['-0', '-0', E.expired, 'ok'],
    ['0', '0', E.expired, 'ok'],
    ['-1', '-1', E.expired, 'ok'],
    ['a float just ahead', String(NOW + 0.5), 'ok', E.immature],
    ['a float just past', String(NOW - 0.5), E.expired, 'ok'],
    ['now exactly', String(NOW), E.expired, 'ok'],
    ['now + 1', String(NOW + 1), 'ok', E.immature],
    ['1E10 (exponent form)', '1E10', 'ok', E.immature],
    ['1.7e9 (= now)', '1.7e9', E.expired, 'ok'],
    ['1e300', '1e300', 'ok', E.immature],
    ['2^53', '9007199254740992', 'ok', E.immature],
    ['2^53 + 1', '9007199254740993', E.json, E.json],
    ['a 30-digit integer', '123456789012345678901234567890', E.json, E.json],
    ['-(2^53 + 1)', '-9007199254740993', E.json, E.json],
    ['a numeric string', '"' + (NOW + 60) + '"', E.claim, E.claim],
    ['a string', '"tomorrow"', E.claim, E.claim],
    ['null', 'null', E.claim, E.claim],
    ['true', 'true', E.claim, E.claim],
    ['an array', '[' + (NOW + 60) + ']', E.claim, E.claim],
    ['an object', '{"t":' + (NOW + 60) + '}', E.claim, E.claim],
    ['01 (leading zero)', '01', E.json, E.json],
    ['+1', '+1', E.json, E.json],
    ['.5', '.5', E.json, E.json],
    ['1.', '1.', E.json, E.json],
    ['NaN', 'NaN', E.json, E.json],
    ['Infinity', 'Infinity', E.json, E.json],
    ['0x10', '0x10', E.json, E.json],
  ];
  for (const [what, v, forExp, forNbf] of dates) {
    add('dates', 'exp ' + what, withPayload('{"exp":' + v + '}'), forExp);
    add('dates', 'nbf ' + what, withPayload('{"nbf":' + v + '}'), forNbf);
    // iat: a number of any value is fine (a future iat is not an error); anything else is InvalidIssuedAtError.
    const forIat = forExp === E.json ? E.json : forExp === E.claim ? E.iat : 'ok';
    add('dates', 'iat ' + what, withPayload('{"iat":' + v + '}'), forIat);
  }
  add('dates', 'exp just past, with leeway', withPayload('{"exp":' + (NOW - 5) + '}'), 'ok', { options: { ...OPTS, leeway: 10 } });
  add('dates', 'iat too old for maxAge', withPayload('{"iat":' + (NOW - 601) + '}'), E.expired, { options: { ...OPTS, maxAge: 600 } });
  add('dates', 'iat 1e300 with maxAge', withPayload('{"iat":1e300}'), 'ok', { options: { ...OPTS, maxAge: 600 } });
  add('dates', 'iat -1e300 with maxAge', withPayload('{"iat":-1e300}'), E.expired, { options: { ...OPTS, maxAge: 600 } });

  // ---- long strings and long numbers (Espruino: a string of 64+ chars throws when converted to a number; its lexer reads 63 chars of a number)
  const long = 'L'.repeat(100);
  add('numbers', 'a 100-char string claim', claims({ sub: 'corpus', scope: long }), 'ok');
  add('numbers', 'a 100-char string claim, decode', claims({ scope: long }), 'ok', { call: 'decode', options: undefined });
  add('numbers', 'a 100-char numeric string claim', claims({ n: '9'.repeat(100) }), 'ok');
  add('numbers', 'a 100-char string in the header', withHeader('"x":"' + long + '"'), 'ok');
  add('numbers', 'a 100-char string in an array', claims({ a: [long, 1] }), 'ok');
  add('numbers', 'a 100-char string as aud', claims({ aud: long }), 'ok', { options: { ...OPTS, audience: long } });
  add('numbers', 'a 40-char number', withPayload('{"n":1.' + '0'.repeat(37) + '1}'), 'ok');
  add('numbers', 'a 41-char number', withPayload('{"n":1.' + '0'.repeat(38) + '1}'), E.json);
  add('numbers', 'exp with a 70-char exponent (1.7e9 written long)', withPayload('{"exp":1.8e' + '0'.repeat(64) + '9}'), E.json);
  add('numbers', 'nbf with a 70-char exponent', withPayload('{"nbf":9.9e' + '0'.repeat(64) + '9}'), E.json);
  add('numbers', 'a 70-digit fraction', withPayload('{"n":0.' + '1'.repeat(68) + '}'), E.json);
  add('numbers', 'a 300-digit integer', withPayload('{"n":' + '9'.repeat(300) + '}'), E.json);
  add('numbers', 'exp as -0.0', withPayload('{"exp":-0.0}'), E.expired);
  add('numbers', 'exp as 1.7000000001e9', withPayload('{"exp":1.7000000001e9}'), 'ok');

  // ---- other claims of the wrong type, and the audience rule
  add('claims', 'aud a number', withPayload('{"aud":1}'), E.aud, { options: { ...OPTS, audience: 'a' } });
  add('claims', 'aud an array with a number', withPayload('{"aud":["a",1]}'), E.aud, { options: { ...OPTS, audience: 'a' } });
  add('claims', 'aud without an audience option', claims({ aud: 'a' }), E.aud);
  add('claims', 'aud array, one matches', claims({ aud: ['x', 'a'] }), 'ok', { options: { ...OPTS, audience: 'a' } });
  add('claims', 'aud empty array with an audience option', claims({ aud: [] }), E.aud, { options: { ...OPTS, audience: 'a' } });
  add('claims', 'iss an object', withPayload('{"iss":{"a":1}}'), E.iss, { options: { ...OPTS, issuer: 'a' } });
  add('claims', 'iss missing with an issuer option', claims({ sub: 'x' }), E.missing, { options: { ...OPTS, issuer: 'a' } });
  add('claims', 'sub a number', withPayload('{"sub":1}'), E.sub);
  add('claims', 'sub null', withPayload('{"sub":null}'), E.sub);
  add('claims', 'jti an array', withPayload('{"jti":["a"]}'), E.jti);
  add('claims', 'required claim null', withPayload('{"scope":null}'), E.missing, { options: { ...OPTS, requiredClaims: ['scope'] } });

  // ---- JSON leniencies a device's own parser would accept
  const lenient: [string, string][] = [
    ['trailing comma', '{"sub":"a",}'],
    ['trailing comma in an array', '{"a":[1,]}'],
    ['single quotes', "{'sub':'a'}"],
    ['unquoted name', '{sub:"a"}'],
    ['junk after the value', '{"sub":"a"}x'],
    ['a second value', '{"sub":"a"}{}'],
    ['a comment', '{"sub":"a"/*x*/}'],
    ['\\x escape', '{"sub":"\\x41"}'],
    ['\\u with 3 digits', '{"sub":"\\u041"}'],
    ['a lone surrogate escape', '{"sub":"\\ud800"}'],
    ['a reversed surrogate pair', '{"sub":"\\udc00\\ud800"}'],
    ['a raw control character', '{"sub":"a\u0001b"}'],
    ['a raw newline in a string', '{"sub":"a\nb"}'],
    ['a raw tab in a string', '{"sub":"a\tb"}'],
    ['non-JSON white space (NBSP)', '{\u00a0"sub":"a"}'],
    ['a vertical tab', '{\u000b"sub":"a"}'],
    ['a BOM', '\ufeff{"sub":"a"}'],
    ['undefined', '{"sub":undefined}'],
    ['True', '{"a":True}'],
    ['nul', '{"a":nul}'],
    ['unterminated string', '{"sub":"a}'],
    ['unterminated object', '{"sub":"a"'],
    ['empty text', ''],
    ['only white space', ' \n'],
  ];
  for (const [what, text] of lenient) {
    add('json', 'payload: ' + what, withPayload(text), E.json);
    add('json', 'header: ' + what, tok(text.replace('"sub":"a"', '"alg":"HS256"').replace("'sub':'a'", "'alg':'HS256'").replace('sub:"a"', 'alg:"HS256"')), E.json);
  }
  add('json', 'white space JSON allows', withPayload(' {\n\t"sub" : "a" ,\r\n "n" : [ 1 , 2 ] } '), 'ok');
  add('json', 'escapes JSON allows', withPayload('{"s":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u263a\\ud834\\udd1e"}'), 'ok');

  // ---- nesting: at the limit (32 containers) and past it, in the payload and in the header (read before the signature)
  add('nesting', 'payload objects, depth 32', withPayload(nestedPayload(32, 'object')), 'ok');
  add('nesting', 'payload objects, depth 33', withPayload(nestedPayload(33, 'object')), E.json);
  add('nesting', 'payload arrays, depth 32', withPayload(nestedPayload(32, 'array')), 'ok');
  add('nesting', 'payload arrays, depth 33', withPayload(nestedPayload(33, 'array')), E.json);
  add('nesting', 'payload arrays, depth 1000', withPayload(nestedPayload(1000, 'array')), E.json);
  add('nesting', 'payload objects, depth 400', withPayload(nestedPayload(400, 'object')), E.json);
  add('nesting', 'payload depth 33, decode', withPayload(nestedPayload(33, 'array')), E.json, { call: 'decode', options: undefined });
  add('nesting', 'header depth 33', withHeader('"x":' + '['.repeat(32) + ']'.repeat(32)), E.json);
  add('nesting', 'header depth 32', withHeader('"x":' + '['.repeat(31) + ']'.repeat(31)), 'ok');
  add('nesting', 'header depth 1400 (before the signature)', deepHeaderRecipe(1398), E.json);
  add('nesting', 'header depth 1400, getUnverifiedHeader', deepHeaderRecipe(1398), E.json, { call: 'getUnverifiedHeader', options: undefined });
  add('nesting', 'unclosed depth 2000', withPayload('['.repeat(2000)), E.json);
  add('nesting', 'many shallow containers', withPayload('{"a":[' + '[],'.repeat(500) + '{}]}'), 'ok');

  // ---- length
  const pad = (n: number): string => {
    // An honest token of exactly n chars: a string claim pads the payload, a
    // header member of 0-3 chars the last steps (base64url grows in 4s).
    for (let hx = 0; hx < 4; hx++) {
      for (let extra = Math.max(0, Math.floor(((n - 250) * 3) / 4)); extra < n; extra++) {
        const t = tok('{"alg":"HS256","typ":"JWT","p":"' + 'y'.repeat(hx) + '"}', JSON.stringify({ sub: 'corpus', exp: NOW + 3600, pad: 'x'.repeat(extra) }));
        if (t.length === n) return t;
        if (t.length > n) break;
      }
    }
    throw new Error('cannot make a token of ' + n + ' chars');
  };
  add('length', 'exactly 4096 chars (the default limit)', pad(4096), 'ok');
  add('length', '4097 chars', pad(4097), E.tooLong);
  add('length', '4097 chars, decode', pad(4097), E.tooLong, { call: 'decode', options: undefined });
  add('length', '4097 chars, getUnverifiedHeader', pad(4097), E.tooLong, { call: 'getUnverifiedHeader', options: undefined });
  add('length', '4097 chars, jws.verify', pad(4097), E.tooLong, { call: 'jws.verify', options: { algorithms: ['HS256'] } });
  add('length', 'maxTokenLength 200, a 200-char token', pad(200), 'ok', { options: { ...OPTS, maxTokenLength: 200 } });
  add('length', 'maxTokenLength 200, a 201-char token', pad(201), E.tooLong, { options: { ...OPTS, maxTokenLength: 200 } });
  add('length', 'maxTokenLength 5000, a 4097-char token', pad(4097), 'ok', { options: { ...OPTS, maxTokenLength: 5000 } });
  // Far over: twice the limit is what a 5,100-variable board can still hold as a string.
  add('length', '8,192 dots', { parts: [['.', 8192]] }, E.tooLong);
  add('length', '8,192 chars of base64url', { parts: [['QUFB', 2048]] }, E.tooLong);
  add('length', '8,192 chars, decode', { parts: [['QUFB', 2048]] }, E.tooLong, { call: 'decode', options: undefined });
  add('length', '8,192 chars, maxTokenLength 100', { parts: [['QUFB', 2048]] }, E.tooLong, { options: { ...OPTS, maxTokenLength: 100 } });
  add('length', '5,000,000 chars', { parts: [['a', 5000000]] }, E.tooLong, { hostOnly: 'a 5 MB string does not fit in any board RAM' });
  add('length', '5,000,000 chars, decode', { parts: [['a', 5000000]] }, E.tooLong, { call: 'decode', options: undefined, hostOnly: 'a 5 MB string does not fit in any board RAM' });

  // ---- UTF-8 (every platform sees the same bytes)
  const bad: [string, number[]][] = [
    ['a lone continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong NUL', [0xc0, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated 3-byte sequence', [0xe2, 0x82]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['an F5 byte', [0xf5, 0x80, 0x80, 0x80]],
    ['an FF byte', [0xff]],
    ['Latin-1 é', [0xe9]],
  ];
  for (const [what, bytes] of bad) {
    const inString = Buffer.concat([Buffer.from('{"sub":"a'), Buffer.from(bytes), Buffer.from('"}')]);
    const inName = Buffer.concat([Buffer.from('{"a'), Buffer.from(bytes), Buffer.from('":1}')]);
    add('utf8', 'payload string with ' + what, withPayload(inString), E.utf8);
    add('utf8', 'payload member name with ' + what, withPayload(inName), E.utf8);
    add('utf8', 'header with ' + what, tok(Buffer.concat([Buffer.from('{"alg":"HS256","x":"'), Buffer.from(bytes), Buffer.from('"}')])), E.utf8);
  }
  add('utf8', 'invalid UTF-8 payload through jws.verify (bytes)', withPayload(Buffer.from([0xff, 0xfe, 0x80])), 'ok', { call: 'jws.verify', options: { algorithms: ['HS256'] } });
  add('utf8', 'valid 2-, 3- and 4-byte characters', withPayload('{"s":"é☺𝄞","é":1}'), 'ok');
  add('utf8', 'an escaped NUL', withPayload('{"s":"a\\u0000b"}'), 'ok');

  // ---- options an attacker might hope a caller gets wrong: refused loudly
  add('options', 'no options', GOOD, E.options, { options: undefined });
  add('options', 'empty algorithms', GOOD, E.options, { options: { algorithms: [] } });
  add('options', 'algorithms a string', GOOD, E.options, { options: { algorithms: 'HS256' } });
  add('options', 'a misspelt option', GOOD, E.options, { options: { ...OPTS, audiance: 'a' } });
  add('options', 'maxTokenLength 0', GOOD, E.options, { options: { ...OPTS, maxTokenLength: 0 } });
  add('options', 'maxTokenLength a string', GOOD, E.options, { options: { ...OPTS, maxTokenLength: '4096' } });
  add('options', 'a "__proto__" options member', GOOD, E.options, { options: JSON.parse('{"algorithms":["HS256"],"__proto__":{"audience":"x"}}') });

  const names = new Set<string>();
  for (const c of out) {
    if (names.has(c.name)) throw new Error('duplicate case name ' + c.name);
    names.add(c.name);
  }
  return out;
};

/** The whole corpus: JWS/JWT, JWE, then every token of both through the session entry points. */
export const corpus = (): AttackCase[] => {
  const base = [...jwsJwtCases(), ...jweCases()];
  const all = [...base, ...sessionCases(base)];
  const names = new Set<string>();
  for (const c of all) {
    if (names.has(c.name)) throw new Error('duplicate case name ' + c.name);
    names.add(c.name);
  }
  return all;
};
