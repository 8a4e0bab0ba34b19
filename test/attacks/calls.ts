// The calls an attack case can make, on Node and on a device: one entry per
// public entry point that faces attacker input. A new layer (JWE, sessions)
// adds its entry points here; the corpus, the Node runner and the device
// scripts pick them up by name.
import type source from '../../src/index';

export type Microjwt = typeof source;

export interface CallSpec {
  /** The call on Node, given the module under test and the case's token, key and options. */
  node: (mj: Microjwt, token: unknown, key: unknown, options: unknown) => unknown;
  /** The same call as an ES5 function expression for the device: `function (mj, t, k, o) {...}`. */
  device: string;
  /**
   * The call returns its verdict (a string) instead of 'ok': for entry
   * points that must not throw, whose outcome is a value (null, `{active:
   * false}`, a 401). On the device it may use the prelude's `__verdict(e)`
   * and `__has(text, secret)`.
   */
  returnsVerdict?: boolean;
}

/** The verdict string for a thrown value: 'Class CODE', or 'UNTYPED ...' / 'MISLABELLED ...' (which no expectation matches). */
export const classify = (mj: Microjwt, e: unknown): string => {
  if (!(e instanceof mj.JWTError)) return 'UNTYPED ' + String(e);
  const err = e as InstanceType<typeof mj.JWTError> & { code: string };
  const ctor = (mj as unknown as Record<string, unknown>)[err.name];
  // The exact class: its prototype is the exported class's (with errors a lazy part, the export is a stub whose prototype is the class's).
  if (typeof ctor !== 'function' || !(e instanceof (ctor as new () => unknown)) || Object.getPrototypeOf(err) !== (ctor as { prototype: unknown }).prototype) return 'MISLABELLED ' + err.name;
  return err.name + ' ' + err.code;
};

const badVerdict = (v: string): boolean => v.substr(0, 7) === 'UNTYPED' || v.substr(0, 11) === 'MISLABELLED';

/**
 * Every session entry point on one token, in an order where the ones that
 * change state (refreshTokenPair revokes, refreshToken revokes) come after
 * the ones that read it. The verdict: 'v=<verifyToken>
 * p=<refreshTokenPair> [q=<the same again, with detail>] i=<introspect> g=<guard with the
 * MicroJWT> k=<guard with key and verify options> r=<refreshToken>'. A non-null result is 'value'; a null
 * carries its lastError's class and code when `o.detail` is set (and always
 * when that is not a typed error); refreshToken throws, as the seed did, so
 * its refusal is 'throw' (with detail: the class and code). ' LOGLEAK' marks
 * a log line holding the token or the key. `o.max` sets maxTokenLength
 * for all of them. With `o.enc` only 'e=<verifyToken, encrypted>': apart,
 * because it loads the JWE part too, which a 5,100-variable board cannot
 * hold beside the session part, the case runner and a chunk of cases.
 */
const sessionsNode = (mj: Microjwt, t: unknown, k: unknown, o: unknown): string => {
  const opts = o as { now: number; detail?: boolean; max?: number; enc?: boolean };
  const lim = (v: Record<string, unknown>) => (opts.max === undefined ? v : { ...v, maxTokenLength: opts.max });
  let leak = '';
  const log = (m: string) => {
    if ((typeof t === 'string' && t.length >= 16 && m.includes(t)) || (typeof k === 'string' && m.includes(k))) leak = ' LOGLEAK';
  };
  const j = new mj.MicroJWT(k as string, lim({ clock: () => opts.now, kdf: { iterations: 1 }, logger: { info: log, warning: log, error: log } }));
  const out: string[] = [];
  const step = (name: string, f: () => string) => {
    try {
      out.push(name + '=' + f());
    } catch (e) {
      out.push(name + '=throw ' + classify(mj, e));
    }
  };
  const nul = (r: unknown) => {
    if (r !== null) return typeof r === 'object' ? 'value' : 'odd ' + typeof r;
    const v = j.lastError === null ? 'UNTYPED no lastError' : classify(mj, j.lastError);
    return opts.detail || badVerdict(v) ? 'null ' + v : 'null';
  };
  const http = (check: (req: unknown, res: unknown) => void) => {
    const res = { s: 0, writeHead(s: number) { this.s = s; }, end() {} };
    check({ headers: { Authorization: typeof t === 'string' ? 'Bearer ' + t : t } }, res);
    return String(res.s);
  };
  const ok = (_req: unknown, res: { writeHead(s: number): void; end(): void }) => {
    res.writeHead(200);
    res.end();
  };
  if (opts.enc) {
    step('e', () => nul(j.verifyToken(t as string, null, true)));
    return out.join(' ') + leak;
  }
  step('v', () => nul(j.verifyToken(t as string)));
  step('p', () => nul(j.refreshTokenPair(t as string)));
  if (opts.detail) step('q', () => nul(j.refreshTokenPair(t as string)));
  step('i', () => (mj.introspect(t as string, k, lim({ algorithms: ['HS256'], currentTime: opts.now }) as never).active === true ? 'active' : 'inactive'));
  step('g', () => http(mj.guard({ jwt: j }, ok as never) as never));
  step('k', () => http(mj.guard(lim({ key: k, algorithms: ['HS256'], currentTime: opts.now }), ok as never) as never));
  try {
    out.push('r=' + (typeof j.refreshToken(t as string) === 'string' ? 'token' : 'odd'));
  } catch (e) {
    const v = classify(mj, e);
    out.push('r=throw' + (opts.detail || badVerdict(v) ? ' ' + v : ''));
  }
  return out.join(' ') + leak;
};

