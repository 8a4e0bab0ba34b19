// Differential fuzzing of microjwt against jose: fast-check builds a valid
// token from random claims, header, key and options, then mutates it (its
// JSON text, its bytes and segments, the key, the options). microjwt and
// jose must agree on accept/reject, except where differences.ts documents
// why they do not; every microjwt rejection must be one of its typed errors.
// Shared by the CI test (fuzz.test.ts), the long campaign (npm run fuzz)
// and the device slice (fuzz-device.test.ts).
import fc from 'fast-check';
import * as jose from 'jose';
import { createHmac } from 'node:crypto';
import type { Microjwt } from './calls';
import { classify } from './runner';
import { tokenFeatures } from './features';
import { DifferenceContext, explain, FuzzOptions } from './differences';

export const NOW = 1700000000;
const ALGS = ['HS256', 'HS384', 'HS512'];
const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export interface FuzzCase {
  token: string;
  key: Uint8Array;
  options: FuzzOptions;
  /** How it was made, for reports and shrinking output. */
  steps: string[];
}

// ---------------------------------------------------------------- generators

/** `arb` in `percent`% of the cases, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: arb });

/** A claim: absent, honest (mostly) or hostile (sometimes); weights in percent. */
const claim = (honest: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>, present = 60, hostilePercent = 8): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 100 - present, arbitrary: fc.constant(undefined) },
    { weight: Math.round((present * (100 - hostilePercent)) / 100), arbitrary: honest },
    { weight: Math.max(1, Math.round((present * hostilePercent) / 100)), arbitrary: hostile },
  );

const oddDate = fc.oneof(
  fc.integer({ min: -4000, max: 4000 }).map((d) => NOW + d),
  fc.double({ min: -100, max: 100, noNaN: true }).map((d) => NOW + d),
  fc.constantFrom<unknown>(0, -1, 1e300, -1e300, 9007199254740991, '1700000000', null, true, [NOW], { t: NOW }),
  // Boundaries: now, and now +- the leeway and maxAge values the options use.
  fc.constantFrom(0, 1, -1, 60, -60, 61, -61, 120, -120, 600, -600, -601, -660, -661).map((d) => NOW + d),
);

