// The emulator must reproduce what the real interpreter does (measured facts,
// ../shared/espruino-notes.md). Each test runs a tiny device script.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runDeviceScript, RunOptions } from '../../src/host/emulator';
import { prepareDeviceSource, DeviceSyntaxError } from '../../src/host/transform';
import { deviceBytes, fromDeviceBytes } from '../../src/host/utf8model';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';

const run = async (code: string, opts: RunOptions = {}) => runDeviceScript(code, { board: 'pico', module: false, ...opts });
const out = async (code: string, opts: RunOptions = {}) => {
  const r = await run(code, opts);
  expect(r.error, r.output).toBeUndefined();
  return r.output.trimEnd();
};

describe('language quirks', () => {
  it('does not hoist function declarations', async () => {
    expect(await out('print(typeof f); function f() {} print(typeof f);')).toBe('undefined\nfunction');
    expect(await out('var r = (function () { return typeof g; function g() {} })(); print(r);')).toBe('undefined');
  });
  it('rejects what the Espruino parser gets wrong, and non-ES5 code', async () => {
    expect((await run('var s = "a"; if (true) /a/.test(s);')).error).toMatch(/regex literal right after '\)'/);
    expect((await run('var r; if (0) {} "a" === "a" ? (r = 1) : (r = 2);')).error).toMatch(/mis-executed by Espruino/);
    expect((await run('let x = 1;')).error).toMatch(/^SyntaxError/);
    expect((await run('var f = () => 1;')).error).toMatch(/^SyntaxError/);
    expect(() => prepareDeviceSource('const a = 1;', true)).toThrow(DeviceSyntaxError);
  });
  it('String#indexOf/includes/replace report a match at the end of the string', async () => {
    expect(await out('print("abc".indexOf("cd"), "hello".indexOf("lox"), "abc".indexOf("abcd"), "".indexOf(""), "abc".indexOf(""));')).toBe('2 3 -1 -1 0');
    expect(await out('print("hello".includes("lox"), "abcab".replace("bx", "Z"), "abcde".indexOf("dxyz"), "abc".indexOf("b"));')).toBe('true abcaZ -1 1');
    // fromIndex past that match does not skip it (measured on 2v29), full matches before fromIndex are not reported.
    expect(await out('print("abcab".indexOf("abx", 4), "abcab".indexOf("abx", 9), "xyzxyzab".indexOf("bcd", 8), "abcabc".indexOf("abc", 4), "abab".indexOf("ab", 3), "abc".indexOf("c", 3));')).toBe('3 3 7 -1 -1 -1');
  });
  it('has no built-in methods on prototype objects, but instances have them', async () => {
    expect(await out('print(typeof Array.prototype.slice, typeof String.prototype.charCodeAt, typeof Function.prototype.call, typeof Uint8Array.prototype.set, typeof [].slice, typeof Object.prototype.hasOwnProperty);'))
      .toBe('undefined undefined undefined undefined function function');
    expect((await run('function f() { return Array.prototype.slice.call(arguments); } f(1);')).error).toBeDefined();
    expect(await out('Array.prototype.myX = function () { return 42; }; print([].myX());')).toBe('42');
  });
  it('lacks the globals and members Espruino lacks', async () => {
    const names = 'Map Set WeakMap WeakSet Symbol Proxy Reflect BigInt Intl WeakRef TextEncoder TextDecoder Buffer URL queueMicrotask structuredClone encodeURI decodeURI escape unescape RangeError EvalError URIError ' +
      'Error.captureStackTrace Object.freeze Object.isFrozen Object.seal Array.from Array.of Uint8Array.from Uint8Array.of Int32Array.from Math.imul Math.trunc Math.clz32 Math.fround Math.log2 Math.hypot Math.cbrt ' +
      'Number.isFinite Number.isInteger Number.isNaN Number.isSafeInteger Number.MAX_SAFE_INTEGER Number.EPSILON Date.UTC String.raw [].lastIndexOf "".codePointAt "".normalize (1).toPrecision';
    const list = names.split(' ');
    const o = await out(list.map((n) => 'print(typeof ' + n + ');').join('\n'));
    expect(o.split('\n')).toEqual(list.map(() => 'undefined'));
    // ...and keeps what it has (probed on 2v29)
    expect(await out('print(typeof Promise, typeof Object.assign, typeof Object.entries, typeof Math.sign, typeof globalThis, typeof encodeURIComponent, typeof "".padStart, typeof "".repeat, typeof [].includes, typeof E);'))
      .toBe('function function function function object function function function function function');
  });
  it('Function#apply takes at most 256 arguments', async () => {
    expect(await out('print(String.fromCharCode.apply(null, new Array(256)).length);')).toBe('256');
    const r = await run('String.fromCharCode.apply(null, new Uint8Array(300));');
    expect(r.error).toBe('Error: Array passed to Function.apply is too big! Maximum 256 arguments, got 300');
    expect(r.output).toMatch(/^Uncaught Error: Array passed/);
  });
  it('Math.pow is inexact beyond small integer exponents', async () => {
    expect(await out('print(Math.pow(2, 32) === 4294967296, Math.pow(2, 8) === 256, Math.pow(3, 2) === 9);')).toBe('false true true');
  });
  it('Uint8Array#slice gives an Array; Object.assign refuses arrays; Date.parse garbage is 0', async () => {
    expect(await out('var s = new Uint8Array([1,2,3]).slice(1); print(Array.isArray(s), s instanceof Uint8Array, s.length);')).toBe('true false 2');
    expect((await run('Object.assign({}, [1]);')).error).toBe('TypeError: Expecting Object, got Array');
    expect(await out('print(Date.parse("garbage"), new Date("garbage").getTime());')).toBe('0 0');
  });
  it('errors: toString ignores name, name is undefined, Object.prototype.toString is String()-like', async () => {
    expect(await out('var e = new Error("m"); e.name = "Foo"; print(String(e), e.name === "Foo", new Error("x").name, String(new TypeError("t")));')).toBe('Error: m true undefined TypeError: t');
    expect(await out('var E2 = function (m) { this.message = m; }; E2.prototype = Object.create(Error.prototype); print(String(new E2("x")), new E2("x") instanceof Error);')).toBe('[object Object] true');
    expect(await out('var T = Object.prototype.toString; print(JSON.stringify([T.call([]), T.call([1,2]), T.call({}), T.call(new Uint8Array([1,2])), T.call(null)]));'))
      .toBe('["","1,2","[object Object]","1,2","null"]');
  });
  it('uncaught errors are printed and reported; timers still run', async () => {
    const r = await run('setTimeout(function () { print("later"); }, 10); throw new Error("boom");');
    expect(r.output).toBe('Uncaught Error: boom\nlater\n');
    expect(r.error).toBe('Error: boom');
  });
});

