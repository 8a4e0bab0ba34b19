// The built files as a Node user gets them: `require('microjwt')` of
// dist/microjwt.js and dist/microjwt.min.js (the same CommonJS module boards
// load), interoperating with jose, and dist/microjwt.d.ts compiling for a
// TypeScript user.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ts from 'typescript';
import * as jose from 'jose';
import source from '../src/index';

const root = join(__dirname, '..');
const load = createRequire(join(root, 'package.json'));
const SECRET = 'a shared secret long enough for HS512: sixty-four bytes or more!!';

describe.each(['dist/microjwt.js', 'dist/microjwt.min.js'])('%s from Node', (file) => {
  const mj = load(join(root, file)) as typeof source;

  it('exports the same API as the sources', () => {
    expect(Object.keys(mj).sort()).toEqual(Object.keys(source).sort());
    expect(mj.version).toBe(load(join(root, 'package.json')).version);
  });

  it('signs tokens jose verifies, and verifies tokens jose signs', async () => {
    const key = new TextEncoder().encode(SECRET);
    const ours = mj.sign({ sub: 'node', name: 'José ☺ 𝄞' }, SECRET, { algorithm: 'HS384', expiresIn: 60, audience: 'a' });
    const { payload } = await jose.jwtVerify(ours, key, { audience: 'a' });
    expect(payload.name).toBe('José ☺ 𝄞');
    const theirs = await new jose.SignJWT({ n: 1 }).setProtectedHeader({ alg: 'HS512' }).setIssuedAt().sign(key);
    expect((mj.verify(theirs, SECRET, { algorithms: ['HS512'] }) as { n: number }).n).toBe(1);
  });

  it('encrypts tokens jose decrypts, and decrypts tokens jose encrypts (JWE)', async () => {
    const key = new Uint8Array(32).fill(7);
    const ours = mj.encryptJWT({ sub: 'node', name: 'José ☺' }, key, { alg: 'A256KW', enc: 'A128CBC-HS256', expiresIn: 60 });
    expect((await jose.jwtDecrypt(ours, key)).payload.name).toBe('José ☺');
    const theirs = await new jose.CompactEncrypt(new TextEncoder().encode('𝄞 bytes')).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
    expect(mj.utf8.decode(mj.decrypt(theirs, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] }).plaintext)).toBe('𝄞 bytes');
  });

  it('throws its own typed errors', () => {
    expect(() => mj.verify('a.b.c', SECRET, { algorithms: ['HS256'] })).toThrow(mj.DecodeError);
    expect(() => mj.decrypt('a.b.c.d.e', SECRET, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] })).toThrow(mj.DecodeError);
  });
});

describe('dist/microjwt.d.ts', () => {
  it('type-checks a TypeScript user of the CommonJS module, and rejects a misuse', () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-dts-'));
    const good = join(dir, 'good.ts');
    const bad = join(dir, 'bad.ts');
    const dist = join(root, 'dist', 'microjwt').replace(/\\/g, '/');
    writeFileSync(good, `import microjwt = require('${dist}');
const token: string = microjwt.sign({ sub: 'a' }, 'k', { expiresIn: 60, minKeyLength: 1 });
const e: boolean = new microjwt.ExpiredSignatureError('x') instanceof microjwt.InvalidTokenError;
const h: Uint8Array = microjwt.crypto.sha256('abc');
const jwe: string = microjwt.encrypt('x', new Uint8Array(32), { alg: 'dir', enc: 'A256GCM' });
const pt: Uint8Array = microjwt.decrypt(jwe, new Uint8Array(32), { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] }).plaintext;
export { token, e, h, pt };
`);
    writeFileSync(bad, `import microjwt = require('${dist}');
export const n: number = microjwt.sign({ sub: 'a' }, 'k');
`);
    const check = (file: string) =>
      ts.getPreEmitDiagnostics(ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, types: [], skipLibCheck: false })).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(check(good)).toEqual([]);
    expect(check(bad).join('\n')).toMatch(/not assignable to type 'number'/);
  }, 120000);
});