const claimsArb = fc
  .record({
    iss: claim(fc.constant('urn:issuer'), fc.constantFrom<unknown>('urn:other', 5, null)),
    sub: claim(fc.constant('device-7'), fc.constantFrom<unknown>('admin', 5, null)),
    aud: claim(fc.constantFrom<unknown>('a', ['a', 'b']), fc.constantFrom<unknown>(['b'], [], ['a', 1], 5, 'z'), 25),
    exp: claim(fc.integer({ min: 1, max: 4000 }).map((d) => NOW + d), oddDate, 70, 15),
    nbf: claim(fc.integer({ min: 0, max: 4000 }).map((d) => NOW - d), oddDate, 30, 15),
    iat: claim(fc.integer({ min: 0, max: 4000 }).map((d) => NOW - d), oddDate, 60, 10),
    jti: claim(fc.constant('id-1'), fc.constantFrom<unknown>(5, null), 30),
    scope: claim(fc.constantFrom<unknown>('read', ['read', 'write']), fc.constant(null), 40),
    data: claim(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), 40, 0),
    name: claim(fc.constantFrom('José ☺ 𝄞', 'it\u2019s', 'plain'), fc.constant('x'), 30, 0),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

const headerArb = fc.record({
  alg: fc.oneof({ weight: 30, arbitrary: fc.constant<unknown>('$') }, { weight: 1, arbitrary: fc.constantFrom<unknown>('HS256', 'HS384', 'HS512', 'none', 'NONE', 'RS256', '', 5, null) }),
  typ: sometimes(fc.constantFrom<unknown>('JWT', 'JWT', 'JWT', 'jwt', 'application/jwt', 'at+jwt', 5), 50),
  kid: sometimes(fc.oneof({ weight: 9, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constant<unknown>(5) }), 30),
  ext: sometimes(
    fc.constantFrom<Record<string, unknown>>(
      { crit: ['x'], x: 1 }, { crit: ['x', 'x'], x: 1 }, { crit: [] }, { b64: false }, { b64: true, crit: ['b64'] },
      { crit: ['alg'] }, { crit: ['y'], y: 2 }, { b64: true }, { crit: 'x', x: 1 },
    ),
    10,
  ),
});

/** Edits of a JSON text, each keeping or breaking it in a way some platform could read differently. */
const TEXT_OPS = ['ws', 'dup', 'proto', 'protoEscaped', 'escape', 'bom', 'trailingComma', 'deep', 'bigint', 'longnum', 'inf', 'surrogate', 'badutf8', 'reformat', 'unicode', 'nul'] as const;
type TextOp = { op: (typeof TEXT_OPS)[number]; target: 'header' | 'payload'; n: number };
const textOpArb: fc.Arbitrary<TextOp> = fc.record({ op: fc.constantFrom(...TEXT_OPS), target: fc.constantFrom('header', 'payload'), n: fc.nat(40) });

const CHARS = ['A', 'Q', 'g', 'w', 'z', '0', '9', '-', '_', '=', '+', '/', ' ', '.', '\n', 'é', '\u0000', '%'];
const TOKEN_OPS = ['flip', 'del', 'ins', 'trunc', 'append', 'dropSeg', 'dupSeg', 'swapSeg', 'emptySeg', 'sigPad', 'sigSpare', 'sigSpace', 'sigOtherAlg'] as const;
type TokenOp = { op: (typeof TOKEN_OPS)[number]; pos: number; ch: string };
const tokenOpArb: fc.Arbitrary<TokenOp> = fc.record({ op: fc.constantFrom(...TOKEN_OPS), pos: fc.nat(), ch: fc.constantFrom(...CHARS) });

const optionsArb = fc.record({
  algs: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('same', 'all') }, { weight: 1, arbitrary: fc.constant('other') }),
  audience: sometimes(fc.constantFrom<string | string[]>('a', 'a', ['a', 'c'], 'z', 'b'), 50),
  issuer: sometimes(fc.constantFrom<string | string[]>('urn:issuer', ['urn:other', 'urn:issuer'], 'urn:x'), 10),
  subject: sometimes(fc.constantFrom('device-7', 'x'), 10),
  leeway: sometimes(fc.oneof(fc.constantFrom(0, 60, 120), fc.integer({ min: 0, max: 120 })), 20),
  maxAge: sometimes(fc.oneof(fc.constant(600), fc.integer({ min: 1, max: 5000 })), 20),
  requiredClaims: sometimes(fc.subarray(['sub', 'jti', 'scope', 'exp'], { minLength: 1 }), 10),
  typ: sometimes(fc.constantFrom('JWT', 'at+jwt', 'application/jwt'), 10),
  crit: sometimes(fc.constant(['x']), 30),
  maxTokenLength: sometimes(fc.constantFrom(100, 300), 5),
});

const keyArb = fc.oneof(
  { weight: 20, arbitrary: fc.uint8Array({ minLength: 64, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 63 }) },
);

/** Everything a case is made from (fast-check shrinks these). */
export const paramsArb = fc.record({
  alg: fc.constantFrom(...ALGS),
  key: keyArb,
  claims: claimsArb,
  header: headerArb,
  textOps: fc.oneof({ weight: 7, arbitrary: fc.constant<TextOp[]>([]) }, { weight: 3, arbitrary: fc.array(textOpArb, { minLength: 1, maxLength: 2 }) }),
  signWith: fc.oneof({ weight: 10, arbitrary: fc.constant<'same' | 'other'>('same') }, { weight: 1, arbitrary: fc.constant<'same' | 'other'>('other') }),
  tokenOps: fc.oneof({ weight: 3, arbitrary: fc.constant<TokenOp[]>([]) }, { weight: 1, arbitrary: fc.array(tokenOpArb, { minLength: 1, maxLength: 2 }) }),
  verifyKey: fc.oneof({ weight: 20, arbitrary: fc.constant<'same' | 'other' | 'short'>('same') }, { weight: 1, arbitrary: fc.constantFrom<'same' | 'other' | 'short'>('other', 'short') }),
  options: optionsArb,
});
export type FuzzParams = typeof paramsArb extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------- building a case

const insertAfterBrace = (text: string, member: string): string => (text.startsWith('{') && text !== '{}' ? '{' + member + ',' + text.slice(1) : text.startsWith('{') ? '{' + member + '}' : text);

