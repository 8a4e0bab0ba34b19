// HS256 sign and verify on the device, next to the native floor measured in
// the same run: what the interpreter cannot avoid for one token (split, two
// atob + JSON.parse for header and payload, two native SHA-256 calls with
// precomputed HMAC pads, a word-wise compare; for signing: two
// JSON.stringify + btoa, the two hashes, one btoa).
//
// Plain ES5 device script. Expects `require('microjwt')` to work (the bench
// runner loads the module, ideally into RAM with Modules.addCached: on the
// Linux build a Storage-loaded module runs slower than on a board). Prints
// `BENCH <name> <ms per op> <iterations>` lines and a JsVar count.
var mj = require('microjwt');
var C = require('crypto');
var now = typeof getTime === 'function' ? function () { return getTime() * 1000; } : function () { return Date.now(); };
var N = typeof BENCH_N === 'number' ? BENCH_N : 50;

var KEY = 'bench-secret-0123456789abcdef-0123456789';
var T0 = 1700000000;
var CLAIMS = { iss: 'urn:example:issuer', sub: 'device-0042', aud: 'urn:example:api', iat: T0, nbf: T0, exp: T0 + 3600, jti: 'a1b2c3d4e5f6', scope: 'read write', role: 'sensor', n: 42 };
var VOPTS = { algorithms: ['HS256'], audience: 'urn:example:api', issuer: 'urn:example:issuer', currentTime: T0 + 10 };
var SOPTS = { noTimestamp: true };
var TOKEN = mj.sign(CLAIMS, KEY, SOPTS);

// HMAC pads for the floor, computed once (as the library caches them per key).
var pad = function (x) {
  var s = '';
  for (var i = 0; i < 64; i++) s += String.fromCharCode((i < KEY.length ? KEY.charCodeAt(i) : 0) ^ x);
  return s;
};
var IPAD = pad(0x36);
var OPAD = pad(0x5c);
var b64 = function (s) {
  return s.split('-').join('+').split('_').join('/');
};

var floorVerify = function (t) {
  var a = t.indexOf('.');
  var b = t.indexOf('.', a + 1);
  var h = JSON.parse(atob(b64(t.substr(0, a))));
  var p = JSON.parse(atob(b64(t.substring(a + 1, b))));
  var mac = new Uint32Array(C.SHA256(OPAD + E.toString(C.SHA256(IPAD + t.substr(0, b)))));
  var sig = new Uint32Array(E.toUint8Array(atob(b64(t.substr(b + 1)))).buffer);
  var d = 0;
  for (var i = 0; i < 8; i++) d |= mac[i] ^ sig[i];
  return d === 0 && h && p;
};

var floorSign = function (claims) {
  var input = btoa(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) + '.' + btoa(JSON.stringify(claims));
  return input + '.' + btoa(E.toString(C.SHA256(OPAD + E.toString(C.SHA256(IPAD + input)))));
};

var time = function (name, fn) {
  fn(); // warm caches (HMAC pads, header)
  var t = now();
  for (var i = 0; i < N; i++) fn();
  var ms = (now() - t) / N;
  print('BENCH ' + name + ' ' + ms.toFixed(3) + ' ' + N);
  return ms;
};

if (!floorVerify(TOKEN)) throw new Error('floor verify disagrees with the library');
mj.verify(TOKEN, KEY, VOPTS);
var fv = time('floor_verify_hs256', function () { floorVerify(TOKEN); });
var v = time('verify_hs256', function () { mj.verify(TOKEN, KEY, VOPTS); });
var fs = time('floor_sign_hs256', function () { floorSign(CLAIMS); });
var s = time('sign_hs256', function () { mj.sign(CLAIMS, KEY, SOPTS); });
print('BENCH ratio_verify ' + (v / fv).toFixed(2));
print('BENCH ratio_sign ' + (s / fs).toFixed(2));
print('BENCH token_length ' + TOKEN.length);
if (typeof process !== 'undefined' && process.memory) print('BENCH jsvars_used ' + process.memory().usage);
