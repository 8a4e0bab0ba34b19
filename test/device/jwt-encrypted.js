// @variants !core
// Encrypted JWTs on the device: encryptJWT / decryptJWT with the claim
// options and checks of sign / verify, and nested sign-then-encrypt tokens
// (RFC 7519 5.2) in one call each way.
var mj = require('microjwt');
var EK = new Uint8Array(32);
for (var i = 0; i < 32; i++) EK[i] = 255 - i;
var SK = 'device-signing-secret-0123456789abcdef';
var NOW = 1700000000;
var EO = { alg: 'A256KW', enc: 'A128GCM' };
var DO = { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A128GCM'] };
var merge = function (a, b) {
  var o = {}, k;
  for (k in a) o[k] = a[k];
  for (k in b) o[k] = b[k];
  return o;
};

test('encryptJWT -> decryptJWT: claims from options, checked as verify checks them', function () {
  var t = mj.encryptJWT({ sub: 'dev', n: 1 }, EK, merge(EO, { currentTime: NOW, expiresIn: 60, issuer: 'me', audience: ['a', 'b'] }));
  var p = mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW + 10, audience: 'b', issuer: 'me' }));
  eq(p.sub, 'dev');
  eq(p.exp, NOW + 60);
  eq(p.iat, NOW);
  throws(function () { mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW + 60, audience: 'b' })); }, mj.ExpiredSignatureError);
  throws(function () { mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW, audience: 'c' })); }, mj.InvalidAudienceError);
  throws(function () { mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW, audience: 'a', issuer: 'you' })); }, mj.InvalidIssuerError);
  throws(function () { mj.decryptJWT(t, EK, merge(DO, { currentTime: 5, audience: 'a' })); }, mj.ClockNotSetError);
  var full = mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW, audience: 'a', complete: true }));
  eq(full.header.typ, 'JWT');
  eq(full.header.alg, 'A256KW');
  eq(full.payload.n, 1);
});

test('encryptJWT refuses what sign refuses', function () {
  throws(function () { mj.encryptJWT({ exp: 'x' }, EK, EO); }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () { mj.encryptJWT({ exp: 1 }, EK, merge(EO, { expiresIn: 5, currentTime: NOW })); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.encryptJWT({}, EK, merge(EO, { currentTime: 100 })); }, mj.ClockNotSetError);
});

test('nested: sign then encrypt in one call, decrypt then verify in one call', function () {
  var t = mj.encryptJWT({ sub: 'dev', 'caf\xc3\xa9': '\xe2\x98\xba' }, EK, merge(EO, { currentTime: NOW, expiresIn: 60, sign: { key: SK, kid: 's1' } }));
  var p = mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW, verify: { key: SK, algorithms: ['HS256'] } }));
  eq(p.sub, 'dev');
  // Compared as UTF-8 bytes: the Unicode build decodes claim values to code points.
  eq(E.toString(mj.utf8.encode(p['caf\xc3\xa9'])), '\xe2\x98\xba');
  var full = mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW, complete: true, verify: { key: SK, algorithms: ['HS256'] } }));
  eq(full.header.cty, 'JWT');
  eq(full.jws.header.kid, 's1');
  throws(function () { mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW })); }, mj.InvalidTokenError, 'ERR_JWT_NESTED');
  throws(function () { mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW, verify: { key: SK + 'x', algorithms: ['HS256'] } })); }, mj.InvalidSignatureError);
  throws(function () { mj.decryptJWT(t, EK, merge(DO, { currentTime: NOW + 61, verify: { key: SK, algorithms: ['HS256'] } })); }, mj.ExpiredSignatureError);
  var plain = mj.encryptJWT({ sub: 'dev' }, EK, merge(EO, { currentTime: NOW }));
  throws(function () { mj.decryptJWT(plain, EK, merge(DO, { currentTime: NOW, verify: { key: SK, algorithms: ['HS256'] } })); }, mj.InvalidTokenError, 'ERR_JWT_NOT_NESTED');
});
