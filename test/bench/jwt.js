// @module core
// HS256/HS512 sign and verify, next to the native floor measured in the same
// run: what the interpreter cannot avoid for one token (split, two atob +
// JSON.parse for header and payload, two native SHA-256 calls with
// precomputed HMAC pads, a word-wise compare, an `exp` check; for signing:
// JSON.stringify of header and claims, btoa and the URL-safe replace, the two
// hashes, one btoa). Verify uses realistic options (audience, issuer) on a
// ~330-char token. The module is the `core` build (JWS/JWT only), loaded in
// RAM where it fits.
var mj = require('microjwt');
var C = nativeCrypto;
var KEY = 'bench-secret-0123456789abcdef-0123456789';
var KEY512 = KEY + KEY;
var T0 = 1700000000;
var CLAIMS = { iss: 'urn:example:issuer', sub: 'device-0042', aud: 'urn:example:api', iat: T0, nbf: T0, exp: T0 + 3600, jti: 'a1b2c3d4e5f6', scope: 'read write', role: 'sensor', n: 42 };
var VOPTS = { algorithms: ['HS256'], audience: 'urn:example:api', issuer: 'urn:example:issuer', currentTime: T0 + 10 };
var VOPTS512 = { algorithms: ['HS512'], audience: 'urn:example:api', issuer: 'urn:example:issuer', currentTime: T0 + 10 };
var SOPTS = { noTimestamp: true };
var SOPTS512 = { noTimestamp: true, algorithm: 'HS512' };
var TOKEN = mj.sign(CLAIMS, KEY, SOPTS);
var TOKEN512 = C && C.SHA512 ? mj.sign(CLAIMS, KEY512, SOPTS512) : undefined; // the core build needs a native SHA-512 for HS512

// HMAC pads for the floor, computed once (as the library caches them per key).
var pad = function (x) {
  var s = '';
  for (var i = 0; i < 64; i++) s += String.fromCharCode((i < KEY.length ? KEY.charCodeAt(i) : 0) ^ x);
  return s;
};
var IPAD = pad(0x36);
var OPAD = pad(0x5c);
var b64 = function (s) {
  return s.replace(/-/g, '+').replace(/_/g, '/');
};
var floorVerify = function (t) {
  var a = t.indexOf('.');
  var b = t.indexOf('.', a + 1);
  var h = JSON.parse(atob(b64(t.substr(0, a))));
  var p = JSON.parse(atob(b64(t.substring(a + 1, b))));
  var mac = new Uint32Array(C.SHA256(OPAD + E.toString(C.SHA256(IPAD + t.substr(0, b)))));
  var sig = new Uint32Array(E.toArrayBuffer(atob(b64(t.substr(b + 1)))));
  var d = (mac[0] ^ sig[0]) | (mac[1] ^ sig[1]) | (mac[2] ^ sig[2]) | (mac[3] ^ sig[3]) | (mac[4] ^ sig[4]) | (mac[5] ^ sig[5]) | (mac[6] ^ sig[6]) | (mac[7] ^ sig[7]);
  return d === 0 && h.alg === 'HS256' && p.exp > T0 + 10;
};
var floorSign = function (claims) {
  var input = btoa(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_') + '.' +
    btoa(JSON.stringify(claims)).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
  return input + '.' + btoa(E.toString(C.SHA256(OPAD + E.toString(C.SHA256(IPAD + input))))).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
};

if (C && C.SHA256) {
  if (!floorVerify(TOKEN)) throw new Error('floor verify disagrees with the library');
  if (floorSign(CLAIMS) !== TOKEN) throw new Error('floor sign disagrees with the library');
  var fv = bench('floor: verify HS256 (native parts only)', function () { floorVerify(TOKEN); });
  var v = bench('verify HS256 (audience + issuer)', function () { mj.verify(TOKEN, KEY, VOPTS); });
  var fs = bench('floor: sign HS256 (native parts only)', function () { floorSign(CLAIMS); });
  var s = bench('sign HS256', function () { mj.sign(CLAIMS, KEY, SOPTS); });
  print('BENCH|ratio: verify HS256 / floor (budget <= 1.3)|' + (v / fv).toFixed(2) + '|1');
  print('BENCH|ratio: sign HS256 / floor (budget <= 1.5)|' + (s / fs).toFixed(2) + '|1');
}
// The core build has no pure SHA-2: HS512 runs where the interpreter has a
// native SHA-512 (the ESP32-like and Unicode builds; not the Pico-like one,
// as an Espruino Pico). Pure code is measured with the rp2040 build (rp2040.js).
if (C && C.SHA512) {
  bench('verify HS512 (audience + issuer)', function () { mj.verify(TOKEN512, KEY512, VOPTS512); });
  bench('sign HS512', function () { mj.sign(CLAIMS, KEY512, SOPTS512); });
} else {
  benchNote('no native SHA-512 on this build: the core build refuses HS512 here (NotSupportedError); the pico build runs it in pure code');
}
print('BENCH|token length (chars)|' + TOKEN.length + '|1');
