// @module crypto
// PBKDF2 and AES-CBC: native (where the board has them) against pure.
// PBKDF2 at 1000 iterations where it is native; the pure code at 100
// (1000 pure iterations take seconds: multiply by ten).
var mj = require('microjwt');
var C = mj.crypto;
var modes = ['auto', 'pure'];
var key = bytes(32);
var iv = bytes(16);
var pt = bytes(256);
for (var m = 0; m < modes.length; m++) {
  C.useBackend(modes[m]);
  var b = C.backend();
  var iterations = b.pbkdf2Sha256 === 'pure' ? 100 : 1000;
  bench('PBKDF2-SHA256 ' + iterations + ' iterations, 32 B, ' + modes[m] + ' (' + b.pbkdf2Sha256 + ')', function () {
    C.pbkdf2('SHA-256', 'password', 'salt', iterations, 32);
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
