// The JWE part of the attack corpus (issue #11): compact JWEs forged on the
// host with node:crypto (jweforge.ts), each with the one verdict every
// platform must give through `decrypt` or `decryptJWT`. Segments (4, 6,
// swapped, empty), IV and tag lengths, PBES2 `p2c`/`p2s`, `zip`, key sizes,
// the header, the length limit, and every byte of valid JWEs flipped in turn
// (one and the same DecryptionError, message included: no padding oracle).
import type { AttackCase, TokenSpec } from './corpus';
import { E, KEY, NOW } from './corpus';
import { cbcNoPad, fixedBytes, forgeJwe, forgeJweSegments, JweSpec, segmentBytes } from './jweforge';

const b64u = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
const hex = (b: Buffer): { bytes: string } => ({ bytes: b.toString('hex') });

export const K16 = fixedBytes('corpus kek 16', 16);
export const K32 = fixedBytes('corpus key 32', 32);
export const K64 = fixedBytes('corpus key 64', 64);
export const PASSWORD = 'corpus PBES2 password';
const PT = 'seventeen bytes!!';

/** Decrypt options listing exactly `alg` and `enc`. */
const dopts = (alg: string, enc: string, more: Record<string, unknown> = {}) => ({ keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc], ...more });

/** The message every DecryptionError has, whatever failed (RFC 7516 §11.5). */
export const DECRYPTION_MESSAGE = 'decryption failed';