const applyTextOp = (text: string, t: TextOp): Buffer => {
  let out = text;
  switch (t.op) {
    case 'ws': {
      const spots = [...text.matchAll(/[{,:[]/g)].map((m) => m.index as number);
      if (spots.length) { const at = spots[t.n % spots.length] + 1; out = text.slice(0, at) + (t.n % 2 ? ' ' : '\n\t') + text.slice(at); }
      break;
    }
    case 'dup': {
      const m = /^\{"((?:[^"\\]|\\.)*)":/.exec(text);
      out = m ? insertAfterBrace(text, '"' + m[1] + '":' + (t.n % 2 ? '0' : '"none"')) : text;
      break;
    }
    case 'proto': out = insertAfterBrace(text, '"__proto__":' + (t.n % 3 === 0 ? '{"admin":true}' : t.n % 3 === 1 ? '1' : 'null')); break;
    case 'protoEscaped': out = insertAfterBrace(text, '"\\u005f_proto__":{"alg":"none"}'); break;
    case 'escape': {
      const m = /"[a-z]/.exec(text);
      if (m) { const at = (m.index as number) + 1; out = text.slice(0, at) + '\\u00' + text.charCodeAt(at).toString(16) + text.slice(at + 1); }
      break;
    }
    case 'bom': out = '\ufeff' + text; break;
    case 'trailingComma': out = text.endsWith('}') && text !== '{}' ? text.slice(0, -1) + ',}' : text; break;
    case 'deep': { const d = 28 + (t.n % 8); out = insertAfterBrace(text, '"d":' + '['.repeat(d) + ']'.repeat(d)); break; }
    case 'bigint': out = insertAfterBrace(text, '"big":' + (t.n % 2 ? '9007199254740993' : '-123456789012345678901')); break;
    case 'longnum': out = insertAfterBrace(text, '"n":1.' + '0'.repeat(36 + (t.n % 6)) + '1'); break;
    case 'inf': out = insertAfterBrace(text, '"' + (t.n % 2 ? 'exp' : 'x') + '":1e400'); break;
    case 'surrogate': out = insertAfterBrace(text, '"s":"\\ud800"'); break;
    case 'reformat': out = text.replace(/:(1\d{9})\b/, (_, v: string) => ':' + (Number(v) / 1e9).toString() + 'e9'); break;
    case 'unicode': out = insertAfterBrace(text, '"u":"é☺𝄞\\u00e9\\ud834\\udd1e"'); break;
    case 'nul': out = insertAfterBrace(text, '"z":"a\\u0000b"'); break;
    case 'badutf8': {
      const b = Buffer.from(text, 'utf8');
      const q = b.indexOf(0x22);
      if (q >= 0) return Buffer.concat([b.subarray(0, q + 1), Buffer.from([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80]][t.n % 4]), b.subarray(q + 1)]);
      break;
    }
  }
  return Buffer.from(out, 'utf8');
};

const setSpareBits = (s: string): string => {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  if (s.length % 4 !== 2 && s.length % 4 !== 3) return s + '=';
  return s.slice(0, -1) + A[A.indexOf(s[s.length - 1]) | 1];
};

const applyTokenOp = (token: string, t: TokenOp, key: Uint8Array): string => {
  const segs = token.split('.');
  const p = token.length ? t.pos % token.length : 0;
  const s = segs.length ? t.pos % segs.length : 0;
  switch (t.op) {
    case 'flip': return token.slice(0, p) + t.ch + token.slice(p + 1);
    case 'del': return token.slice(0, p) + token.slice(p + 1);
    case 'ins': return token.slice(0, p) + t.ch + token.slice(p);
    case 'trunc': return token.slice(0, p);
    case 'append': return token + t.ch;
    case 'dropSeg': segs.splice(s, 1); return segs.join('.');
    case 'dupSeg': segs.splice(s, 0, segs[s]); return segs.join('.');
    case 'swapSeg': { const o = (s + 1) % segs.length; [segs[s], segs[o]] = [segs[o], segs[s]]; return segs.join('.'); }
    case 'emptySeg': segs[s] = ''; return segs.join('.');
    case 'sigPad': return token + '=';
    case 'sigSpare': segs[segs.length - 1] = setSpareBits(segs[segs.length - 1]); return segs.join('.');
    case 'sigSpace': { const sig = segs[segs.length - 1]; const q = sig.length ? t.pos % sig.length : 0; segs[segs.length - 1] = sig.slice(0, q) + ' ' + sig.slice(q); return segs.join('.'); }
    case 'sigOtherAlg': {
      if (segs.length !== 3) return token;
      segs[2] = createHmac(HASH[ALGS[t.pos % 3]], key).update(segs[0] + '.' + segs[1]).digest('base64url');
      return segs.join('.');
    }
  }
};

