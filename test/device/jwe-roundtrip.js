// @variants !core
// JWE on the device: each alg and each enc round-trips (encrypt, then
// decrypt) with a 17-byte plaintext (one block and a byte, so CBC pads a
// whole block), the key as bytes, a JWK, a KeySet or (PBES2) a password;
// PBES2 with a count of 1 (pure SHA-384/512 on a Pico; the cost at the
// default count is in the benchmarks). Every alg x enc
// pair runs against jose in test/jwe/device-interop.test.ts; this script
// stays small enough for a 5,100-variable board and its time budget.
var mj = require('microjwt');
var PAIRS = [
  ['dir', 'A128CBC-HS256', 32], ['dir', 'A256GCM', 32], ['A128KW', 'A192CBC-HS384', 16], ['A192KW', 'A128GCM', 24],
  ['A256KW', 'A256CBC-HS512', 32], ['A128GCMKW', 'A192GCM', 16], ['A192GCMKW', 'A128CBC-HS256', 24], ['A256GCMKW', 'A256GCM', 32],
  ['PBES2-HS256+A128KW', 'A128GCM', 0], ['PBES2-HS384+A192KW', 'A128CBC-HS256', 0], ['PBES2-HS512+A256KW', 'A128GCM', 0],
];
var PT = 'seventeen bytes!\xff';
var keyOf = function (n, seed) {
  var k = new Uint8Array(n);
  for (var i = 0; i < n; i++) k[i] = (i * 29 + seed) & 255;
  return k;
};
var b64u = function (u) {
  return btoa(E.toString(u)).split('=')[0].split('+').join('-').split('/').join('_');
};
for (var i = 0; i < PAIRS.length; i++) {
  (function (alg, enc, n, form) {
    test(alg + ' ' + enc + ' key ' + (n ? form : 'password'), function () {
      var raw = n ? keyOf(n, i) : 'pass-\xc3\xa9-' + alg;
      var key = !n || form === 'bytes' ? raw : form === 'jwk' ? { kty: 'oct', k: b64u(raw), use: 'enc' } : new mj.KeySet({ keys: [{ kty: 'oct', k: b64u(raw), kid: 'k-' + alg, alg: alg }] });
      var t = mj.encrypt(E.toUint8Array(PT), key, n ? { alg: alg, enc: enc } : { alg: alg, enc: enc, p2c: 1 });
      eq(t.split('.').length, 5);
      var r = mj.decrypt(t, key, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] });
      eq(E.toString(r.plaintext), PT);
      eq(r.header.alg, alg);
      eq(r.header.enc, enc);
      if (form === 'set' && n) eq(r.header.kid, 'k-' + alg);
    });
  })(PAIRS[i][0], PAIRS[i][1], PAIRS[i][2], i % 3 === 0 ? 'bytes' : i % 3 === 1 ? 'jwk' : 'set');
}

test('a string plaintext is its UTF-8 bytes; an empty one works', function () {
  var k = keyOf(32, 1);
  var t = mj.encrypt('caf\xc3\xa9', k, { alg: 'dir', enc: 'A256GCM' });
  var p = mj.decrypt(t, k, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] }).plaintext;
  eq(p.length, 5);
  eq(E.toString(p), 'caf\xc3\xa9');
  var e = mj.encrypt('', k, { alg: 'dir', enc: 'A128CBC-HS256' });
  eq(mj.decrypt(e, k, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A128CBC-HS256'] }).plaintext.length, 0);
});

test('IV and CEK are fresh for every token', function () {
  var k = keyOf(16, 2);
  var a = mj.encrypt('x', k, { alg: 'A128KW', enc: 'A128GCM' }).split('.');
  var b = mj.encrypt('x', k, { alg: 'A128KW', enc: 'A128GCM' }).split('.');
  assert(a[1] !== b[1] && a[2] !== b[2], 'encrypted keys and IVs differ');
});