describe('strings and JSON', () => {
  it('byte strings on boards: UTF-8 source bytes are chars, \\u above 0xFF cut to a byte', async () => {
    expect(await out('print("é".length, "é".charCodeAt(0), "\\u2019".charCodeAt(0), String.fromCharCode(0x141), JSON.stringify("é"));')).toBe('2 195 25 A "\\u00C3\\u00A9"');
    expect(await out('print("é ☺");')).toBe('é ☺'); // the bytes go back out: the terminal shows UTF-8
    expect(await out('print(JSON.parse(\'"\\\\u2019"\').charCodeAt(0), E.toUint8Array("é").length, btoa("é"));')).toBe('25 2 w6k=');
  });
  it('Unicode strings on the linux profile (fromCharCode still masks, as measured)', async () => {
    expect(await out('print("é".length, "\\u2019".charCodeAt(0), String.fromCharCode(0x2019).charCodeAt(0), JSON.stringify("é"), btoa("\\u2019"));', { board: 'linux' }))
      .toBe('1 8217 25 "\\u00E9" 4oCZ');
  });
  it('JSON.parse is lenient like the device', async () => {
    expect(await out('print(JSON.stringify([JSON.parse(\'{"a":1,}\'), JSON.parse("{\'a\':1}"), JSON.parse("01"), JSON.parse("1 x"), JSON.parse("[1,]"), JSON.parse(\'{"a":1}garbage\')]));'))
      .toBe('[{"a":1},{"a":1},1,1,[1],{"a":1}]');
    expect(await out('print(JSON.parse("1e400"), JSON.parse("9223372036854775808") < 0, 1 / JSON.parse("-0"));')).toBe('Infinity true Infinity');
    expect(await out('var o = JSON.parse(\'{"a":1,"a":2}\'); print(o.a, Object.keys(o).length);')).toBe('1 1');
    expect((await run('JSON.parse("{a:1}");')).error).toMatch(/^SyntaxError: Got a expected STRING/);
    expect((await run('JSON.parse("");')).error).toBe('SyntaxError: Expecting valid value, got EOF');
  });
  it('"__proto__" in JSON sets the prototype; with a primitive value the interpreter aborts', async () => {
    expect(await out('var o = JSON.parse(\'{"__proto__":{"x":1}}\'); print(o.x, Object.keys(o).length, Object.getPrototypeOf(o) === Object.prototype);')).toBe('1 0 false');
    expect(await out('var o = JSON.parse(\'{"\\\\u005f_proto__":{"y":2}}\'); print(o.y);')).toBe('2');
    const r = await run('try { JSON.parse(\'{"__proto__":1}\'); } catch (e) { print("caught"); } print("after");');
    expect(r.error).toMatch(/^FATAL/);
    expect(r.output).not.toMatch(/caught|after/);
  });
  it('JSON.stringify drops a constructor key and escapes bytes >= 0x80', async () => {
    expect(await out('print(JSON.stringify({constructor: 1, a: 2}), JSON.stringify(String.fromCharCode(0xe9)));')).toBe('{"a":2} "\\u00E9"');
  });
  it('atob is lenient, btoa takes strings and bytes', async () => {
    expect(await out('print(atob("YWJj"), atob("YW"), atob("Y W J j"), btoa(new Uint8Array([255, 1])), btoa([255, 1]), btoa("\\xff\\x01"));')).toBe('abc a abc /wE= /wE= /wE=');
    expect(await out('var s = atob("!YWJj"); print(s.charCodeAt(0), s.charCodeAt(1), s.charCodeAt(2));')).toBe('1 133 137');
  });
});

