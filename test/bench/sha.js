// @module crypto
// SHA-2: native (where the board has it) against the pure code, 300-byte message.
var mj = require('microjwt');
var C = mj.crypto;
var d300 = bytes(300);
var s300 = E.toString(bytes(300));
if (nativeCrypto && nativeCrypto.SHA256) {
  bench('SHA-256 300 B, native (binary string)', function () {
    nativeCrypto.SHA256(s300);
  });
  C.useBackend('auto');
  bench('SHA-256 300 B, mj.crypto auto (Uint8Array)', function () {
    C.sha256(d300);
  });
}
C.useBackend('pure');
bench('SHA-256 300 B, pure', function () {
  C.sha256(d300);
});
bench('SHA-256 64 B, pure (2 blocks)', function () {
  C.sha256(d300.subarray(0, 64));
});
if (nativeCrypto && nativeCrypto.SHA512) {
  bench('SHA-512 300 B, native (binary string)', function () {
    nativeCrypto.SHA512(s300);
  });
}
bench('SHA-512 300 B, pure', function () {
  C.sha512(d300);
});
C.useBackend('auto');
