// @module crypto
// PBKDF2 and AES-CBC: native (where the board has them) against pure.
var mj = require('microjwt');
var C = mj.crypto;
var modes = ['auto', 'pure'];
var key = bytes(32);
var iv = bytes(16);
var pt = bytes(256);
for (var m = 0; m < modes.length; m++) {
  C.useBackend(modes[m]);
  var b = C.backend();
  bench('PBKDF2-SHA256 100 iterations, 32 B, ' + modes[m] + ' (' + b.pbkdf2Sha256 + ')', function () {
    C.pbkdf2('SHA-256', 'password', 'salt', 100, 32);
  });
  var ct = C.aesCbcEncrypt(key, iv, pt);
  bench('AES-256-CBC encrypt 256 B, ' + modes[m] + ' (' + b.aes + ')', function () {
    C.aesCbcEncrypt(key, iv, pt);
  });
  bench('AES-256-CBC decrypt 272 B, ' + modes[m] + ' (' + b.aes + ')', function () {
    C.aesCbcDecrypt(key, iv, ct);
  });
}
C.useBackend('auto');