describe('linux profile: byte strings and UTF-8 strings, as the Unicode build has them', () => {
  const linux = { board: 'linux' };
  // Measured on the real Unicode build (2v29.277): see linux-strings.js.
  const script = readFileSync(new URL('./linux-strings.js', import.meta.url), 'utf8');
  const measured = readFileSync(new URL('./linux-strings.out', import.meta.url), 'utf8');
  it('every case of linux-strings.js prints what the real Unicode build printed', async () => {
    const r = await run(script, linux);
    expect(r.error, r.output).toBeUndefined();
    expect(r.output.split('\n')).toEqual(measured.split('\n'));
  });
  it('a literal with non-ASCII chars or a \\u escape >= 0x80 is UTF-8; natives see its UTF-8 bytes', async () => {
    expect(await out('print("é".length, "é".charCodeAt(0), E.isUTF8("é"), E.isUTF8("\\xE9"), E.toUint8Array("é").length, E.toUint8Array("\\xE9").length, btoa("\\u00e9"));', linux))
      .toBe('1 233 true false 2 1 w6k=');
    const sha = nodeCrypto.createHash('sha256').update('é').digest('base64');
    expect(await out('print(btoa(require("crypto").SHA256("é")), btoa(require("crypto").SHA256(E.fromUTF8("é"))));', linux)).toBe(sha + ' ' + sha);
  });
  it('JSON.parse: values with UTF-8 become UTF-8 strings, member names stay bytes; stringify escapes code points', async () => {
    expect(await out('var o = JSON.parse(E.fromUTF8(\'{"clé":"été"}\')); var k = Object.keys(o)[0]; print(k.length, o[k].length, E.isUTF8(o[k]), o[k] === "été", JSON.stringify(o[k]));', linux))
      .toBe('4 3 true true "\\u00E9t\\u00E9"');
  });
  it('properties are found by the bytes of their names, literal or computed', async () => {
    expect(await out('var o = {"clé": 1}; var k = "clé"; var p = JSON.parse(\'{"cl\\xC3\\xA9": 2}\'); print(o["cl\\xC3\\xA9"], p["clé"], p[k], k in p, p.hasOwnProperty(k));', linux))
      .toBe('1 2 2 true true');
  });
  it('+= keeps the kind of its left side; + is UTF-8 when either side is', async () => {
    expect(await out('var s = ""; s += "é"; var t = "" + "é"; print(s.length, E.isUTF8(s), t.length, E.isUTF8(t));', linux)).toBe('2 false 1 true');
    expect(await out('var n = 1; n += 2; var a = [1]; a[0] += 1; print(n, a[0]);', linux)).toBe('3 2');
  });
  it('substr/substring/slice count a UTF-8 string in bytes; btoa of one is cut to its char count', async () => {
    expect(await out('print("aéc".substring(1, 3) === "é", "aéc".substring(1, 3).length, btoa("été"), btoa(E.fromUTF8("été")));', linux)).toBe('true 1 w6l0 w6l0w6k=');
  });
  it('the model round-trips device bytes exactly', () => {
    for (const bytes of ['', 'abc', '\xc3\xa9', '\xe9', '\xc3\xa9\xe9', '\xf0\x9d\x84\x9e', '\xe2\x80\x99x\xff', '\xc3']) {
      expect(deviceBytes(fromDeviceBytes(bytes))).toBe(bytes);
    }
    expect(fromDeviceBytes('\xe9')).toBe('\xe9'); // no valid sequence: a byte string
  });
  const unicodeBuilds = espruinoBinaries().filter((b) => /linux/.test(b));
  for (const bin of unicodeBuilds) {
    it('linux-strings.js on the real interpreter ' + bin + ' prints linux-strings.out', async () => {
      const r = await runOnEspruino(bin, script, { module: 'exports.unused = 1;' });
      expect(r.output.split('\n')).toEqual(measured.split('\n'));
    });
  }
});

