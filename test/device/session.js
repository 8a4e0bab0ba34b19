// @variants !core
// MicroJWT, Logger, introspect, bearer and guard on the device.
var mj = require('microjwt');
var K = 'your-very-secure-secret-key-32bytes+';
var logged = [];
var log = new mj.Logger('T', { sink: function (l) { logged.push(l); } });
var jwt = new mj.MicroJWT(K, { logger: log, ttl: 600 });

test('create and verify; null with a typed lastError for bad tokens', function () {
  var t = jwt.createToken('user123', 'admin', { scope: 'rw' }, 'api');
  var p = jwt.verifyToken(t, 'api');
  eq(p.sub, 'user123');
  eq(p.role, 'admin');
  eq(p.scope, 'rw');
  eq(p.exp - p.iat, 600);
  eq(p.jti.length, 22);
  eq(jwt.lastError, null);
  eq(mj.verify(t, K, { algorithms: ['HS256'], audience: 'api' }).jti, p.jti);
  eq(jwt.verifyToken(t), null);
  assert(jwt.lastError instanceof mj.InvalidAudienceError, 'aud');
  eq(jwt.verifyToken(t.substr(0, t.length - 2) + 'AA', 'api'), null);
  assert(jwt.lastError instanceof mj.InvalidTokenError, 'sig');
  eq(jwt.verifyToken('junk'), null);
  eq(jwt.lastError.code, 'ERR_JWT_MALFORMED');
  throws(function () { jwt.createToken('u', 'r', { exp: 1 }); }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () { jwt.createToken(' ', 'r'); }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () { new mj.MicroJWT('short'); }, mj.InvalidKeyError, 'ERR_KEY_TOO_SHORT');
  throws(function () { new mj.MicroJWT(K, { ttl: 0 }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
});

test('refresh rotates: the old token is revoked', function () {
  var t = jwt.createToken('u', 'r', { n: 1 });
  var n = jwt.refreshToken(t);
  eq(jwt.verifyToken(n).n, 1);
  eq(jwt.verifyToken(t), null);
  assert(jwt.lastError instanceof mj.RevokedTokenError, 'revoked');
  eq(jwt.lastError.code, 'ERR_TOKEN_REVOKED');
  throws(function () { jwt.refreshToken(t); }, mj.RevokedTokenError);
});

test('pairs: refresh tokens are not access tokens; reuse revokes the family', function () {
  var p1 = jwt.createTokenPair('u', 'r');
  eq(jwt.verifyToken(p1.refreshToken), null);
  eq(jwt.lastError.code, 'ERR_JWT_TYP');
  eq(jwt.refreshTokenPair(p1.accessToken), null);
  var p2 = jwt.refreshTokenPair(p1.refreshToken);
  assert(jwt.verifyToken(p2.accessToken) !== null, 'new access');
  eq(jwt.refreshTokenPair(p1.refreshToken), null);
  assert(jwt.lastError instanceof mj.RevokedTokenError, 'reuse type');
  eq(jwt.lastError.code, 'ERR_REFRESH_REUSED');
  eq(jwt.verifyToken(p2.accessToken), null);
  eq(jwt.refreshTokenPair(p2.refreshToken), null);
  eq(jwt.lastError.code, 'ERR_TOKEN_REVOKED');
});

test('revokeToken, isRevoked, clearRevokedTokens', function () {
  jwt.revokeToken('abc');
  assert(jwt.isRevoked('abc'), 'revoked');
  assert(!jwt.isRevoked('abd'), 'other');
  assert(jwt.clearRevokedTokens() > 0, 'cleared');
  assert(!jwt.isRevoked('abc'), 'gone');
});

test('logger: levels, silent, no token in a line', function () {
  var t = jwt.createToken('u', 'r');
  logged = [];
  log.info('got ' + t);
  eq(logged.length, 1);
  eq(logged[0].substr(0, 18), '[INFO] T: got jwt#');
  eq(logged[0].length, 26);
  var quiet = new mj.Logger('Q', { level: 'ERROR', sink: function (l) { logged.push(l); } });
  quiet.warning('w');
  quiet.error('e');
  eq(logged[1], '[ERROR] Q: e');
  new mj.Logger('S', { silent: true, sink: function (l) { logged.push(l); } }).error('x');
  eq(logged.length, 2);
});

test('introspect', function () {
  var t = mj.sign({ sub: 'u', scope: 's' }, K, { expiresIn: 60 });
  var r = mj.introspect(t, K, { algorithms: ['HS256'] });
  eq(r.active, true);
  eq(r.scope, 's');
  eq(JSON.stringify(mj.introspect('bad', K, { algorithms: ['HS256'] })), '{"active":false}');
  throws(function () { mj.introspect(t, K, {}); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
});

test('bearer and guard on http-shaped request/response objects', function () {
  var t = jwt.createToken('alice', 'r', null, 'api');
  eq(mj.bearer({ headers: { Authorization: 'bearer ' + t } }), t);
  eq(mj.bearer({ headers: { Authorization: 'Basic x' } }), null);
  var res = function () {
    return { writeHead: function (c, h) { this.code = c; this.h = h; }, end: function (d) { this.body = d; } };
  };
  var h = mj.guard({ jwt: jwt, audience: 'api' }, function (req, r, claims) { r.writeHead(200); r.end(claims.sub); });
  var a = res();
  h({ headers: { authorization: 'Bearer ' + t } }, a);
  eq(a.code, 200);
  eq(a.body, 'alice');
  var b = res();
  h({ headers: {} }, b);
  eq(b.code, 401);
  eq(b.h['WWW-Authenticate'], 'Bearer error="invalid_token"');
});
