// Interop with a second, independent JOSE implementation: Python's jwcrypto
// (Debian/Ubuntu: python3-jwcrypto). Every alg x enc pair both ways, in one
// Python process (jwcrypto picks its own PBES2 count, 8192 in 1.1). Skipped, saying so, where no python3 on PATH can import
// jwcrypto.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { encrypt } from '../../src/jwe/encrypt';
import { decrypt } from '../../src/jwe/decrypt';
import { ALGS, ENCS, keyFor, keyBytesOf } from './helpers';

/** The first python3 on PATH that imports jwcrypto (pyenv shims may hide the system one). */
const findPython = (): string | undefined => {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    const exe = join(dir, 'python3');
    if (!dir || !existsSync(exe)) continue;
    const r = spawnSync(exe, ['-c', 'import jwcrypto.jwe, jwcrypto.jwk'], { encoding: 'utf8' });
    if (r.status === 0) return exe;
  }
  return undefined;
};

const PY = `
import sys, json
from jwcrypto import jwk, jwe
from jwcrypto.common import json_encode
req = json.load(sys.stdin)
out = {'decrypted': [], 'tokens': []}
for d in req['decrypt']:
    e = jwe.JWE(algs=[d['alg'], d['enc']])
    e.deserialize(d['token'], key=jwk.JWK(kty='oct', k=d['k']))
    out['decrypted'].append(e.payload.hex())
for d in req['encrypt']:
    h = {'alg': d['alg'], 'enc': d['enc']}
    e = jwe.JWE(bytes.fromhex(d['plaintext']), json_encode(h))
    e.add_recipient(jwk.JWK(kty='oct', k=d['k']))
    out['tokens'].append(e.serialize(compact=True))
print(json.dumps(out))
`;

const python = findPython();
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
// No empty plaintext: jwcrypto 1.1 takes an empty decrypted payload for a failure ("No recipient matched").
const PLAINTEXTS = [new Uint8Array([1]), new Uint8Array(17).fill(0xa5), new TextEncoder().encode('Grüße ☺ 𝄞')];

describe('jwcrypto interop', () => {
  if (!python) {
    it.skip('skipped: no python3 on PATH can import jwcrypto (apt-get install python3-jwcrypto)', () => {});
    return;
  }
  it('every alg x enc pair, both ways, plaintexts of 1, 17 bytes and Unicode text', () => {
    const decryptReq: object[] = [];
    const encryptReq: object[] = [];
    const expected: { pt: Uint8Array; key: Uint8Array | string; alg: string; enc: string }[] = [];
    for (const alg of ALGS) {
      for (const enc of ENCS) {
        const key = keyFor(alg, enc);
        const k = b64u(keyBytesOf(key));
        for (const pt of PLAINTEXTS) {
          const token = encrypt(pt, key, alg.startsWith('PBES2') ? { alg, enc, p2c: 1000 } : { alg, enc });
          decryptReq.push({ token, k, alg, enc });
          encryptReq.push({ plaintext: Buffer.from(pt).toString('hex'), k, alg, enc });
          expected.push({ pt, key, alg, enc });
        }
      }
    }
    const r = spawnSync(python, ['-c', PY], { input: JSON.stringify({ decrypt: decryptReq, encrypt: encryptReq }), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.decrypted.length).toBe(expected.length);
    expect(out.tokens.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      const x = expected[i];
      expect(out.decrypted[i], 'jwcrypto decrypting ' + x.alg + ' ' + x.enc).toBe(Buffer.from(x.pt).toString('hex'));
      const d = decrypt(out.tokens[i], x.key, { keyManagementAlgorithms: [x.alg], contentEncryptionAlgorithms: [x.enc] });
      expect(Buffer.from(d.plaintext).toString('hex'), 'microjwt decrypting jwcrypto ' + x.alg + ' ' + x.enc).toBe(Buffer.from(x.pt).toString('hex'));
    }
  }, 120000);
});
