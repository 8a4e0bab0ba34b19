// Node rows of `npm run bench`: microjwt (the built dist/microjwt.js, as Node
// users load it) against its peers in the same process, same token, same key,
// same checks: fast-jwt (cache off), jose and jsonwebtoken. Each figure is
// operations per second, median and range over several timed batches.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const BATCHES = 7;

/** ops/s of `fn` (sync or async): median and min-max over BATCHES batches of at least `ms` each. */
const measure = async (fn, ms = 150) => {
  for (let i = 0; i < 500; i++) await fn();
  const rates = [];
  for (let b = 0; b < BATCHES; b++) {
    let n = 0;
    const t0 = process.hrtime.bigint();
    let dt = 0;
    while (dt < ms * 1e6) {
      for (let i = 0; i < 200; i++) await fn();
      n += 200;
      dt = Number(process.hrtime.bigint() - t0);
    }
    rates.push((n / dt) * 1e9);
  }
  rates.sort((a, b) => a - b);
  return { median: rates[BATCHES >> 1], min: rates[0], max: rates[BATCHES - 1] };
};

/** Rows: { name, unit, values: {column: {median,min,max}}, budget?: string, ratio?: [a, b] } */
export const nodeRows = async (root) => {
  const require = createRequire(join(root, 'package.json'));
  const mj = require(join(root, 'dist', 'microjwt.js'));
  const { createSigner, createVerifier } = require('fast-jwt');
  const jose = await import(require.resolve('jose'));
  const jsonwebtoken = require('jsonwebtoken');

  const key = 'bench-secret-0123456789abcdef-0123456789';
  const keyBytes = new TextEncoder().encode(key);
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: 'device-0042', aud: 'hub', iss: 'https://issuer.example', iat: now, exp: now + 3600, scope: 'read write', n: 42 };
  const token = mj.sign(payload, key);
  const vopts = { algorithms: ['HS256'], audience: 'hub', issuer: 'https://issuer.example' };
  const fastVerify = createVerifier({ key, cache: false, algorithms: ['HS256'], allowedAud: 'hub', allowedIss: 'https://issuer.example' });
  const fastSign = createSigner({ key, algorithm: 'HS256', noTimestamp: true });
  // Each library must accept the token with these options, or the race is not fair.
  for (const check of [() => mj.verify(token, key, vopts), () => fastVerify(token), () => jsonwebtoken.verify(token, key, vopts)]) check();
  await jose.jwtVerify(token, keyBytes, vopts);

  const rows = [];
  const verify = {
    microjwt: await measure(() => mj.verify(token, key, vopts)),
    'fast-jwt': await measure(() => fastVerify(token)),
    jose: await measure(() => jose.jwtVerify(token, keyBytes, vopts)),
    jsonwebtoken: await measure(() => jsonwebtoken.verify(token, key, vopts)),
  };
  rows.push({ name: 'HS256 verify (audience + issuer), ops/s', values: verify, budget: '>= 1.2x fast-jwt, >= 3x jose', ratio: [['microjwt', 'fast-jwt'], ['microjwt', 'jose']] });
  const sign = {
    microjwt: await measure(() => mj.sign(payload, key, { noTimestamp: true })),
    'fast-jwt': await measure(() => fastSign(payload)),
    jose: await measure(() => new jose.SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyBytes)),
    jsonwebtoken: await measure(() => jsonwebtoken.sign(payload, key, { noTimestamp: true })),
  };
  rows.push({ name: 'HS256 sign, ops/s', values: sign, budget: '>= 1.2x fast-jwt, >= 3x jose', ratio: [['microjwt', 'fast-jwt'], ['microjwt', 'jose']] });

  if (typeof mj.encrypt === 'function') {
    const cek = new Uint8Array(64).fill(7);
    const text = 'x'.repeat(300);
    const dopts = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256CBC-HS512'] };
    const jwe = {
      microjwt: await measure(() => mj.decrypt(mj.encrypt(text, cek, { alg: 'dir', enc: 'A256CBC-HS512' }), cek, dopts)),
      jose: await measure(async () =>
        jose.compactDecrypt(await new jose.CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).encrypt(cek), cek),
      ),
    };
    rows.push({ name: 'JWE dir/A256CBC-HS512 encrypt + decrypt 300 B, ops/s', values: jwe, budget: '>= 2x jose', ratio: [['microjwt', 'jose']] });
  }
  return rows;
};
