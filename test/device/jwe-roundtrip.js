// JWE on the device: every alg x enc pair round-trips (encrypt, then decrypt)
// with a 17-byte plaintext (one block and a byte, so CBC pads a whole
// block), keys as bytes; PBES2 with a small count (its cost is measured by
// the benchmarks). Tokens are checked for their shape; jose reads them in
// test/jwe/device-interop.test.ts.
var mj = require('microjwt');
var ALGS = ['dir', 'A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'];
var ENCS = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];
var CEK = [32, 48, 64, 16, 24, 32];
var PT = 'seventeen bytes!\xff';
var keyOf = function (alg, e) {
  if (alg.charAt(0) === 'P') return 'pass-' + alg;
  var n = alg === 'dir' ? CEK[e] : alg.substr(1, 3) / 8;
  var k = new Uint8Array(n);
  for (var i = 0; i < n; i++) k[i] = (i * 29 + n) & 255;
  return k;
};
for (var a = 0; a < ALGS.length; a++) {
  for (var e = 0; e < ENCS.length; e++) {
    (function (alg, enc, key) {
      test(alg + ' ' + enc, function () {
        var t = mj.encrypt(E.toUint8Array(PT), key, alg.charAt(0) === 'P' ? { alg: alg, enc: enc, p2c: 10 } : { alg: alg, enc: enc });
        eq(t.split('.').length, 5);
        var r = mj.decrypt(t, key, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] });
        eq(E.toString(r.plaintext), PT);
        eq(r.header.alg, alg);
        eq(r.header.enc, enc);
      });
    })(ALGS[a], ENCS[e], keyOf(ALGS[a], e));
  }
}