describe('crypto per profile', () => {
  const hex = (s: string) => s;
  it('hashes return ArrayBuffers; SHA512 only where the board has it; rp2040 has no crypto', async () => {
    const abc = nodeCrypto.createHash('sha256').update('abc').digest('hex');
    const code = 'var c = require("crypto"); var h = c.SHA256("abc"); var u = new Uint8Array(h); var s = ""; for (var i = 0; i < u.length; i++) s += (u[i] < 16 ? "0" : "") + u[i].toString(16);' +
      'print(h instanceof ArrayBuffer, s, typeof c.SHA512, typeof c.PBKDF2, typeof c.AES, Object.keys(c).length > 0);';
    expect(await out(code, { board: 'pico' })).toBe('true ' + hex(abc) + ' undefined function function false');
    expect(await out(code, { board: 'esp32' })).toBe('true ' + abc + ' function function function false');
    expect(await out(code, { board: 'puck' })).toBe('true ' + abc + ' undefined undefined function false');
    expect(await out('try { require("crypto"); } catch (e) { print(e.message); }', { board: 'rp2040' })).toBe('Module "crypto" not found');
  });
  it('PBKDF2 keySize is in 32-bit words; bad options print an error and use defaults', async () => {
    const want = nodeCrypto.pbkdf2Sync('password', 'salt', 2, 20, 'sha1').toString('hex');
    const code = 'var k = new Uint8Array(require("crypto").PBKDF2("password", "salt", {keySize: 5, iterations: 2, hasher: "SHA1"})); print(k.length, k[0].toString(16));';
    expect(await out(code)).toBe('20 ' + want.slice(0, 2).replace(/^0/, ''));
    const d = await run('var k = require("crypto").PBKDF2("p", "s", 5); print(k.byteLength);');
    expect(d.output).toBe('ERROR: Options should be an object or undefined, got Number\n16\n');
    expect((await run('require("crypto").PBKDF2("p", "s", {hasher: "sha256"});')).error).toBe('Error: Unknown Hasher "sha256"');
  });
  it('AES: no padding, errors printed and undefined returned, CBC default with zero IV', async () => {
    const key = Buffer.alloc(16, 7);
    const plain = Buffer.from('hello world 1234');
    const c = nodeCrypto.createCipheriv('aes-128-cbc', key, Buffer.alloc(16)).setAutoPadding(false);
    const want = Buffer.concat([c.update(plain), c.final()]);
    const code = 'var C = require("crypto"); var k = new Uint8Array(16).fill(7); var e = C.AES.encrypt("hello world 1234", k); print(btoa(e), E.toString(C.AES.decrypt(e, k)));';
    expect(await out(code)).toBe(want.toString('base64') + ' hello world 1234');
    const bad = await run('var C = require("crypto"); print(C.AES.encrypt(new Uint8Array(15), new Uint8Array(16))); print(C.AES.encrypt(new Uint8Array(16), new Uint8Array(15))); print(C.AES.encrypt(new Uint8Array(16), new Uint8Array(16), {mode: "OFB"}));');
    expect(bad.output).toBe('ERROR: Invalid input length\nundefined\nERROR: Unknown error: -0x20\nundefined\nERROR: Feature unavailable\nundefined\n');
    expect((await run('require("crypto").AES.encrypt(new Uint8Array(16), new Uint8Array(16), {mode: "GCM"});')).error).toBe('Error: Unknown Crypto mode "GCM"');
    // CTR ignores the IV; ECB leaves a trailing partial block as it is
    expect(await out('var C = require("crypto"); var k = new Uint8Array(16); var a = new Uint8Array(C.AES.encrypt(new Uint8Array(20), k, {mode: "CTR", iv: new Uint8Array(16).fill(1)})); var b = new Uint8Array(C.AES.encrypt(new Uint8Array(20), k, {mode: "ECB"})); print(a[16], a[0] === b[0], b[16], b.length);'))
      .toBe('88 true 0 20');
  });
});

