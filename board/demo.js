// microjwt demo (`npm start` runs it in the emulated ESP32, which holds the
// whole library; `npx microjwt emulate board/demo.js --board pico --build core`
// runs what an Espruino Pico holds, JWS/JWT only; on a board, upload it after
// `npx microjwt flash`). Each step prints its time and the JsVars in use (a
// Pico has 5,100 for everything). Emulator times are this computer's: a real
// board is roughly 50-70x slower.
var mj = require('microjwt');
var mem = function () { return process.memory().usage; };
print('microjwt ' + mj.version + ' on ' + process.env.BOARD + ': ' + mem() + ' of ' + process.memory().total + ' JsVars in use');
var step = function (name, fn) {
  var t0 = getTime();
  var r = fn();
  print('[' + name + '] ' + Math.round((getTime() - t0) * 10000) / 10 + ' ms, ' + mem() + ' JsVars in use');
  return r;
};
var is = function (ok) { return ok ? 'accepted' : 'refused (' + auth.lastError.code + ')'; };

// The clock: the emulator (like the espruino CLI on connect) has set it. A board
// that booted without it gets ClockNotSetError, never a token dated 1970.
var secret = 'demo secret: at least 32 bytes long!';
if (getTime() < 1577836800) {
  try { mj.sign({ sub: 'x' }, secret, { expiresIn: 300 }); } catch (e) { print('clock not set: ' + e.code + '; setting it'); }
  setTime(1767225600); // a device takes it from NTP, GPS or its host
}

// 1. A JWT (HS256), and what verify refuses, with typed errors.
var token = step('issue   HS256 JWT', function () {
  return mj.sign({ sub: 'sensor-7', temp: 21.5, name: 'Café ☺' }, secret, { expiresIn: 300, audience: 'hub' });
});
print('  ' + token);
var claims = step('verify  HS256 JWT', function () {
  return mj.verify(token, secret, { algorithms: ['HS256'], audience: 'hub' });
});
print('  sub=' + claims.sub + ' temp=' + claims.temp + ' name=' + claims.name);
[[token.substr(0, token.length - 3) + (token.substr(token.length - 3) === 'AAA' ? 'BBB' : 'AAA'), 'hub'], [token, 'cloud']].forEach(function (t) {
  try { mj.verify(t[0], secret, { algorithms: ['HS256'], audience: t[1] }); } catch (e) { print('  refused: ' + e.name + ' (' + e.code + ')'); }
});

// 2-4 need the whole library: the core build (the one that fits the Storage
// of an Espruino Pico or a Puck.js) is JWS/JWT only.
if (!mj.encryptJWT) {
  print('JWE and sessions: not in this build (JWS/JWT only, what fits an Espruino Pico\'s or a Puck.js\'s Storage); an ESP32 or a Raspberry Pi Pico runs them');
} else {
  // 2. An encrypted JWT (compact JWE; jose's jwtDecrypt reads it with the same key).
  var key = mj.crypto.sha256('demo encryption key'); // 32 bytes; a real key comes from provision.js
  token = step('encrypt JWE dir/A128CBC-HS256', function () {
    return mj.encryptJWT({ sub: 'sensor-7', pin: '1234' }, key, { alg: 'dir', enc: 'A128CBC-HS256', expiresIn: 300 });
  });
  print('  ' + token.substr(0, 50) + '... (' + token.length + ' chars)');
  claims = step('decrypt JWE', function () {
    return mj.decryptJWT(token, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A128CBC-HS256'] });
  });
  print('  pin=' + claims.pin);
  token = claims = key = undefined;

  // 3. Sessions: access + refresh tokens. A refresh rotates (the old refresh
  // token is spent); a spent one presented again revokes its whole family.
  var auth = step('MicroJWT (sessions loaded)', function () {
    return new mj.MicroJWT(secret, { ttl: 900, silent: true, revocationStore: new mj.MemoryRevocationStore() });
  });
  var first = step('login   token pair', function () { return auth.createTokenPair('alice', 'admin'); });
  var next = step('refresh rotation', function () { return auth.refreshTokenPair(first.refreshToken); });
  print('  new access token: ' + is(auth.verifyToken(next.accessToken)));
  step('reuse   spent refresh token', function () { return auth.refreshTokenPair(first.refreshToken); });
  print('  ' + auth.lastError.code + '; the family\'s new access token: ' + is(auth.verifyToken(next.accessToken)));

  // 4. Revoke (a logout): the token is refused from then on.
  first = auth.createTokenPair('bob', 'user');
  next = auth.verifyToken(first.accessToken);
  step('revoke  access token', function () { auth.revokeToken(next.jti, next.exp); });
  print('  after logout: ' + is(auth.verifyToken(first.accessToken)));
}
print('memory: ' + mem() + ' of ' + process.memory().total + ' JsVars in use');