export const jweCases = (): AttackCase[] => {
  const out: AttackCase[] = [];
  const CLAIMS = JSON.stringify({ sub: 'corpus', exp: NOW + 3600 });
  /** A decrypt case: `spec` gives the key (bytes or password) and the options. */
  const add = (group: string, name: string, token: TokenSpec, expect: string, key: Buffer | string, alg: string, enc: string, extra: Partial<AttackCase> = {}) =>
    out.push({ group, name: group + ': ' + name, call: 'decrypt', token, key: typeof key === 'string' ? key : hex(key), options: dopts(alg, enc), expect, ...extra });
  const keyOf = (s: JweSpec): Buffer | string => s.key;
  const forged = (group: string, name: string, s: JweSpec, expect: string, extra: Partial<AttackCase> = {}) => add(group, name, forgeJwe(s), expect, keyOf(s), s.alg, s.enc, extra);

  const GCM: JweSpec = { alg: 'dir', enc: 'A128GCM', key: K16, plaintext: PT };
  const CBC: JweSpec = { alg: 'dir', enc: 'A128CBC-HS256', key: K32, plaintext: PT };
  const KW: JweSpec = { alg: 'A128KW', enc: 'A128CBC-HS256', key: K16, plaintext: PT };
  const GCMKW: JweSpec = { alg: 'A128GCMKW', enc: 'A128GCM', key: K16, plaintext: PT };
  const PB: JweSpec = { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', key: PASSWORD, plaintext: PT };
  const HS512: JweSpec = { alg: 'dir', enc: 'A256CBC-HS512', key: K64, plaintext: PT };

  // ---- baselines: honest tokens forged with node:crypto decrypt
  forged('jwe-baseline', 'dir + A128GCM', GCM, 'ok');
  forged('jwe-baseline', 'dir + A128CBC-HS256', CBC, 'ok');
  forged('jwe-baseline', 'dir + A256CBC-HS512', HS512, 'ok');
  forged('jwe-baseline', 'A128KW + A128CBC-HS256', KW, 'ok');
  forged('jwe-baseline', 'A128GCMKW + A128GCM', GCMKW, 'ok');
  forged('jwe-baseline', 'PBES2-HS256+A128KW + A128GCM (p2c 100)', PB, 'ok');
  forged('jwe-baseline', 'empty plaintext', { ...CBC, plaintext: '' }, 'ok');
  forged('jwe-baseline', 'a 16-byte plaintext (a whole padding block)', { ...CBC, plaintext: 'sixteen bytes!!!' }, 'ok');
  forged('jwe-baseline', 'with a kid, through a KeySet', { ...GCM, extra: ',"kid":"k1"' }, 'ok', {
    key: { keyset: { keys: [{ kty: 'oct', k: b64u(K16), kid: 'k1' }, { kty: 'oct', k: b64u(K32), kid: 'k2' }] } },
  });

  // ---- segments
  const g = forgeJweSegments(GCM);
  const kw = forgeJweSegments(KW);
  add('jwe-segments', '4 segments (no tag)', g.slice(0, 4).join('.'), E.malformed, K16, 'dir', 'A128GCM');
  add('jwe-segments', '4 segments (no encrypted key)', [g[0], g[2], g[3], g[4]].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  add('jwe-segments', '6 segments (the tag twice)', [...g, g[4]].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  add('jwe-segments', '6 segments (a trailing dot)', g.join('.') + '.', E.malformed, K16, 'dir', 'A128GCM');
  add('jwe-segments', '3 segments (a JWS)', [g[0], g[3], g[4]].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  add('jwe-segments', '9 segments', [...g, ...g.slice(1)].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  add('jwe-segments', 'only dots', '....', E.json, K16, 'dir', 'A128GCM');
  add('jwe-segments', 'empty ciphertext and tag', [g[0], '', g[2], '', ''].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  // IV and tag both 16 bytes with A128CBC-HS256: the swap passes the length checks and fails at the tag.
  add('jwe-segments', 'IV and tag swapped (same lengths)', [kw[0], kw[1], kw[4], kw[3], kw[2]].join('.'), E.decrypt, K16, 'A128KW', 'A128CBC-HS256', { message: DECRYPTION_MESSAGE });
  add('jwe-segments', 'IV and tag swapped (GCM: 12 and 16 bytes)', [g[0], g[1], g[4], g[3], g[2]].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  const kw15 = forgeJweSegments({ ...KW, plaintext: 'fifteen bytes!!' }); // a 16-byte ciphertext
  add('jwe-segments', 'ciphertext and tag swapped (same lengths)', [kw15[0], kw15[1], kw15[2], kw15[4], kw15[3]].join('.'), E.decrypt, K16, 'A128KW', 'A128CBC-HS256', { message: DECRYPTION_MESSAGE });
  add('jwe-segments', 'ciphertext and tag swapped (17 and 16 bytes)', [g[0], g[1], g[2], g[4], g[3]].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  add('jwe-segments', 'encrypted key and IV swapped', [kw[0], kw[2], kw[1], kw[3], kw[4]].join('.'), E.malformed, K16, 'A128KW', 'A128CBC-HS256');
  add('jwe-segments', 'header and encrypted key swapped', [kw[1], kw[0], kw[2], kw[3], kw[4]].join('.'), E.utf8, K16, 'A128KW', 'A128CBC-HS256');
  add('jwe-segments', 'segments reversed', [...kw].reverse().join('.'), E.utf8, K16, 'A128KW', 'A128CBC-HS256');
  add('jwe-segments', 'ciphertext of another token, same key', [g[0], g[1], g[2], forgeJweSegments({ ...GCM, plaintext: 'other plaintext!!' })[3], g[4]].join('.'), E.decrypt, K16, 'dir', 'A128GCM', { message: DECRYPTION_MESSAGE });
  add('jwe-segments', 'header of another token (an AAD change)', [b64u('{"enc":"A128GCM","alg":"dir"}'), g[1], g[2], g[3], g[4]].join('.'), E.decrypt, K16, 'dir', 'A128GCM', { message: DECRYPTION_MESSAGE });
  add('jwe-segments', 'dir with a non-empty encrypted key', [g[0], b64u(K16), g[2], g[3], g[4]].join('.'), E.malformed, K16, 'dir', 'A128GCM');
  for (const n of [0, 8, 16, 23, 32, 40]) {
    // AES key wrap of a 16-byte CEK is 24 bytes; anything else is the same failure as a wrong key.
    add('jwe-segments', 'A128KW encrypted key of ' + n + ' bytes', [kw[0], b64u(fixedBytes('ek' + n, n)), kw[2], kw[3], kw[4]].join('.'), E.decrypt, K16, 'A128KW', 'A128CBC-HS256', { message: DECRYPTION_MESSAGE });
  }
  add('jwe-segments', 'A128KW encrypted key of 2,400 bytes', [kw[0], b64u(fixedBytes('ek-big', 2400)), kw[2], kw[3], kw[4]].join('.'), E.decrypt, K16, 'A128KW', 'A128CBC-HS256', { message: DECRYPTION_MESSAGE });
  add('jwe-segments', 'padded ciphertext (=)', [g[0], g[1], g[2], g[3] + '=', g[4]].join('.'), E.b64, K16, 'dir', 'A128GCM');
  add('jwe-segments', 'a + in the ciphertext (standard base64)', [g[0], g[1], g[2], '+' + g[3].slice(1), g[4]].join('.'), E.b64, K16, 'dir', 'A128GCM');
  add('jwe-segments', 'white space around the token', ' ' + g.join('.') + '\n', E.b64, K16, 'dir', 'A128GCM');
  add('jwe-segments', 'a newline inside the ciphertext', [g[0], g[1], g[2], g[3].slice(0, 4) + '\n' + g[3].slice(4), g[4]].join('.'), E.b64, K16, 'dir', 'A128GCM');
  for (const [what, v] of [['a number', 42], ['null', null], ['an array', g], ['an object', { protected: g[0] }]] as [string, unknown][]) {
    add('jwe-segments', 'token is ' + what, { literal: v }, E.malformed, K16, 'dir', 'A128GCM');
  }

  // ---- IV and tag lengths (each with a tag valid for what was sent where the cipher allows)
  for (const n of [0, 8, 11, 13, 16]) forged('jwe-lengths', 'GCM IV of ' + n + ' bytes', { ...GCM, ivBytes: n, label: 'gcm-iv-' + n }, E.malformed);
  for (const n of [0, 12, 15, 17, 32]) forged('jwe-lengths', 'CBC IV of ' + n + ' bytes', { ...CBC, ivBytes: n, label: 'cbc-iv-' + n }, E.malformed);
  for (const n of [0, 4, 12, 15, 17, 32]) forged('jwe-lengths', 'GCM tag of ' + n + ' bytes', { ...GCM, tagBytes: n }, E.malformed);
  for (const n of [0, 15, 17, 24, 32]) forged('jwe-lengths', 'A128CBC-HS256 tag of ' + n + ' bytes', { ...CBC, tagBytes: n }, E.malformed);
  forged('jwe-lengths', 'A256CBC-HS512 tag of 16 bytes (A128CBC-HS256\'s)', { ...HS512, tagBytes: 16 }, E.malformed);
  // A valid tag over a ciphertext the cipher cannot take: the same DecryptionError as a bad tag (no padding oracle).
  forged('jwe-lengths', 'CBC ciphertext of 17 bytes, valid tag', { ...CBC, ct: (ct) => Buffer.concat([ct, Buffer.from([7])]) }, E.decrypt, { message: DECRYPTION_MESSAGE });
  forged('jwe-lengths', 'CBC ciphertext of 0 bytes, valid tag', { ...CBC, ct: () => Buffer.alloc(0) }, E.decrypt, { message: DECRYPTION_MESSAGE });
  forged('jwe-lengths', 'CBC ciphertext of 15 bytes, valid tag', { ...CBC, ct: (ct) => ct.subarray(0, 15) }, E.decrypt, { message: DECRYPTION_MESSAGE });
  for (const [what, last] of [['a 0x00 pad byte', 0x00], ['a 0x11 pad byte', 0x11], ['pad bytes that disagree (…0x01 0x02)', 0x02]] as [string, number][]) {
    forged('jwe-lengths', 'CBC bad padding (' + what + '), valid tag', {
      ...CBC,
      ct: (_ct, c) => {
        const block = Buffer.from('fifteen bytes!!' + String.fromCharCode(last), 'latin1');
        if (last === 0x02) block[14] = 0x01;
        return cbcNoPad(c.key, c.iv, block);
      },
    }, E.decrypt, { message: DECRYPTION_MESSAGE });
  }

  // ---- PBES2: the count is refused before any PBKDF2 work; the salt must be at least 8 bytes
  const pbOpts = (more: Record<string, unknown> = {}) => ({ options: dopts(PB.alg, PB.enc, more) });
  forged('jwe-pbes2', 'p2c 10^9', { ...PB, p2c: '1000000000' }, E.pbes2Count);
  forged('jwe-pbes2', 'p2c 1e9 (exponent form)', { ...PB, p2c: '1e9' }, E.pbes2Count);
  forged('jwe-pbes2', 'p2c 2^53', { ...PB, p2c: '9007199254740992' }, E.pbes2Count);
  forged('jwe-pbes2', 'p2c 10,000 (the default limit)', { ...PB, p2c: '10000' }, 'ok');
  forged('jwe-pbes2', 'p2c 10,001', { ...PB, p2c: '10001' }, E.pbes2Count);
  forged('jwe-pbes2', 'maxPBES2Count 100, p2c 100', { ...PB, p2c: '100' }, 'ok', pbOpts({ maxPBES2Count: 100 }));
  forged('jwe-pbes2', 'maxPBES2Count 100, p2c 101', { ...PB, p2c: '101' }, E.pbes2Count, pbOpts({ maxPBES2Count: 100 }));
  forged('jwe-pbes2', 'maxPBES2Count 0 is an options error', PB, E.options, pbOpts({ maxPBES2Count: 0 }));
  for (const [what, v] of [['0', '0'], ['-1', '-1'], ['1.5', '1.5'], ['a string', '"100"'], ['true', 'true'], ['null', 'null'], ['an array', '[100]']]) {
    forged('jwe-pbes2', 'p2c ' + what, { ...PB, p2c: v }, E.malformed);
  }
  forged('jwe-pbes2', 'p2c 1e400', { ...PB, p2c: '1e400' }, E.json);
  forged('jwe-pbes2', 'p2c 2^53 + 1', { ...PB, p2c: '9007199254740993' }, E.json);
  forged('jwe-pbes2', 'p2s of 7 bytes', { ...PB, p2s: fixedBytes('p2s7', 7) }, E.malformed);
  forged('jwe-pbes2', 'p2s of 8 bytes', { ...PB, p2s: fixedBytes('p2s8', 8) }, 'ok');
  forged('jwe-pbes2', 'p2s empty', { ...PB, p2s: Buffer.alloc(0) }, E.malformed);
  add('jwe-pbes2', 'p2s missing', forgeJwe({ ...PB, headerText: '{"alg":"' + PB.alg + '","enc":"A128GCM","p2c":100}' }), E.malformed, PASSWORD, PB.alg, PB.enc);
  add('jwe-pbes2', 'p2c missing', forgeJwe({ ...PB, headerText: '{"alg":"' + PB.alg + '","enc":"A128GCM","p2s":"' + b64u(fixedBytes('s', 16)) + '"}' }), E.malformed, PASSWORD, PB.alg, PB.enc);
  add('jwe-pbes2', 'p2s a number', forgeJwe({ ...PB, headerText: '{"alg":"' + PB.alg + '","enc":"A128GCM","p2s":12345678,"p2c":100}' }), E.malformed, PASSWORD, PB.alg, PB.enc);
  add('jwe-pbes2', 'p2s not base64url', forgeJwe({ ...PB, headerText: '{"alg":"' + PB.alg + '","enc":"A128GCM","p2s":"abc+/def==","p2c":100}' }), E.b64, PASSWORD, PB.alg, PB.enc);
  add('jwe-pbes2', 'p2c 10^9 with a 7-byte p2s (the salt first)', forgeJwe({ ...PB, p2c: '1000000000', p2s: fixedBytes('p2s7', 7) }), E.malformed, PASSWORD, PB.alg, PB.enc);
  forged('jwe-pbes2', 'PBES2 not listed by the caller', PB, E.alg, { options: dopts('A128KW', 'A128GCM') });
  forged('jwe-pbes2', 'empty password', PB, E.keySize, { key: '' });
  forged('jwe-pbes2', 'wrong password', PB, E.decrypt, { key: PASSWORD + '!', message: DECRYPTION_MESSAGE });

  // ---- zip
  forged('jwe-zip', 'zip DEF', { ...GCM, extra: ',"zip":"DEF"' }, E.zip);
  forged('jwe-zip', 'zip null', { ...GCM, extra: ',"zip":null' }, E.zip);
  forged('jwe-zip', 'zip with a PBES2 count of 10^9', { ...PB, p2c: '1000000000', extra: ',"zip":"DEF"' }, E.zip);

  // ---- keys of the wrong size (sizes are public: InvalidKeyError, before any decryption)
  const gt = forgeJwe(GCM);
  const ct = forgeJwe(CBC);
  for (const n of [0, 15, 17, 32]) add('jwe-key', 'dir A128GCM with a ' + n + '-byte key', gt, E.keySize, fixedBytes('k' + n, n), 'dir', 'A128GCM');
  for (const n of [16, 31, 33, 64]) add('jwe-key', 'dir A128CBC-HS256 with a ' + n + '-byte key', ct, E.keySize, fixedBytes('k' + n, n), 'dir', 'A128CBC-HS256');
  add('jwe-key', 'dir A128GCM with a 32-byte oct JWK', gt, E.keySize, K16, 'dir', 'A128GCM', { key: { jwk: { kty: 'oct', k: b64u(K32) } } });
  forged('jwe-key', 'dir A128GCM with a 16-char string key (its bytes)', { ...GCM, key: Buffer.from('0123456789abcdef'), label: 'string key' }, 'ok', { key: '0123456789abcdef' });
  add('jwe-key', 'A128KW with a 32-byte key', forgeJwe(KW), E.keySize, K32, 'A128KW', 'A128CBC-HS256');
  add('jwe-key', 'dir A128GCM, the right size, another key', gt, E.decrypt, fixedBytes('other', 16), 'dir', 'A128GCM', { message: DECRYPTION_MESSAGE });
  add('jwe-key', 'A128KW, the right size, another key', forgeJwe(KW), E.decrypt, fixedBytes('other', 16), 'A128KW', 'A128CBC-HS256', { message: DECRYPTION_MESSAGE });
  add('jwe-key', 'an RSA JWK', gt, E.keyType, K16, 'dir', 'A128GCM', { key: { jwk: { kty: 'RSA', n: 'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0', e: 'AQAB' } } });
  add('jwe-key', 'a JWK for signing', gt, E.keyNoMatch, K16, 'dir', 'A128GCM', { key: { jwk: { kty: 'oct', k: b64u(K16), use: 'sig' } } });
  const ks = { keyset: { keys: [{ kty: 'oct', k: b64u(K16), kid: 'k1' }, { kty: 'oct', k: b64u(fixedBytes('k1b', 16)), kid: 'k2' }] } };
  add('jwe-key', 'KeySet, no kid, two keys fit', gt, E.keyMulti, K16, 'dir', 'A128GCM', { key: ks });
  add('jwe-key', 'KeySet, path-like kid', forgeJwe({ ...GCM, extra: ',"kid":"../../mj-key"' }), E.keyNoMatch, K16, 'dir', 'A128GCM', { key: ks });
  add('jwe-key', 'KeySet, kid __proto__', forgeJwe({ ...GCM, extra: ',"kid":"__proto__"' }), E.keyNoMatch, K16, 'dir', 'A128GCM', { key: ks });
  add('jwe-key', 'KeySet, the other key\'s kid', forgeJwe({ ...GCM, extra: ',"kid":"k2"' }), E.decrypt, K16, 'dir', 'A128GCM', { key: ks, message: DECRYPTION_MESSAGE });

  // ---- the protected header (read before anything is authenticated)
  const hdr = (name: string, text: string, expect: string, opts?: Record<string, unknown>) =>
    add('jwe-header', name, forgeJwe({ ...GCM, headerText: text }), expect, K16, 'dir', 'A128GCM', opts ? { options: opts } : {});
  hdr('alg none', '{"alg":"none","enc":"A128GCM"}', E.alg);
  hdr('enc none', '{"alg":"dir","enc":"none"}', E.alg);
  hdr('alg missing', '{"enc":"A128GCM"}', E.alg);
  hdr('enc missing', '{"alg":"dir"}', E.alg);
  hdr('enc a number', '{"alg":"dir","enc":128}', E.alg);
  hdr('alg an array', '{"alg":["dir"],"enc":"A128GCM"}', E.alg);
  hdr('alg not listed', '{"alg":"A128KW","enc":"A128GCM"}', E.alg);
  hdr('enc not listed', '{"alg":"dir","enc":"A256GCM"}', E.alg);
  hdr('lower-case alg', '{"alg":"DIR","enc":"A128GCM"}', E.alg);
  hdr('alg HS256 (a JWS alg)', '{"alg":"HS256","enc":"A128GCM"}', E.alg);
  hdr('duplicate alg', '{"alg":"A128KW","alg":"dir","enc":"A128GCM"}', E.json);
  hdr('duplicate enc', '{"alg":"dir","enc":"A128GCM","enc":"A128GCM"}', E.json);
  hdr('__proto__ member', '{"alg":"dir","enc":"A128GCM","__proto__":{"alg":"none"}}', E.json);
  hdr('escaped __proto__ member', '{"alg":"dir","enc":"A128GCM","\\u005f_proto__":null}', E.json);
  hdr('trailing comma', '{"alg":"dir","enc":"A128GCM",}', E.json);
  hdr('single quotes', "{'alg':'dir','enc':'A128GCM'}", E.json);
  hdr('an array', '[{"alg":"dir","enc":"A128GCM"}]', E.malformed);
  hdr('null', 'null', E.malformed);
  hdr('kid a number', '{"alg":"dir","enc":"A128GCM","kid":1}', E.malformed);
  hdr('cty an object', '{"alg":"dir","enc":"A128GCM","cty":{}}', E.malformed);
  hdr('crit unknown', '{"alg":"dir","enc":"A128GCM","crit":["x"],"x":1}', E.crit);
  hdr('crit understood', '{"alg":"dir","enc":"A128GCM","crit":["x"],"x":1}', 'ok', dopts('dir', 'A128GCM', { crit: ['x'] }));
  hdr('crit empty', '{"alg":"dir","enc":"A128GCM","crit":[]}', E.crit);
  hdr('b64 false', '{"alg":"dir","enc":"A128GCM","b64":false}', E.b64false);
  hdr('nesting 33', '{"alg":"dir","enc":"A128GCM","x":' + '['.repeat(32) + ']'.repeat(32) + '}', E.json);
  hdr('nesting 32', '{"alg":"dir","enc":"A128GCM","x":' + '['.repeat(31) + ']'.repeat(31) + '}', 'ok');
  hdr('nesting 1,000', '{"alg":"dir","enc":"A128GCM","x":' + '['.repeat(999) + ']'.repeat(999) + '}', E.json);
  hdr('a 41-char number', '{"alg":"dir","enc":"A128GCM","n":1.' + '0'.repeat(38) + '1}', E.json);
  hdr('a non-ASCII member value (UTF-8)', '{"alg":"dir","enc":"A128GCM","x":"\u00e9\u263a"}', 'ok');
  add('jwe-header', 'invalid UTF-8 bytes', [b64u(Buffer.concat([Buffer.from('{"alg":"dir","enc":"A128GCM","x":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])), g[1], g[2], g[3], g[4]].join('.'), E.utf8, K16, 'dir', 'A128GCM');
  hdr('alg with a newline (log injection)', '{"alg":"x\\nERROR forged","enc":"A128GCM"}', E.alg);
  hdr('a 2,000-char enc', '{"alg":"dir","enc":"' + 'A128GCM'.repeat(286) + '"}', E.alg);
  add('jwe-header', 'header not base64url', ['eyJ!', g[1], g[2], g[3], g[4]].join('.'), E.b64, K16, 'dir', 'A128GCM');

  // ---- length: checked before anything is decoded
  const padTo = (n: number): string => {
    for (let extra = Math.max(0, Math.floor(((n - 200) * 3) / 4)); extra < n; extra++) {
      for (let hx = 0; hx < 4; hx++) {
        const t = forgeJwe({ ...GCM, extra: ',"p":"' + 'y'.repeat(hx) + '"', plaintext: 'x'.repeat(extra) });
        if (t.length === n) return t;
      }
    }
    throw new Error('no JWE of ' + n + ' chars');
  };
  add('jwe-length', 'exactly 4,096 chars (the default limit)', padTo(4096), 'ok', K16, 'dir', 'A128GCM');
  add('jwe-length', '4,097 chars', padTo(4097), E.tooLong, K16, 'dir', 'A128GCM');
  add('jwe-length', 'maxTokenLength 300, 300 chars', padTo(300), 'ok', K16, 'dir', 'A128GCM', { options: dopts('dir', 'A128GCM', { maxTokenLength: 300 }) });
  add('jwe-length', 'maxTokenLength 300, 301 chars', padTo(301), E.tooLong, K16, 'dir', 'A128GCM', { options: dopts('dir', 'A128GCM', { maxTokenLength: 300 }) });
  add('jwe-length', '8,192 chars', { parts: [g[0] + '.', ['QUFB', 2000], '.' + g[2] + '.' + g[3] + '.' + g[4]] }, E.tooLong, K16, 'dir', 'A128GCM');
  add('jwe-length', '5,000,000 chars', { parts: [['QUFB', 1250000]] }, E.tooLong, K16, 'dir', 'A128GCM', { hostOnly: 'a 5 MB string does not fit in any board RAM' });

  // ---- decryptJWT: the claims inside are hostile too
  const jwtOpts = (alg: string, enc: string, more: Record<string, unknown> = {}) => dopts(alg, enc, { currentTime: NOW, ...more });
  const jwt = (name: string, s: JweSpec, expect: string, more: Record<string, unknown> = {}, extra: Partial<AttackCase> = {}) =>
    add('jwe-jwt', name, forgeJwe(s), expect, s.key, s.alg, s.enc, { call: 'decryptJWT', options: jwtOpts(s.alg, s.enc, more), ...extra });
  jwt('honest claims', { ...GCM, plaintext: CLAIMS }, 'ok');
  jwt('honest claims, A256CBC-HS512', { ...HS512, plaintext: CLAIMS }, 'ok');
  jwt('expired', { ...GCM, plaintext: JSON.stringify({ sub: 'corpus', exp: NOW - 1 }) }, E.expired);
  jwt('plaintext not JSON', { ...GCM, plaintext: 'sub=admin' }, E.json);
  jwt('plaintext invalid UTF-8', { ...GCM, plaintext: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) }, E.utf8);
  jwt('plaintext an array', { ...GCM, plaintext: '[1]' }, E.malformed);
  jwt('plaintext with __proto__', { ...GCM, plaintext: '{"__proto__":{"admin":true},"sub":"x"}' }, E.json);
  jwt('plaintext with duplicate exp', { ...GCM, plaintext: '{"exp":1,"exp":' + (NOW + 60) + '}' }, E.json);
  jwt('plaintext nested 1,000 deep', { ...GCM, plaintext: '{"a":' + '['.repeat(999) + ']'.repeat(999) + '}' }, E.json);
  jwt('plaintext nested 32 deep', { ...GCM, plaintext: '{"a":' + '['.repeat(31) + ']'.repeat(31) + '}' }, 'ok');
  jwt('exp 1e400', { ...GCM, plaintext: '{"exp":1e400}' }, E.json);
  jwt('exp a string', { ...GCM, plaintext: '{"exp":"' + (NOW + 60) + '"}' }, E.claim);
  jwt('nested (cty JWT) without the verify option', { ...GCM, extra: ',"cty":"JWT"', plaintext: 'a.b.c' }, E.nested);
  jwt('verify option with a token that is not nested', { ...GCM, plaintext: CLAIMS }, E.notNested, { verify: { key: KEY, algorithms: ['HS256'] } });
  jwt('nested, inner JWS with a bad signature', { ...GCM, extra: ',"cty":"JWT"', plaintext: b64u('{"alg":"HS256"}') + '.' + b64u(CLAIMS) + '.' + b64u(Buffer.alloc(32)) }, E.sig, { verify: { key: KEY, algorithms: ['HS256'] } });
  jwt('nested, inner JWS alg none', { ...GCM, extra: ',"cty":"JWT"', plaintext: b64u('{"alg":"none"}') + '.' + b64u(CLAIMS) + '.' }, E.alg, { verify: { key: KEY, algorithms: ['HS256'] } });
  jwt('nested, inner text not a JWS', { ...GCM, extra: ',"cty":"JWT"', plaintext: 'not a token' }, E.malformed, { verify: { key: KEY, algorithms: ['HS256'] } });
  jwt('p2c 10^9', { ...PB, p2c: '1000000000', plaintext: CLAIMS }, E.pbes2Count);
  jwt('zip', { ...GCM, extra: ',"zip":"DEF"', plaintext: CLAIMS }, E.zip);

  // ---- every byte of valid JWEs flipped in turn: the one DecryptionError, same message each time
  const flips = (name: string, s: JweSpec, segments: number[]) => {
    const token = forgeJwe(s);
    const segs = segmentBytes(token);
    const head = token.split('.')[0];
    for (const si of segments) {
      for (let i = 0; i < segs[si].length; i++) {
        const copy = segs.map((b) => Buffer.from(b));
        copy[si][i] ^= 1 << (i % 8);
        const t = [head, ...copy.slice(1).map((b) => b64u(b))];
        add('jwe-flip', name + ': segment ' + si + ' byte ' + i, t.join('.'), E.decrypt, keyOf(s), s.alg, s.enc, { message: DECRYPTION_MESSAGE });
      }
    }
  };
  flips('A128KW + A128CBC-HS256', KW, [1, 2, 3, 4]);
  flips('dir + A128GCM', GCM, [2, 3, 4]);
  flips('dir + A256CBC-HS512, one block', { ...HS512, plaintext: 'fifteen bytes!!' }, [2, 3, 4]);
  flips('A128GCMKW + A128GCM', GCMKW, [1]);
  // The header is the AAD: a byte flipped inside a member value (still valid JSON) fails at the tag too.
  const note = 'abcdefghijklmnop';
  const hs: JweSpec = { ...KW, extra: ',"note":"' + note + '"', label: 'flip-header' };
  const hsegs = forgeJweSegments(hs);
  const htext = Buffer.from(hsegs[0], 'base64url').toString('latin1');
  const at = htext.indexOf(note);
  for (let i = 0; i < note.length; i++) {
    const h = Buffer.from(htext, 'latin1');
    h[at + i] ^= 1 << (i % 5); // a letter stays a printable, non-special character
    add('jwe-flip', 'A128KW + A128CBC-HS256: header byte ' + (at + i), [b64u(h), ...hsegs.slice(1)].join('.'), E.decrypt, K16, 'A128KW', 'A128CBC-HS256', { message: DECRYPTION_MESSAGE });
  }

  return out;
};
