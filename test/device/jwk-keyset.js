// @vectors jose.rfc7638_thumbprints
// @variants !core
// JWK helpers and KeySet on the device.
var mj = require('microjwt');

test('RFC 7638 thumbprints', function () {
  var t = VECTORS.jose.rfc7638_thumbprints;
  for (var i = 0; i < t.length; i++) eq(mj.thumbprint(t[i].jwk), t[i].sha256_b64u);
});

test('import/export/generateSecret', function () {
  var s = mj.generateSecret('HS256');
  eq(s.length, 32);
  var jwk = mj.exportJWK(s);
  eq(jwk.kty, 'oct');
  eq(hex(mj.importJWK(jwk)), hex(s));
  eq(mj.generateSecret('HS512').length, 64);
  assert(hex(mj.generateSecret()) !== hex(mj.generateSecret()), 'random');
  throws(function () { mj.importJWK({ kty: 'oct', k: 'a+' }); }, mj.InvalidKeyError, 'ERR_KEY_TYPE');
});

test('KeySet: kid, alg, no kid, multiple, signingKid', function () {
  var A = mj.exportJWK('a-secret-for-the-keyset-0123456789');
  A.kid = 'a';
  var B = mj.exportJWK('b-secret-for-the-keyset-0123456789');
  B.kid = 'b';
  var set = new mj.KeySet({ keys: [A, B] }, { signingKid: 'b' });
  var t = mj.sign({ x: 1 }, set, { noTimestamp: true });
  eq(mj.getUnverifiedHeader(t).kid, 'b');
  eq(mj.verify(t, set, { algorithms: ['HS256'] }).x, 1);
  var noKid = mj.sign({ x: 2 }, 'a-secret-for-the-keyset-0123456789', { noTimestamp: true });
  throws(function () { mj.verify(noKid, set, { algorithms: ['HS256'] }); }, mj.InvalidKeyError, 'ERR_KEY_MULTIPLE_MATCH');
  var other = mj.sign({ x: 3 }, 'a-secret-for-the-keyset-0123456789', { noTimestamp: true, kid: 'zz' });
  throws(function () { mj.verify(other, set, { algorithms: ['HS256'] }); }, mj.InvalidKeyError, 'ERR_KEY_NO_MATCH');
  var one = new mj.KeySet({ keys: [A] });
  eq(mj.verify(noKid, one, { algorithms: ['HS256'] }).x, 2);
  assert(set instanceof mj.KeySet, 'instanceof');
});
