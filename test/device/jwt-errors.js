// Options, keys and error classes on the device.
var mj = require('microjwt');
var K = 'device-secret-0123456789abcdefghij';
var T = mj.sign({ a: 1 }, K, { noTimestamp: true });

test('algorithms is required; bad options fail at call time', function () {
  throws(function () { mj.verify(T, K); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.verify(T, K, {}); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.verify(T, K, { algorithms: [] }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.verify('junk', K, { algorithms: ['HS256'], leeway: -1 }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.verify('junk', K, { algorithms: ['HS256'], audiance: 'x' }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.verify('junk', K, { algorithms: ['none'] }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.verify('junk', K, { algorithms: ['RS256'] }); }, mj.NotSupportedError, 'ERR_NOT_SUPPORTED');
  throws(function () { mj.sign({}, K, { expiresIn: '1h' }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.sign({ exp: 1 }, K, { expiresIn: 10, currentTime: 1700000000 }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.sign({}, K, { header: { alg: 'none' } }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
});

test('payload must be a plain object', function () {
  throws(function () { mj.sign('x', K); }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () { mj.sign([1], K); }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () { mj.sign({ exp: 'soon' }, K); }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
});

test('key errors', function () {
  throws(function () { mj.sign({}, 'short'); }, mj.InvalidKeyError, 'ERR_KEY_TOO_SHORT');
  throws(function () { mj.sign({}, K, { algorithm: 'HS384' }); }, mj.InvalidKeyError, 'ERR_KEY_TOO_SHORT');
  throws(function () { mj.verify(T, '-----BEGIN PUBLIC KEY-----MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE', { algorithms: ['HS256'] }); }, mj.InvalidKeyError, 'ERR_KEY_TYPE');
  throws(function () { mj.verify(T, '{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}', { algorithms: ['HS256'] }); }, mj.InvalidKeyError, 'ERR_KEY_TYPE');
  throws(function () { mj.verify(T, 42, { algorithms: ['HS256'] }); }, mj.InvalidKeyError, 'ERR_KEY_TYPE');
  throws(function () { mj.verify(T, { kty: 'RSA', n: 'x', e: 'AQAB' }, { algorithms: ['HS256'] }); }, mj.InvalidKeyError, 'ERR_KEY_TYPE');
  eq(mj.verify(mj.sign({ a: 3 }, 'short', { noTimestamp: true, minKeyLength: 5 }), 'short', { algorithms: ['HS256'], minKeyLength: 5 }).a, 3);
});

test('a wrong key fails the signature; a changed Uint8Array key is not cached stale', function () {
  throws(function () { mj.verify(T, K + '!', { algorithms: ['HS256'] }); }, mj.InvalidSignatureError, 'ERR_JWS_SIGNATURE');
  var k = new Uint8Array(32);
  var t = mj.sign({ a: 1 }, k, { noTimestamp: true });
  eq(mj.verify(t, k, { algorithms: ['HS256'] }).a, 1);
  k[0] = 1;
  throws(function () { mj.verify(t, k, { algorithms: ['HS256'] }); }, mj.InvalidSignatureError);
});

test('error hierarchy and fields', function () {
  var e;
  try {
    mj.verify(T, K + '!', { algorithms: ['HS256'] });
  } catch (x) {
    e = x;
  }
  assert(e instanceof mj.InvalidSignatureError && e instanceof mj.DecodeError && e instanceof mj.InvalidTokenError && e instanceof mj.JWTError, 'chain');
  eq(e.name, 'InvalidSignatureError');
  eq(String(e), 'InvalidSignatureError: signature verification failed');
  // (a loop, not indexOf: Espruino's multi-char indexOf reports false matches)
  var m = String(e);
  for (var i = 0; i + K.length <= m.length; i++) assert(m.substr(i, K.length) !== K, 'no secret in the message');
});

test('decode and getUnverifiedHeader do not verify', function () {
  var t = btoa('{"alg":"none"}').split('=').join('') + '.' + btoa('{"a":1}').split('=').join('') + '.';
  eq(mj.decode(t).payload.a, 1);
  eq(mj.getUnverifiedHeader(t).alg, 'none');
  throws(function () { mj.decode('a.b'); }, mj.DecodeError, 'ERR_JWT_MALFORMED');
});