const otherKey = (key: Uint8Array): Uint8Array => {
  const k = new Uint8Array(key);
  k[0] ^= 0x5a;
  return k;
};

/** A fuzz case from its parameters (deterministic). */
export const buildCase = (p: FuzzParams): FuzzCase => {
  const steps: string[] = [];
  const header: Record<string, unknown> = { alg: p.header.alg === '$' ? p.alg : p.header.alg };
  if (p.header.typ !== undefined) header.typ = p.header.typ;
  if (p.header.kid !== undefined) header.kid = p.header.kid;
  if (p.header.ext) Object.assign(header, p.header.ext);
  if (header.alg !== p.alg) steps.push('alg ' + JSON.stringify(header.alg));
  let hBytes: Buffer = Buffer.from(JSON.stringify(header), 'utf8');
  let pBytes: Buffer = Buffer.from(JSON.stringify(p.claims), 'utf8');
  for (const t of p.textOps) {
    steps.push(t.op + ' in ' + t.target);
    if (t.target === 'header') hBytes = applyTextOp(hBytes.toString('utf8'), t);
    else pBytes = applyTextOp(pBytes.toString('utf8'), t);
  }
  const signKey = p.signWith === 'same' ? p.key : otherKey(p.key);
  if (p.signWith !== 'same') steps.push('signed with another key');
  const input = hBytes.toString('base64url') + '.' + pBytes.toString('base64url');
  const macAlg = typeof header.alg === 'string' && HASH[header.alg] ? header.alg : p.alg;
  let token = input + '.' + createHmac(HASH[macAlg], signKey).update(input).digest('base64url');
  for (const t of p.tokenOps) {
    steps.push(t.op + (t.op === 'flip' || t.op === 'ins' ? ' ' + JSON.stringify(t.ch) : ''));
    token = applyTokenOp(token, t, signKey);
  }
  const key = p.verifyKey === 'same' ? p.key : p.verifyKey === 'other' ? otherKey(p.key) : p.key.subarray(0, Math.max(1, p.key.length >> 2));
  if (p.verifyKey !== 'same') steps.push('verified with ' + p.verifyKey + ' key');
  const o = p.options;
  const options: FuzzOptions = {
    algorithms: o.algs === 'same' ? [p.alg] : o.algs === 'all' ? ALGS.slice() : ALGS.filter((a) => a !== p.alg),
    currentTime: NOW,
  };
  for (const name of ['audience', 'issuer', 'subject', 'leeway', 'maxAge', 'requiredClaims', 'typ', 'crit', 'maxTokenLength'] as const) {
    if (o[name] !== undefined) (options as unknown as Record<string, unknown>)[name] = o[name];
  }
  return { token, key, options, steps };
};

// ---------------------------------------------------------------- running

/** jose's options for microjwt's. */
export const joseOptions = (o: FuzzOptions): jose.JWTVerifyOptions => {
  const out: jose.JWTVerifyOptions = { algorithms: o.algorithms, currentDate: new Date(o.currentTime * 1000) };
  if (o.audience !== undefined) out.audience = o.audience;
  if (o.issuer !== undefined) out.issuer = o.issuer;
  if (o.subject !== undefined) out.subject = o.subject;
  if (o.leeway !== undefined) out.clockTolerance = o.leeway;
  if (o.maxAge !== undefined) out.maxTokenAge = o.maxAge;
  if (o.requiredClaims !== undefined) out.requiredClaims = o.requiredClaims;
  if (o.typ !== undefined) out.typ = o.typ;
  if (o.crit !== undefined) out.crit = Object.fromEntries(o.crit.map((n) => [n, true]));
  return out;
};

/** microjwt's verdict on Node ('ok' or 'Class CODE', or UNTYPED/MISLABELLED) and the error's message. */
export const microjwtRun = (mj: Microjwt, c: FuzzCase): { verdict: string; message?: string } => {
  try {
    mj.verify(c.token, c.key, JSON.parse(JSON.stringify(c.options)));
    return { verdict: 'ok' };
  } catch (e) {
    return { verdict: classify(mj, e), message: String((e as Error).message) };
  }
};

