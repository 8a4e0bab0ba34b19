// Runs attack cases on Node and builds the device scripts that run the same
// cases on a board (emulator or real interpreter), then reads their verdicts.
//
// A verdict is 'ok' or 'ErrorClass CODE'; anything that is not one of the
// library's typed errors shows as 'UNTYPED ...' and a typed error whose
// class and name disagree as 'MISLABELLED ...', which no expectation matches.
import { CALLS, classify, Microjwt } from './calls';

export { classify };
import { AttackCase, KeySpec, TokenSpec, tokenOf } from './corpus';

export interface Outcome {
  verdict: string;
  /** The error (when one was thrown), for the message checks. */
  error?: unknown;
}

/** The key argument a case's key spec stands for. */
export const keyOf = (mj: Microjwt, spec: KeySpec | undefined): unknown => {
  if (spec === undefined || typeof spec === 'string') return spec;
  if ('bytes' in spec) return new Uint8Array(Buffer.from(spec.bytes, 'hex'));
  if ('jwk' in spec) return JSON.parse(JSON.stringify(spec.jwk));
  return new mj.KeySet(JSON.parse(JSON.stringify(spec.keyset)), spec.options as never);
};

/** Runs one case on Node against the module `mj` (the sources or a built file). */
export const runOnNode = (mj: Microjwt, c: AttackCase): Outcome => {
  const call = CALLS[c.call];
  if (!call) throw new Error('unknown call ' + c.call + ' in case ' + c.name);
  try {
    const r = call.node(mj, tokenOf(c.token), keyOf(mj, c.key), c.options === undefined ? undefined : JSON.parse(JSON.stringify(c.options)));
    return { verdict: call.returnsVerdict ? String(r) : 'ok' };
  } catch (e) {
    return { verdict: classify(mj, e), error: e };
  }
};

/** Secrets and whole tokens that no error message may contain (texts of 8+ chars). */
export const forbiddenTexts = (c: AttackCase): string[] => {
  const out: string[] = [];
  const token = tokenOf(c.token);
  if (typeof token === 'string' && token.length >= 16) out.push(token);
  const addKey = (k: unknown) => {
    if (typeof k === 'string') out.push(k);
  };
  const spec = c.key;
  if (typeof spec === 'string') addKey(spec);
  else if (spec && 'bytes' in spec) addKey(Buffer.from(spec.bytes, 'hex').toString('latin1'));
  else if (spec && 'jwk' in spec) {
    addKey(spec.jwk.k);
    if (typeof spec.jwk.k === 'string') addKey(Buffer.from(spec.jwk.k, 'base64url').toString('latin1'));
  } else if (spec && 'keyset' in spec) {
    for (const k of spec.keyset.keys) {
      addKey(k.k);
      if (typeof k.k === 'string') addKey(Buffer.from(k.k, 'base64url').toString('latin1'));
    }
  }
  return out.filter((s) => s.length >= 8);
};

// ---------------------------------------------------------------- device side

/**
 * The ES5 case runner, a Storage module (`ATTACK_MODULE`) that every device
 * script loads: it loads microjwt, then spies on Storage (a `kid` must never
 * be used to read a file) and on JSON.parse (nothing nested deeper than the
 * library's limit may reach the device's own parser, which recurses and runs
 * a 5,100-variable board out of memory), and defines the case runner. Each
 * case prints `R <index> <verdict>`. Loaded from Storage, its function
 * bodies stay in flash: a script holding it as text would spend ~600 JsVars
 * of a Pico's RAM on it, which the JWE and session parts need.
 */