describe('Storage, modules, time, memory', () => {
  it('write/read/list/erase with chunked writes and 28-character names', async () => {
    expect(await out('var S = require("Storage"); S.write("b", "xx", 0, 5); print(JSON.stringify(S.read("b"))); S.write("b", "yyy", 2); print(S.read("b"), S.read("b", 1, 2));' +
      'try { S.write("b", "zzzz", 4); } catch (e) { print(e.message); } try { S.write("c", "q", 3); } catch (e) { print(e.message); }'))
      .toBe('"xx\\u00FF\\u00FF\\u00FF"\nxxyyy xy\nToo much data for file size\nUnable to find or create file');
    expect(await out('var S = require("Storage"); S.write("0123456789012345678901234567890", "x"); print(S.list(), S.read("nope"), S.list(/^0/).length); S.erase("0123456789012345678901234567"); print(S.list().length);'))
      .toBe('[ "0123456789012345678901234567" ] undefined 1\n0');
    expect((await run('require("Storage").write("e", "");')).error).toBe("Error: Can't create zero length file");
  });
  it('a storage file survives a reboot; a stored module loads once, privately', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    const storageFile = join(dir, 'flash.json');
    try {
      await out('require("Storage").write("m", "var x = 1; exports.f = function () { return x; }; module.exports.g = 2;"); require("Storage").writeJSON("j", {a: "é"});', { storageFile });
      expect(await out('var m = require("m"); print(m.f(), m.g, typeof x, require("m") === m, require("Storage").readJSON("j").a);', { storageFile })).toBe('1 2 undefined true é');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await run('require("nomod");')).error).toBe('Error: Module "nomod" not found');
  });
  it('Storage.writeJSON writes JS notation, readJSON reads it back, JSON.parse refuses it (measured on 2v29)', async () => {
    const script = 'var S = require("Storage"); S.writeJSON("t", {a: 1, "b-c": "x", d: [1, {e: null}], "1x": true, f: "\\xe9", h: undefined}); print(S.read("t")); print(JSON.stringify(S.readJSON("t")));' +
      'try { JSON.parse(S.read("t")); } catch (e) { print(e instanceof SyntaxError); } S.write("u", "{$a_1:2, b: {7: [1]}}"); print(JSON.stringify(S.readJSON("u")));';
    const expected = '{a:1,"b-c":"x",d:[1,{e:null}],"1x":true,f:"\\xE9"}\n{"a":1,"b-c":"x","d":[1,{"e":null}],"1x":true,"f":"\\u00E9"}\ntrue\n{"$a_1":2,"b":{"7":[1]}}';
    expect(await out(script)).toBe(expected);
    expect(await out(script, { board: 'linux' })).toBe(expected);
    // A UTF-8 string on the Unicode build keeps its \u escapes.
    expect(await out('var S = require("Storage"); S.writeJSON("t", {f: "\\xe9\\u263a"}); print(S.read("t"), S.readJSON("t").f === "\\xe9\\u263a");', { board: 'linux' })).toBe('{f:"\\u00E9\\u263A"} true');
  });
  it('the built module is preloaded as microjwt', async () => {
    const r = await runDeviceScript('var mj = require("microjwt"); print(typeof mj.version);', { board: 'esp32' });
    expect(r.output).toBe('string\n');
  });
  it('getTime/setTime/Date share one clock; time can boot unset', async () => {
    expect(await out('print(getTime() < 5, new Date().getFullYear()); setTime(1700000000); print(Math.round(getTime()), Math.round(Date.now() / 1000), new Date().getFullYear());', { time: 'unset' }))
      .toBe('true 1970\n1700000000 1700000000 2023');
    expect(await out('print(Math.round(getTime()));', { time: 1234 })).toBe('1234');
  });
  it('timers run after the script in virtual time', async () => {
    expect(await out('var t0 = getTime(); setTimeout(function () { print("b", Math.round(getTime() - t0)); }, 5000); var n = 0; var i = setInterval(function () { if (++n === 3) clearInterval(i); print("i" + n); }, 1000); print("a");'))
      .toBe('a\ni1\ni2\ni3\nb 5');
  });
  it('process.memory counts against the profile JsVars; env names the board', async () => {
    const o = await out('var m = process.memory(); print(m.total, m.usage > 0, m.free === m.total - m.usage, process.env.BOARD, process.env.VERSION, E.getSizeOf([1, 2, 3]), E.getSizeOf({a: 1}));');
    expect(o).toBe('5100 true true PICO_R1_3 2v29 4 2');
    const hw = await out('var r = E.hwRand(); print(typeof r, r === (r | 0));');
    expect(hw).toBe('number true');
  });
});

describe('Unicode helpers', () => {
  it('on byte boards E.isUTF8 is false, E.fromUTF8 undefined and E.asUTF8 throws (measured); on linux they work', async () => {
    expect(await out('print(E.isUTF8("a"), E.fromUTF8("a"));')).toBe('false undefined');
    expect((await run('E.asUTF8("a");')).error).toBe('Error: Unicode not supported on this build');
    expect(await out('print(E.isUTF8("\\u2019"), E.isUTF8(String.fromCharCode(233)), E.asUTF8(String.fromCharCode(195, 169)).length, E.fromUTF8("\\u2019").length);', { board: 'linux' }))
      .toBe('true false 1 3');
  });
});

describe('JSON on the Unicode (linux) profile', () => {
  it('decodes raw UTF-8 in string values to code points, keeps member names as bytes (as measured)', async () => {
    const script = 'var o = JSON.parse(E.toString(new Uint8Array([123,34,195,169,34,58,34,195,169,34,125]))); var k = Object.keys(o)[0]; print(k.length, o[k].length, o[k].charCodeAt(0));';
    expect(await out(script, { board: 'linux' })).toBe('2 1 233');
    expect(await out(script)).toBe('2 2 195');
  });
});
