// @vectors jose.rfc7515_a1_hs256 jose.rfc7520_4_4_hs256 jose.jose_doc_hs256_jwt
// @variants !core
// Published vectors on the device: RFC 7515 A.1, RFC 7520 4.4 (JWS level,
// UTF-8 payload with U+2019), the jose documentation HS256 JWT.
var mj = require('microjwt');
var J = VECTORS.jose;

test('RFC 7515 A.1 with a clock before exp (CR LF in the JSON)', function () {
  var v = J.rfc7515_a1_hs256;
  var p = mj.verify(v.compact, v.key_jwk, { algorithms: ['HS256'], currentTime: 1300819000, minClock: 0 });
  eq(p.iss, 'joe');
  eq(p.exp, 1300819380);
  eq(p['http://example.com/is_root'], true);
});

test('RFC 7515 A.1 after exp: expired; default minClock: clock not set', function () {
  var v = J.rfc7515_a1_hs256;
  throws(function () { mj.verify(v.compact, v.key_jwk, { algorithms: ['HS256'], currentTime: 1600000000 }); }, mj.ExpiredSignatureError, 'ERR_JWT_EXPIRED');
  throws(function () { mj.verify(v.compact, v.key_jwk, { algorithms: ['HS256'], currentTime: 1300819000 }); }, mj.ClockNotSetError);
});

test('RFC 7520 4.4 at the JWS level, and signed again byte-exact', function () {
  var v = J.rfc7520_4_4_hs256;
  var r = mj.jws.verify(v.compact, v.key_jwk, { algorithms: ['HS256'] });
  eq(r.header.kid, v.key_jwk.kid);
  eq(mj.utf8.decode(r.payload), v.payload_utf8);
  eq(r.payload.length, 167);
  eq(mj.jws.sign(v.payload_utf8, v.key_jwk, { kid: v.key_jwk.kid }), v.compact);
});

test('jose documentation HS256 JWT', function () {
  var v = J.jose_doc_hs256_jwt;
  var p = mj.verify(v.compact, v.secret_utf8, { algorithms: ['HS256'], issuer: v.verify_options.issuer, audience: v.verify_options.audience });
  eq(p['urn:example:claim'], true);
  eq(p.iat, 1669056231);
  throws(function () { mj.verify(v.compact, v.secret_utf8, { algorithms: ['HS256'] }); }, mj.InvalidAudienceError);
});
