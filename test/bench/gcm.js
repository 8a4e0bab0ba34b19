// @module gcm
// AES-GCM, 300 bytes with a 256-bit key (a JWE-sized payload, JWE-like AAD):
// native AES (ECB) under GCM where the board has AES, and the pure AES (as on
// a Raspberry Pi Pico). GHASH is interpreted on both.
var G = require('microjwt');
var key = bytes(32);
var iv = bytes(12);
var pt = bytes(300);
var aad = E.toUint8Array('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0');
var modes = ['auto', 'pure'];
for (var m = 0; m < modes.length; m++) {
  G.useBackend(modes[m]);
  var b = G.backend().aes;
  var r = G.aesGcmEncrypt(key, iv, pt, aad);
  bench('AES-256-GCM encrypt 300 B, ' + modes[m] + ' (' + b + ')', function () {
    G.aesGcmEncrypt(key, iv, pt, aad);
  });
  bench('AES-256-GCM decrypt 300 B, ' + modes[m] + ' (' + b + ')', function () {
    G.aesGcmDecrypt(key, iv, r.ciphertext, r.tag, aad);
  });
  bench('AES-256-GCM encrypt 16 B, ' + modes[m] + ' (' + b + ')', function () {
    G.aesGcmEncrypt(key, iv, pt.subarray(0, 16), aad.subarray(0, 0));
  });
}
G.useBackend('auto');
