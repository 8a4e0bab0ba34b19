// JWT sign/verify round trips on the device: defaults, options, algorithms,
// key forms, and byte-exact UTF-8 output (tokens below were minted on Node
// and verified by jose).
var mj = require('microjwt');
var K = 'device-secret-0123456789abcdefghij';
var NOW = 1700000000;
var seg = function (t, i) {
  return JSON.parse(atob(t.split('.')[i].split('-').join('+').split('_').join('/')));
};

test('sign: HS256 default header, iat from currentTime, verify round trip', function () {
  var t = mj.sign({ sub: 'dev' }, K, { currentTime: NOW });
  var h = seg(t, 0);
  eq(h.alg, 'HS256');
  eq(h.typ, 'JWT');
  var p = mj.verify(t, K, { algorithms: ['HS256'], currentTime: NOW });
  eq(p.sub, 'dev');
  eq(p.iat, NOW);
});

test('sign: claims from options', function () {
  var t = mj.sign({ x: 1 }, K, { currentTime: NOW, expiresIn: 60, notBefore: -5, issuer: 'me', subject: 'you', audience: ['a', 'b'], jwtid: 'j1', kid: 'k1' });
  var p = mj.verify(t, K, { algorithms: ['HS256'], currentTime: NOW + 10, audience: 'b', issuer: 'me', subject: 'you' });
  eq(p.exp, NOW + 60);
  eq(p.nbf, NOW - 5);
  eq(p.aud[1], 'b');
  eq(p.jti, 'j1');
  eq(seg(t, 0).kid, 'k1');
});

test('sign: jwtid true gives a random 22-char id', function () {
  var a = mj.decode(mj.sign({}, K, { currentTime: NOW, jwtid: true })).payload.jti;
  var b = mj.decode(mj.sign({}, K, { currentTime: NOW, jwtid: true })).payload.jti;
  eq(a.length, 22);
  assert(a !== b, 'two random ids differ');
});

test('sign: UTF-8 claims are byte-exact with Node/jose', function () {
  var t = mj.sign({ sub: 'dev', n: 'José ☺ 𝄞', q: 'it’s', e: '😀' }, K, { noTimestamp: true });
  eq(t, 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZXYiLCJuIjoiSm9zw6kg4pi6IPCdhJ4iLCJxIjoiaXTigJlzIiwiZSI6IvCfmIAifQ.sSpejOrKh8Le2ngj0ai9YeoneVeUjmXUMimk6hT4wsQ');
  var p = mj.verify(t, K, { algorithms: ['HS256'] });
  eq(p.n, 'José ☺ 𝄞');
  eq(p.q, 'it’s');
  eq(p.e, '😀');
});

test('sign/verify HS384 and HS512 (byte-exact with Node)', function () {
  var t5 = mj.sign({ a: 1 }, K, { noTimestamp: true, algorithm: 'HS512', minKeyLength: 32 });
  eq(t5, 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.za5nCk1UQcnXcJwFz1s2BU6-_NbdlrCKpTLgw7wGQNDcC56SUnNj6wPTC1BKmGyTS-hkL1PJFWUa2dU9U5k5lQ');
  var t3 = mj.sign({ a: 1 }, K, { noTimestamp: true, algorithm: 'HS384', minKeyLength: 32 });
  eq(t3, 'eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.H2uVHTIow2gIk7N-nVvBkFHRaz6skJVaoJhLJOtN61CwwtJbQ622Bp2hFjpi2smV');
  eq(mj.verify(t3, K, { algorithms: ['HS384'], minKeyLength: 32 }).a, 1);
});

test('keys: string, Uint8Array and JWK forms agree', function () {
  var bytes = E.toUint8Array(K);
  var jwk = { kty: 'oct', k: mj.base64url.encode(bytes) }; // by hand: the core build has no exportJWK
  var t = mj.sign({ a: 2 }, jwk, { noTimestamp: true });
  eq(mj.verify(t, K, { algorithms: ['HS256'] }).a, 2);
  eq(mj.verify(t, bytes, { algorithms: ['HS256'] }).a, 2);
  eq(mj.verify(t, jwk, { algorithms: ['HS256'] }).a, 2);
});

test('sign does not mutate the payload; verify returns plain fresh objects', function () {
  var p = { a: 1 };
  var t = mj.sign(p, K, { currentTime: NOW, expiresIn: 5 });
  eq(Object.keys(p).length, 1);
  var v1 = mj.verify(t, K, { algorithms: ['HS256'], currentTime: NOW });
  var v2 = mj.verify(t, K, { algorithms: ['HS256'], currentTime: NOW });
  assert(v1 !== v2 && Object.getPrototypeOf(v1) === Object.prototype, 'fresh plain objects');
});

test('complete: header, payload, signature', function () {
  var t = mj.sign({ a: 1 }, K, { noTimestamp: true, kid: 'x' });
  var r = mj.verify(t, K, { algorithms: ['HS256'], complete: true });
  eq(r.header.kid, 'x');
  eq(r.payload.a, 1);
  eq(r.signature, t.split('.')[2]);
});
