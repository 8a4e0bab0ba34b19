// Node rows of `npm run bench`: microjwt (the built dist/microjwt.js, as Node
// users load it) against its peers in the same process, same token, same key,
// same checks: fast-jwt (cache off), jose and jsonwebtoken. Each figure is
// operations per second, median and range over several timed batches.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const BATCHES = 11;

/**
 * ops/s of each function of `fns` (name -> sync or async fn): median and
 * min-max over BATCHES rounds; each round times one batch of at least `ms`
 * per function, the functions taking turns, so load from other processes on
 * the machine falls on every library alike.
 */
const measureAll = async (fns, ms = 100) => {
  const names = Object.keys(fns);
  const rates = {};
  for (const n of names) {
    rates[n] = [];
    for (let i = 0; i < 300; i++) await fns[n]();
  }
  for (let b = 0; b < BATCHES; b++) {
    for (const n of names) {
      const fn = fns[n];
      let k = 0;
      const t0 = process.hrtime.bigint();
      let dt = 0;
      while (dt < ms * 1e6) {
        for (let i = 0; i < 100; i++) await fn();
        k += 100;
        dt = Number(process.hrtime.bigint() - t0);
      }
      rates[n].push((k / dt) * 1e9);
    }
  }
  const out = {};
  for (const n of names) {
    const r = rates[n].slice().sort((a, b) => a - b);
    out[n] = { median: r[BATCHES >> 1], min: r[0], max: r[BATCHES - 1], rounds: rates[n] };
  }
  return out;
};

/** Rows: { name, values: {library: {median,min,max}}, budget: [[peer, at least this many times its ops/s]] } */
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
  const verify = await measureAll({
    microjwt: () => mj.verify(token, key, vopts),
    'fast-jwt': () => fastVerify(token),
    jose: () => jose.jwtVerify(token, keyBytes, vopts),
    jsonwebtoken: () => jsonwebtoken.verify(token, key, vopts),
  });
  rows.push({ name: 'HS256 verify (audience + issuer), ops/s', values: verify, budget: [['fast-jwt', 1.2], ['jose', 3]] });
  const sign = await measureAll({
    microjwt: () => mj.sign(payload, key, { noTimestamp: true }),
    'fast-jwt': () => fastSign(payload),
    jose: () => new jose.SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyBytes),
    jsonwebtoken: () => jsonwebtoken.sign(payload, key, { noTimestamp: true }),
  });
  rows.push({ name: 'HS256 sign, ops/s', values: sign, budget: [['fast-jwt', 1.2], ['jose', 3]] });

  if (typeof mj.encrypt === 'function') {
    const cek = new Uint8Array(64).fill(7);
    const text = 'x'.repeat(300);
    const dopts = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256CBC-HS512'] };
    const jwe = await measureAll({
      microjwt: () => mj.decrypt(mj.encrypt(text, cek, { alg: 'dir', enc: 'A256CBC-HS512' }), cek, dopts),
      jose: async () =>
        jose.compactDecrypt(await new jose.CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).encrypt(cek), cek),
    });
    rows.push({ name: 'JWE dir/A256CBC-HS512 encrypt + decrypt 300 B, ops/s', values: jwe, budget: [['jose', 2]] });
  }
  return rows;
};
