// @load storage
// JWE RAM on the device, in JsVars, with the module in Storage (as a board
// loads it). "Peak extra" is the most the call had in use above what was in
// use before it: the natives the library calls (E.toString/toUint8Array,
// atob/btoa, the crypto module's hashes and AES) are wrapped to read
// process.memory(false).usage before and after each call, so the figure is
// a lower bound that misses only interpreted peaks between two native calls.
// The 2 KB cases are in jwe-memory-2k.js (a fresh interpreter: this
// script's own text and state would crowd them).
// "Kept" is what stays after the first use (backend state, HMAC pads, the
// pure SHA-512 code where the board has no native one).
var C0 = nativeCrypto;
if (C0) {
  wrap(C0, 'SHA256');
  wrap(C0, 'SHA512');
  wrap(C0, 'PBKDF2');
  if (C0.AES) {
    wrap(C0.AES, 'encrypt');
    wrap(C0.AES, 'decrypt');
  }
}
wrap(E, 'toString');
wrap(E, 'toUint8Array');
// Before the module loads: it keeps its own references to atob and btoa.
var G = typeof global !== 'undefined' ? global : this;
wrap(G, 'atob');
wrap(G, 'btoa');
var u0 = process.memory().usage;
var mj = require('microjwt');
print('BENCH|JsVars after require (Storage), JWE included|' + (process.memory().usage - u0) + '|1');
var key = function (n) {
  var k = new Uint8Array(n);
  for (var i = 0; i < n; i++) k[i] = (i * 29 + 7) & 255;
  return k;
};
var measure = function (name, fn) {
  var base = process.memory().usage;
  PEAK[0] = 0;
  fn();
  print('BENCH|' + name + ': peak extra JsVars|' + (PEAK[0] - base) + '|1');
};
var before = process.memory().usage;
var cases = [['dir', 'A256CBC-HS512', 64], ['dir', 'A256GCM', 32], ['A128KW', 'A128CBC-HS256', 16]];
for (var c = 0; c < cases.length; c++) {
  var alg = cases[c][0], enc = cases[c][1], k = key(cases[c][2]);
  var o = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
  var pt = bytes(300);
  var t = mj.encrypt(pt, k, { alg: alg, enc: enc });
  // The second call: first-use state (backend, pads, tables) is not part of a call's peak.
  measure('decrypt 300 B ' + alg + '/' + enc, function () { mj.decrypt(t, k, o); });
  measure('encrypt 300 B ' + alg + '/' + enc, function () { mj.encrypt(pt, k, { alg: alg, enc: enc }); });
  t = undefined;
  pt = undefined;
}
print('BENCH|JsVars kept after these first JWE uses (300 B cases)|' + (process.memory().usage - before) + '|1');
print('BENCH|JsVars free at the end|' + process.memory().free + '|1');