const prelude = (calls: string[]): string => `var mj = require('microjwt');
var __storage = 0, __deep = 0, __minFree = 1e9;
(function () {
  var S = require('Storage');
  var names = ['read', 'readJSON', 'readArrayBuffer', 'open', 'list', 'write', 'writeJSON', 'erase'];
  var wrap = function (f) { return function () { __storage++; return f.apply(S, arguments); }; };
  for (var i = 0; i < names.length; i++) if (typeof S[names[i]] === 'function') S[names[i]] = wrap(S[names[i]]);
})();
var __parse = JSON.parse;
var __tooDeep = function (t, max) {
  var n = 0, i;
  for (i = t.indexOf('['); i >= 0 && n <= max; i = t.indexOf('[', i + 1)) n++;
  for (i = t.indexOf('{'); i >= 0 && n <= max; i = t.indexOf('{', i + 1)) n++;
  if (n <= max) return false;
  var d = 0, s = false;
  for (i = 0; i < t.length; i++) {
    var c = t.charAt(i);
    if (s) { if (c === '\\\\') i++; else if (c === '"') s = false; }
    else if (c === '"') s = true;
    else if (c === '[' || c === '{') { if (++d > max) return true; }
    else if (c === ']' || c === '}') d--;
  }
  return false;
};
JSON.parse = function (t) { if (typeof t === 'string' && __tooDeep(t, 32)) __deep++; return __parse(t); };
var CALLS = {${calls.map((n) => JSON.stringify(n) + ': ' + CALLS[n].device).join(',\n')}};
var VERDICTS = {${calls.filter((n) => CALLS[n].returnsVerdict).map((n) => JSON.stringify(n) + ': 1').join(', ')}};
var __repeat = function (unit, n) {
  if (n < 1) return '';
  var s = unit, k = 1;
  while (k * 2 <= n) { s += s; k *= 2; }
  return k === n ? s : s + s.substr(0, (n - k) * unit.length);
};
var __token = function (t) {
  if (typeof t === 'string' || t === null || typeof t !== 'object' || t.parts === undefined) return t !== null && typeof t === 'object' && t.literal !== undefined ? t.literal : t;
  var out = '';
  for (var i = 0; i < t.parts.length; i++) out += typeof t.parts[i] === 'string' ? t.parts[i] : __repeat(t.parts[i][0], t.parts[i][1]);
  return out;
};
var __hex = function (s) {
  var out = new Uint8Array(s.length / 2);
  for (var i = 0; i < out.length; i++) out[i] = parseInt(s.substr(i * 2, 2), 16);
  return out;
};
var __key = function (k) {
  if (k === undefined || typeof k === 'string') return k;
  if (k.bytes !== undefined) return __hex(k.bytes);
  if (k.jwk !== undefined) return k.jwk;
  return new mj.KeySet(k.keyset, k.options);
};
var __has = function (h, n) {
  if (typeof h !== 'string' || typeof n !== 'string' || n.length < 8) return false;
  for (var i = h.indexOf(n.charAt(0)); i >= 0; i = h.indexOf(n.charAt(0), i + 1)) if (h.substr(i, n.length) === n) return true;
  return false;
};
var __verdict = function (e) {
  if (!(e instanceof mj.JWTError)) return 'UNTYPED ' + (e && e.name) + ': ' + (e && e.message);
  var C = mj[e.name];
  if (typeof C !== 'function' || !(e instanceof C) || Object.getPrototypeOf(e) !== C.prototype) return 'MISLABELLED ' + e.name;
  return e.name + ' ' + e.code;
};
var __run = function (c) {
  if (c.n && process.memory().total < c.n) { print('R ' + c.i + ' SKIP'); return; }
  var t = __token(c.t), v = 'ok';
  try {
    var r = CALLS[c.c](mj, t, __key(c.k), c.o);
    if (VERDICTS[c.c]) v = String(r);
  } catch (e) {
    v = __verdict(e);
    var m = String(e && e.message);
    if (__has(m, t) || __has(m, c.k) || (c.k && c.k.jwk && __has(m, c.k.jwk.k))) v += ' LEAK';
    if (c.m) v += ' | ' + m;
  }
  var free = process.memory().free;
  if (free < __minFree) __minFree = free;
  print('R ' + c.i + ' ' + v);
};
`;

const postlude = `exports.run = __run;
exports.report = function (count) {
  print('SPIES storage=' + __storage + ' deep=' + __deep + ' minFree=' + __minFree);
  print('DONE ' + count);
};
`;

/** Storage file name of the case runner on the device. */
export const ATTACK_MODULE = 'mjattack';

/** The case runner module's text (every call of calls.ts). */
export const attackModule = (): string => prelude(Object.keys(CALLS)) + postlude;

/** The Storage files a device run of chunks needs besides microjwt. */
export const attackStorage = (): Record<string, string> => ({ [ATTACK_MODULE]: attackModule() });

/**
 * A long token string as a recipe around its longest run of a repeated
 * 4-20 char unit (a padded claim, a long kid...), so the device script does
 * not hold the token's text besides the token the device builds.
 */
export const compressToken = (s: string): TokenSpec => {
  if (s.length < 600) return s;
  let best = { at: 0, unit: '', count: 0 };
  for (let u = 4; u <= 20; u += 4) {
    for (let i = 0; i + 2 * u <= s.length; i++) {
      const unit = s.substr(i, u);
      let n = 1;
      while (s.substr(i + n * u, u) === unit) n++;
      if (n * u > best.count * best.unit.length) best = { at: i, unit, count: n };
      if (n > 1) i += (n - 1) * u;
    }
  }
  if (best.count * best.unit.length < 400) return s;
  const end = best.at + best.count * best.unit.length;
  return { parts: [s.slice(0, best.at), [best.unit, best.count], s.slice(end)] };
};

/** One case as the device script holds it: `i` is its index in the corpus. */
const deviceCase = (c: AttackCase, i: number): string =>
  JSON.stringify({ i, c: c.call, t: typeof c.token === 'string' ? compressToken(c.token) : c.token, k: c.key, o: c.options, m: c.message === undefined ? undefined : 1, n: c.needs?.jsVars });

