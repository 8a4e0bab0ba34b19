// Registered-claim rules on the device (clock fixed with currentTime/clock).
var mj = require('microjwt');
var K = 'device-secret-0123456789abcdefghij';
var NOW = 1700000000;
var A = ['HS256'];
// jws.sign over the JSON text, so claims of the wrong type can be tested too
// (sign refuses to mint those). The claims here are ASCII: native stringify is exact.
// The core build has no jws.sign: there the token is made here, HMAC-SHA256
// over the board's native SHA-256 (RFC 2104; K is shorter than a block).
var hmac256 = function (text) {
  var H = require('crypto').SHA256, ipad = '', opad = '';
  for (var i = 0; i < 64; i++) {
    var b = i < K.length ? K.charCodeAt(i) : 0;
    ipad += String.fromCharCode(b ^ 0x36);
    opad += String.fromCharCode(b ^ 0x5c);
  }
  return E.toUint8Array(E.toString(H(opad + E.toString(H(ipad + text)))));
};
var tok = function (claims) {
  if (mj.jws) return mj.jws.sign(JSON.stringify(claims), K, { header: { typ: 'JWT' } });
  var input = mj.base64url.encode(E.toUint8Array('{"alg":"HS256","typ":"JWT"}')) + '.' + mj.base64url.encode(E.toUint8Array(JSON.stringify(claims)));
  return input + '.' + mj.base64url.encode(hmac256(input));
};
var ok = function (claims, opts) {
  opts.algorithms = A;
  if (opts.currentTime === undefined && opts.clock === undefined) opts.currentTime = NOW;
  return mj.verify(tok(claims), K, opts);
};
var bad = function (claims, opts, Ctor, code, claim) {
  var e;
  try {
    ok(claims, opts);
  } catch (x) {
    e = x;
  }
  assert(e !== undefined, 'no error');
  assert(e instanceof Ctor, 'wrong class ' + String(e));
  eq(e.code, code);
  if (claim !== undefined) eq(e.claim, claim);
};

test('exp', function () {
  eq(ok({ exp: NOW + 1 }, {}).exp, NOW + 1);
  bad({ exp: NOW }, {}, mj.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'exp');
  eq(ok({ exp: NOW - 5 }, { leeway: 6 }).exp, NOW - 5);
  bad({ exp: NOW - 5 }, { leeway: 5 }, mj.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'exp');
  bad({ exp: 'x' }, {}, mj.DecodeError, 'ERR_JWT_CLAIM_INVALID', 'exp');
});

test('nbf', function () {
  eq(ok({ nbf: NOW }, {}).nbf, NOW);
  bad({ nbf: NOW + 1 }, {}, mj.ImmatureSignatureError, 'ERR_JWT_IMMATURE', 'nbf');
  eq(ok({ nbf: NOW + 5 }, { leeway: 5 }).nbf, NOW + 5);
  bad({ nbf: null }, {}, mj.DecodeError, 'ERR_JWT_CLAIM_INVALID', 'nbf');
});

test('iat and maxAge', function () {
  eq(ok({ iat: NOW + 3600 }, {}).iat, NOW + 3600);
  bad({ iat: 'now' }, {}, mj.InvalidIssuedAtError, 'ERR_JWT_IAT', 'iat');
  eq(ok({ iat: NOW - 100 }, { maxAge: 100 }).iat, NOW - 100);
  bad({ iat: NOW - 101 }, { maxAge: 100 }, mj.ExpiredSignatureError, 'ERR_JWT_EXPIRED', 'iat');
  bad({}, { maxAge: 100 }, mj.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'iat');
});

test('aud', function () {
  bad({ aud: 'a' }, {}, mj.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud');
  eq(ok({ aud: ['x', 'a'] }, { audience: ['b', 'a'] }).aud[1], 'a');
  bad({ aud: 'a' }, { audience: 'b' }, mj.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud');
  bad({ aud: [1] }, { audience: 'a' }, mj.InvalidAudienceError, 'ERR_JWT_AUDIENCE', 'aud');
  bad({}, { audience: 'a' }, mj.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'aud');
});

test('iss, sub, jti', function () {
  eq(ok({ iss: 'me' }, { issuer: ['you', 'me'] }).iss, 'me');
  bad({ iss: 'me' }, { issuer: 'you' }, mj.InvalidIssuerError, 'ERR_JWT_ISSUER', 'iss');
  bad({ iss: 1 }, {}, mj.InvalidIssuerError, 'ERR_JWT_ISSUER', 'iss');
  bad({}, { issuer: 'me' }, mj.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'iss');
  bad({ sub: 'a' }, { subject: 'b' }, mj.InvalidSubjectError, 'ERR_JWT_SUBJECT', 'sub');
  bad({ sub: 2 }, {}, mj.InvalidSubjectError, 'ERR_JWT_SUBJECT', 'sub');
  bad({}, { subject: 'b' }, mj.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'sub');
  bad({ jti: 3 }, {}, mj.InvalidJTIError, 'ERR_JWT_JTI', 'jti');
});

test('requiredClaims', function () {
  eq(ok({ foo: 1 }, { requiredClaims: ['foo'] }).foo, 1);
  bad({ foo: 1 }, { requiredClaims: ['bar'] }, mj.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'bar');
  bad({ foo: null }, { requiredClaims: ['foo'] }, mj.MissingRequiredClaimError, 'ERR_JWT_CLAIM_MISSING', 'foo');
});

test('clock: 1970 device -> ClockNotSetError only when a time is needed', function () {
  var boot = function () {
    return 12;
  };
  bad({ exp: NOW }, { clock: boot }, mj.ClockNotSetError, 'ERR_CLOCK_NOT_SET');
  eq(ok({ sub: 'x' }, { clock: boot }).sub, 'x');
  eq(ok({ exp: 100 }, { clock: boot, minClock: 0 }).exp, 100);
  var e;
  try {
    mj.sign({}, K, { clock: boot });
  } catch (x) {
    e = x;
  }
  assert(e instanceof mj.ClockNotSetError, 'sign with a 1970 clock');
  eq(mj.decode(mj.sign({}, K, { clock: boot, noTimestamp: true })).payload.iat, undefined);
});

test('default clock: Date.now()', function () {
  var now = Math.floor(Date.now() / 1000);
  if (now < 1577836800) {
    // the emulator/interpreter may start in 1970: then the default clock must refuse
    var e;
    try {
      mj.sign({}, K);
    } catch (x) {
      e = x;
    }
    assert(e instanceof mj.ClockNotSetError, 'unset clock');
    return;
  }
  var p = mj.verify(mj.sign({}, K, { expiresIn: 60 }), K, { algorithms: A });
  assert(Math.abs(p.iat - now) < 5, 'iat near now');
});

test('validate callback runs last and its error propagates', function () {
  var seen = 0;
  eq(ok({ a: 1 }, { validate: function (p, h) { seen = p.a + (h.alg === 'HS256' ? 10 : 0); } }).a, 1);
  eq(seen, 11);
  var e;
  try {
    ok({ a: 1 }, { validate: function () { throw new Error('mine'); } });
  } catch (x) {
    e = x;
  }
  eq(e.message, 'mine');
});
