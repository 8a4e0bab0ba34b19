// @load storage
// JWE RAM on the device for 2 KB plaintexts, in JsVars, module in Storage;
// each pair in a fresh state as far as a script allows (see jwe-memory.js
// for the method). "Peak extra" is the most the call had in use above what was in
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
var bigCases = [['dir', 'A256GCM', 32], ['dir', 'A128CBC-HS256', 32], ['dir', 'A256CBC-HS512', 64]];
for (var b = 0; b < bigCases.length; b++) {
  var balg = bigCases[b][0], benc = bigCases[b][1], bk = key(bigCases[b][2]);
  var big = bytes(2048);
  var bo = { keyManagementAlgorithms: [balg], contentEncryptionAlgorithms: [benc] };
  // Warm up with 16 bytes: first-use state (backend, pads, tables) is not part of a call's peak.
  var bt = mj.encrypt(bytes(16), bk, { alg: balg, enc: benc });
  mj.decrypt(bt, bk, bo);
  measure('encrypt 2 KB ' + balg + '/' + benc, function () { bt = mj.encrypt(big, bk, { alg: balg, enc: benc }); });
  measure('decrypt 2 KB ' + balg + '/' + benc, function () { if (mj.decrypt(bt, bk, bo).plaintext.length !== 2048) throw new Error('2 KB round trip failed'); });
  bt = undefined;
  big = undefined;
  print('BENCH|JsVars free after the 2 KB ' + balg + '/' + benc + ' round trip|' + process.memory().free + '|1');
}
