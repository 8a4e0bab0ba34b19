// JWE on the device: decrypt and encrypt of a 300-byte plaintext for the
// issue's pairs (dir/A256CBC-HS512, where a Pico's SHA-512 is pure;
// dir/A256GCM, GCM in TypeScript over native AES; A128KW/A128CBC-HS256, AES
// key unwrap), a 2 KB round trip, and one PBES2 decrypt at the default cap
// (p2c 10,000) for each hash. A PBES2 hash without a native PBKDF2 on this
// board (SHA-384/512 on a Pico) would take far too long at 10,000 pure
// iterations for a bench run: it is timed at 50 and 100 iterations and the
// row at 10,000 extrapolated from the difference (marked "est.").
var mj = require('microjwt');
var key = function (n) {
  var k = new Uint8Array(n);
  for (var i = 0; i < n; i++) k[i] = (i * 29 + 7) & 255;
  return k;
};
var PT = bytes(300);
var BIG = bytes(2048);
var cases = [['dir', 'A256CBC-HS512', 64], ['dir', 'A256GCM', 32], ['A128KW', 'A128CBC-HS256', 16], ['dir', 'A128CBC-HS256', 32]];
for (var c = 0; c < cases.length; c++) {
  (function (alg, enc, k) {
    var o = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
    var t = mj.encrypt(PT, k, { alg: alg, enc: enc });
    if (mj.decrypt(t, k, o).plaintext.length !== 300) throw new Error('round trip failed');
    bench('decrypt 300 B ' + alg + '/' + enc, function () { mj.decrypt(t, k, o); });
    bench('encrypt 300 B ' + alg + '/' + enc, function () { mj.encrypt(PT, k, { alg: alg, enc: enc }); });
  })(cases[c][0], cases[c][1], key(cases[c][2]));
}
// The 2 KB round trips take tens of seconds on the 5,100-var build under qemu
// (module in Storage): timed on the larger builds only.
var big = process.memory().total > 6000 ? [['dir', 'A256GCM', 32], ['dir', 'A128CBC-HS256', 32]] : [];
if (!big.length) benchNote('2 KB JWE round trips not timed on this build (time)');
for (var b = 0; b < big.length; b++) {
  (function (alg, enc, k) {
    var o = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
    bench('2 KB round trip ' + alg + '/' + enc, function () {
      if (mj.decrypt(mj.encrypt(BIG, k, { alg: alg, enc: enc }), k, o).plaintext.length !== 2048) throw new Error('2 KB round trip failed');
    });
  })(big[b][0], big[b][1], key(big[b][2]));
}
var once = function (alg, p2c) {
  var t = mj.encrypt(PT, 'bench password', { alg: alg, enc: 'A128GCM', p2c: p2c });
  var o = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: ['A128GCM'] };
  var t0 = getTime();
  mj.decrypt(t, 'bench password', o);
  return (getTime() - t0) * 1000;
};
var HASHES = ['256', '384', '512'];
for (var h = 0; h < HASHES.length; h++) {
  var alg = 'PBES2-HS' + HASHES[h] + '+A' + (HASHES[h] === '256' ? '128' : HASHES[h] === '384' ? '192' : '256') + 'KW';
  var backendName = mj.crypto.backend()['pbkdf2Sha' + HASHES[h]];
  if (backendName !== 'pure') {
    print('BENCH|PBES2 decrypt at p2c 10,000, ' + alg + ' (' + backendName + ')|' + once(alg, 10000).toFixed(1) + '|1');
  } else {
    var t50 = once(alg, 50);
    var t100 = once(alg, 100);
    print('BENCH|PBES2 decrypt at p2c 10,000, ' + alg + ' (pure, est. from 50 and 100)|' + (t100 + (9900 * (t100 - t50)) / 50).toFixed(0) + '|1');
  }
}