const sessionsDevice = `function (mj, t, k, o) {
  var leak = '';
  var log = function (m) { if (__has(m, t) || __has(m, k)) leak = ' LOGLEAK'; };
  var lim = function (v) { if (o.max !== undefined) v.maxTokenLength = o.max; return v; };
  var j = new mj.MicroJWT(k, lim({ clock: function () { return o.now; }, kdf: { iterations: 1 }, logger: { info: log, warning: log, error: log } }));
  var out = [];
  var bad = function (v) { return v.substr(0, 7) === 'UNTYPED' || v.substr(0, 11) === 'MISLABELLED'; };
  var step = function (name, f) { try { out.push(name + '=' + f()); } catch (e) { out.push(name + '=throw ' + __verdict(e)); } };
  var nul = function (r) {
    if (r !== null) return typeof r === 'object' ? 'value' : 'odd ' + typeof r;
    var v = j.lastError === null ? 'UNTYPED no lastError' : __verdict(j.lastError);
    return o.detail || bad(v) ? 'null ' + v : 'null';
  };
  var http = function (check) {
    var res = { s: 0, writeHead: function (s) { this.s = s; }, end: function () {} };
    check({ headers: { Authorization: typeof t === 'string' ? 'Bearer ' + t : t } }, res);
    return String(res.s);
  };
  var ok = function (req, res) { res.writeHead(200); res.end(); };
  if (o.enc) { step('e', function () { return nul(j.verifyToken(t, null, true)); }); return out.join(' ') + leak; }
  step('v', function () { return nul(j.verifyToken(t)); });
  step('p', function () { return nul(j.refreshTokenPair(t)); });
  if (o.detail) step('q', function () { return nul(j.refreshTokenPair(t)); });
  step('i', function () { return mj.introspect(t, k, lim({ algorithms: ['HS256'], currentTime: o.now })).active === true ? 'active' : 'inactive'; });
  step('g', function () { return http(mj.guard({ jwt: j }, ok)); });
  step('k', function () { return http(mj.guard(lim({ key: k, algorithms: ['HS256'], currentTime: o.now }), ok)); });
  try { out.push('r=' + (typeof j.refreshToken(t) === 'string' ? 'token' : 'odd')); }
  catch (e) { var v = __verdict(e); out.push('r=throw' + (o.detail || bad(v) ? ' ' + v : '')); }
  return out.join(' ') + leak;
}`;

export const CALLS: Record<string, CallSpec> = {
  verify: {
    node: (mj, t, k, o) => mj.verify(t as string, k, o as never),
    device: 'function (mj, t, k, o) { return mj.verify(t, k, o); }',
  },
  'jws.verify': {
    node: (mj, t, k, o) => mj.jws.verify(t as string, k, o as never),
    device: 'function (mj, t, k, o) { return mj.jws.verify(t, k, o); }',
  },
  decode: {
    node: (mj, t, _k, o) => (o === undefined ? mj.decode(t as string) : mj.decode(t as string, o as never)),
    device: 'function (mj, t, k, o) { return o === undefined ? mj.decode(t) : mj.decode(t, o); }',
  },
  // JWKs reach a device from outside too (a provisioning message, a hub):
  // the "token" of these cases is the JWK, the options the alg argument.
  importJWK: {
    node: (mj, t, _k, o) => mj.importJWK(t as never, o as never),
    device: 'function (mj, t, k, o) { return mj.importJWK(t, o); }',
  },
  thumbprint: {
    node: (mj, t) => mj.thumbprint(t as never),
    device: 'function (mj, t) { return mj.thumbprint(t); }',
  },
  // JWE (a compact JWE from anyone).
  decrypt: {
    node: (mj, t, k, o) => mj.decrypt(t as string, k, o as never),
    device: 'function (mj, t, k, o) { return mj.decrypt(t, k, o); }',
  },
  decryptJWT: {
    node: (mj, t, k, o) => mj.decryptJWT(t as string, k, o as never),
    device: 'function (mj, t, k, o) { return mj.decryptJWT(t, k, o); }',
  },
  // Sessions: verifyToken (plain and encrypted), refreshTokenPair, introspect,
  // guard (with a MicroJWT, and with a key) and refreshToken on one token;
  // the key is the MicroJWT secret (and introspect's key), the options `{now}`.
  sessions: { node: sessionsNode, device: sessionsDevice, returnsVerdict: true },
  getUnverifiedHeader: {
    node: (mj, t, _k, o) => (o === undefined ? mj.getUnverifiedHeader(t as string) : mj.getUnverifiedHeader(t as string, o as never)),
    device: 'function (mj, t, k, o) { return o === undefined ? mj.getUnverifiedHeader(t) : mj.getUnverifiedHeader(t, o); }',
  },
};
