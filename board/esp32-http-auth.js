// An HTTP API with logins on the device (ESP32, or Espruino's Linux build).
//
//   POST /login    {"username","password"} -> {"access_token","refresh_token","token_type","expires_in"}
//   GET  /data     Authorization: Bearer <access_token> -> some JSON
//   POST /refresh  {"refresh_token"} -> a new pair; the old refresh token is spent
//   POST /logout   Authorization: Bearer <access_token> [, {"refresh_token"}]
//
// Presenting a spent refresh token again means it was stolen (or copied):
// every token of that login is revoked. Revocations are kept in flash, so a
// logged-out token stays refused after a restart.
//
// Set up the board first: connect it to Wi-Fi and set its clock (tokens carry
// times), e.g. require('Wifi').setSNTP('pool.ntp.org', 0); run provision.js
// once (or this script makes the key at first start). Users: addUser(name,
// password) at the REPL; until there is one, the demo user admin /
// microjwt-demo logs in.
var mj = require('microjwt');
var http = require('http');
var S = require('Storage');

// The signing secret: the board's own, kept in Storage (never in the source).
var jwk = S.readJSON('mj-key', true);
if (!jwk) {
  jwk = mj.exportJWK(mj.crypto.randomBytes(32));
  S.write('mj-key', JSON.stringify(jwk)); // standard JSON (S.writeJSON writes JS notation)
  print('Made a new secret (see provision.js for how the server side gets it).');
}
var key = mj.importJWK(jwk);

var TTL = 900; // access tokens live 15 minutes
var jwt = new mj.MicroJWT(key, {
  ttl: TTL,
  refreshTtl: 86400, // refresh tokens: a day
  logLevel: 'WARNING',
  revocationStore: new mj.StorageRevocationStore('mj-revoked'),
});

// Passwords are kept as HMAC-SHA-256(secret, name:password), never as text.
var passwordHash = function (name, password) {
  return mj.crypto.hmac('SHA-256', key, name + ':' + password);
};
var users = S.readJSON('mj-users', true);
var addUser = function (name, password) {
  users = S.readJSON('mj-users', true) || {};
  users[name] = mj.base64url.encode(passwordHash(name, password));
  S.write('mj-users', JSON.stringify(users));
};
if (!users) {
  print('No users in Storage: the demo user admin / microjwt-demo can log in. Add yours with addUser(name, password).');
  users = { admin: mj.base64url.encode(passwordHash('admin', 'microjwt-demo')) };
}

// Every candidate is hashed and compared in full (timingSafeEqual has no
// early exit), an unknown name too: the answer time says nothing.
var passwordOk = function (name, password) {
  var known = typeof name === 'string' && users.hasOwnProperty(name);
  var want = mj.base64url.decode(known ? users[name] : users[Object.keys(users)[0]]);
  var ok = mj.crypto.timingSafeEqual(passwordHash(String(name), String(password)), want);
  return known && typeof password === 'string' && ok;
};

// More than 5 failed logins within 60 s: 429 until the oldest is a minute old.
var failures = [];
var lockedOut = function () {
  while (failures.length && failures[0] < getTime() - 60) failures.shift();
  return failures.length >= 5;
};

var send = function (res, status, body, headers) {
  headers = headers || {};
  headers['Content-Type'] = 'application/json';
  headers['Cache-Control'] = 'no-store';
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
};

var sendPair = function (res, pair) {
  send(res, 200, { access_token: pair.accessToken, refresh_token: pair.refreshToken, token_type: 'Bearer', expires_in: TTL });
};

// Espruino's JSON.parse lets a "__proto__" member set the object's prototype,
// so a body that could spell it (also with \u escapes) is refused.
var parseBody = function (text) {
  if (text === '') return {};
  if (text.length > 1024 || /proto|\\u/.test(text)) return null;
  try {
    var o = JSON.parse(text);
    return o && typeof o === 'object' ? o : null;
  } catch (e) {
    return null;
  }
};

var login = function (req, res) {
  if (lockedOut()) return send(res, 429, { error: 'too_many_attempts' }, { 'Retry-After': '60' });
  if (!passwordOk(req.body.username, req.body.password)) {
    failures.push(getTime());
    return send(res, 401, { error: 'invalid_credentials' });
  }
  sendPair(res, jwt.createTokenPair(req.body.username, 'user'));
};

var refresh = function (req, res) {
  var pair = typeof req.body.refresh_token === 'string' ? jwt.refreshTokenPair(req.body.refresh_token) : null;
  // A spent refresh token (lastError.code ERR_REFRESH_REUSED) has just revoked its whole login.
  if (!pair) return send(res, 401, { error: 'invalid_grant' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  sendPair(res, pair);
};

// guard: 401 with WWW-Authenticate unless the Bearer token is a valid access token.
var data = mj.guard({ jwt: jwt }, function (req, res, claims) {
  send(res, 200, { user: claims.sub, uptime: Math.round(getTime() - started), free: process.memory().free });
});

var logout = mj.guard({ jwt: jwt }, function (req, res, claims) {
  jwt.revokeToken(claims.jti, claims.exp);
  // The refresh token of the session, when given, is spent too.
  var rt = req.body.refresh_token;
  if (typeof rt === 'string') {
    try {
      var r = mj.verify(rt, key, { algorithms: ['HS256'], typ: 'refresh+jwt', subject: claims.sub });
      jwt.revokeToken(r.jti, r.exp);
    } catch (e) {
      // not a refresh token of this user: nothing to revoke
    }
  }
  send(res, 200, { logged_out: true });
});

var route = function (req, res) {
  var path = req.url.split('?')[0];
  if (req.method === 'POST' && path === '/login') login(req, res);
  else if (req.method === 'GET' && path === '/data') data(req, res);
  else if (req.method === 'POST' && path === '/refresh') refresh(req, res);
  else if (req.method === 'POST' && path === '/logout') logout(req, res);
  else send(res, 404, { error: 'not_found' });
};

var started = getTime();
http.createServer(function (req, res) {
  var text = '';
  req.on('data', function (d) {
    if (text.length <= 1024) text += d;
  });
  req.on('end', function () {
    req.body = parseBody(text);
    if (!req.body) return send(res, 400, { error: 'invalid_request' });
    try {
      route(req, res);
    } catch (e) {
      // ClockNotSetError: the board's clock was never set (see the top of this file).
      print('Error: ' + e);
      send(res, e instanceof mj.ClockNotSetError ? 503 : 500, { error: e.code || 'server_error' });
    }
  });
}).listen(typeof MJ_PORT === 'number' ? MJ_PORT : 80);

print('HTTP auth API on port ' + (typeof MJ_PORT === 'number' ? MJ_PORT : 80) + ', ' + process.memory().free + ' JsVars free');