/** The verdict line a device gives for a case that meets its expectation. */
export const expectedDeviceVerdict = (c: AttackCase): string => (c.message === undefined ? c.expect : c.expect + ' | ' + c.message);

/** How much more room a case of a call takes on the device than its text says (the lazy parts it loads, the work per case). */
const CHUNK_WEIGHT: Record<string, number> = { decrypt: 1.5, decryptJWT: 1.5, sessions: 3 };

export interface DeviceChunk {
  /** Indexes into the case list given to `deviceChunks`. */
  indexes: number[];
  /** The script, loading the case runner from Storage (`attackStorage()`). */
  script: string;
  /** The same with the case runner in the script's text (more RAM; see `inlineRunner`). */
  inline: string;
}

/**
 * Whether a board should get the runner in the script's text: where it has
 * the RAM. A board of 5,100 JsVars needs the Storage form.
 */
export const inlineRunner = (totalJsVars: number): boolean => !(totalJsVars > 4500 && totalJsVars <= 6000);
// (The Unicode Linux build reports 4,096 at start and grows: it gets the inline form.)

/**
 * First lines of an inline chunk: on the stock Linux build (board "LINUX",
 * the Unicode asserting one), whose variable store starts at 4,096 and grows
 * when full, grow it at once. Growing it while a function whose code is a
 * string in RAM runs (the runner's Storage spy, say) failed
 * ASSERT(jsvIsFlatString(v)) at jsvar.c:1746, after which the interpreter
 * spends minutes printing every variable (measured on 2v29: the same chunk
 * runs clean when the store is grown first, in 0.6 s). Boards have a fixed
 * store, and the library never grows one by itself.
 */
const GROW_LINUX_STORE =
  "if (process.env.BOARD === 'LINUX') { var __g = []; while (process.memory(false).total < 32768 && __g.length < 40000) __g.push([0]); __g = undefined; }\n";

/**
 * Device scripts for `cases` (host-only cases left out), each small enough
 * for a 5,100-variable board: the case data of a chunk stays under `budget`
 * chars (a bigger case gets a chunk of its own). The cases run one by one
 * in a loop, so only one token is expanded at a time.
 */
export const deviceChunks = (cases: AttackCase[], budget = 5000): DeviceChunk[] => {
  const chunks: { indexes: number[]; texts: string[]; size: number }[] = [];
  let cur: { indexes: number[]; texts: string[]; size: number } | undefined;
  cases.forEach((c, i) => {
    if (c.hostOnly) return;
    const text = deviceCase(c, i);
    // A case whose token is long runs alone: its verify needs about
    // 270 + 0.35 x length free JsVars on a 5,100-var board (measured).
    // JWE and session cases load those lazy parts (~660 and ~1,130 JsVars
    // on the Pico-like build): their chunks hold less.
    const token = tokenOf(c.token);
    const weight = CHUNK_WEIGHT[c.call] ?? 1;
    const alone = typeof token === 'string' && token.length * weight > 1500;
    const size = text.length * weight;
    if (!cur || alone || (cur.size + size > budget && cur.indexes.length > 0)) {
      cur = { indexes: [], texts: [], size: 0 };
      chunks.push(cur);
    }
    cur.indexes.push(i);
    cur.texts.push(text);
    cur.size += alone ? budget : size;
  });
  return chunks.map((ch) => {
    // The cases run one at a time from a list, each dropped once run.
    const script =
      "var A = require('" + ATTACK_MODULE + "');\nvar CASES = [\n" + ch.texts.join(',\n') + '\n];\nfor (var __i = 0; __i < CASES.length; __i++) { A.run(CASES[__i]); CASES[__i] = undefined; }\nA.report(' + ch.indexes.length + ');\n';
    const inline = GROW_LINUX_STORE + 'var exports = {};\n' + attackModule() + 'var A = exports;\n' + script.slice(script.indexOf('\n') + 1);
    return { indexes: ch.indexes, script, inline };
  });
};

export interface DeviceReport {
  /** Verdict per case index. */
  verdicts: Map<number, string>;
  done: boolean;
  storageCalls?: number;
  deepParses?: number;
  minFree?: number;
}

/** Reads the verdicts and spy counts from a device run's output. */
export const readDeviceOutput = (output: string): DeviceReport => {
  const verdicts = new Map<number, string>();
  for (const line of output.split('\n')) {
    const m = /^R (\d+) (.*)$/.exec(line.trim());
    if (m) verdicts.set(Number(m[1]), m[2]);
  }
  const spies = /SPIES storage=(\d+) deep=(\d+) minFree=(-?\d+)/.exec(output);
  return {
    verdicts,
    done: /^DONE \d+$/m.test(output),
    storageCalls: spies ? Number(spies[1]) : undefined,
    deepParses: spies ? Number(spies[2]) : undefined,
    minFree: spies ? Number(spies[3]) : undefined,
  };
};