export const microjwtVerdict = (mj: Microjwt, c: FuzzCase): string => microjwtRun(mj, c).verdict;

/** True when a message carries the whole token or the key's bytes (texts of 8+ chars: shorter ones occur by chance). */
const leaks = (message: string | undefined, c: FuzzCase): boolean =>
  message !== undefined && ((c.token.length >= 16 && message.includes(c.token)) || (c.key.length >= 8 && message.includes(Buffer.from(c.key).toString('latin1'))));

export const joseVerdict = async (c: FuzzCase): Promise<string> => {
  try {
    await jose.jwtVerify(c.token, c.key, joseOptions(c.options));
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? 'THROWN ' + (e as Error).name;
  }
};

export type Outcome =
  | { kind: 'agree'; mj: string; jose: string }
  | { kind: 'documented'; mj: string; jose: string; ids: string[] }
  | { kind: 'unexplained'; mj: string; jose: string }
  | { kind: 'untyped'; mj: string; jose: string }
  | { kind: 'leak'; mj: string; jose: string }
  | { kind: 'slow'; mj: string; jose: string; ms: number };

/** Both verdicts and what they mean together. */
export const compare = async (mj: Microjwt, c: FuzzCase): Promise<Outcome> => {
  const started = performance.now();
  const run = microjwtRun(mj, c);
  const m = run.verdict;
  const ms = performance.now() - started;
  const j = await joseVerdict(c);
  if (m.startsWith('UNTYPED') || m.startsWith('MISLABELLED')) return { kind: 'untyped', mj: m, jose: j };
  if (leaks(run.message, c)) return { kind: 'leak', mj: m, jose: j };
  if (ms > 250) return { kind: 'slow', mj: m, jose: j, ms };
  if ((m === 'ok') === (j === 'ok')) return { kind: 'agree', mj: m, jose: j };
  const ctx: DifferenceContext = { token: c.token, key: c.key, options: c.options, features: tokenFeatures(c.token) };
  const ids = explain(ctx, m).map((d) => d.id);
  return ids.length ? { kind: 'documented', mj: m, jose: j, ids } : { kind: 'unexplained', mj: m, jose: j };
};

/** Tallies of a run, for the test's checks and for SECURITY.md. */
export interface Tally {
  cases: number;
  bothAccepted: number;
  bothRejected: number;
  documented: Record<string, number>;
  unexplained: { mj: string; jose: string; steps: string[]; token: string }[];
  untyped: { mj: string; steps: string[] }[];
  slow: number;
  mjCodes: Record<string, number>;
}

export const newTally = (): Tally => ({ cases: 0, bothAccepted: 0, bothRejected: 0, documented: {}, unexplained: [], untyped: [], slow: 0, mjCodes: {} });

export const record = (t: Tally, c: FuzzCase, o: Outcome): void => {
  t.cases++;
  t.mjCodes[o.mj] = (t.mjCodes[o.mj] ?? 0) + 1;
  if (o.kind === 'agree') o.mj === 'ok' ? t.bothAccepted++ : t.bothRejected++;
  else if (o.kind === 'documented') for (const id of o.ids) t.documented[id] = (t.documented[id] ?? 0) + 1;
  else if (o.kind === 'unexplained') t.unexplained.length < 50 && t.unexplained.push({ mj: o.mj, jose: o.jose, steps: c.steps, token: c.token.slice(0, 300) });
  else if (o.kind === 'untyped' || o.kind === 'leak') t.untyped.length < 50 && t.untyped.push({ mj: o.kind + ' ' + o.mj, steps: c.steps });
  else t.slow++;
};

/** Runs `runs` cases (or until `seconds` pass) from `seed`; never throws on a finding, tallies it. */
export const campaign = async (mj: Microjwt, opts: { runs: number; seed: number; seconds?: number }): Promise<Tally> => {
  const tally = newTally();
  const deadline = opts.seconds ? Date.now() + opts.seconds * 1000 : Infinity;
  await fc.assert(
    fc.asyncProperty(paramsArb, async (p) => {
      if (Date.now() > deadline) return;
      const c = buildCase(p);
      record(tally, c, await compare(mj, c));
    }),
    { numRuns: opts.runs, seed: opts.seed, endOnFailure: true },
  );
  return tally;
};
