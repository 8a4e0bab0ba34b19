// @variants !core
// @vectors jose.rfc7520_5_8_a128kw jose.jose_doc_dir_a128cbc_hs256 jose.rfc7520_5_3_pbes2
// JWE known answers on the device: RFC 7520 5.8's key wrap, jose's
// documented dir/A128CBC-HS256 JWT, RFC 7520 5.3 (PBES2-HS512+A256KW, 8192
// iterations: in full where the board has a native PBKDF2-SHA512; elsewhere
// one PBES2-HS512 decrypt at that count would take minutes of pure SHA-512,
// so there the count cap is checked instead). RFC 7520 5.7 (A256GCMKW,
// A128CBC-HS256) runs here through test/jwe/device-interop.test.ts.
var mj = require('microjwt');
var J = VECTORS.jose;
var d = mj.base64url.decode;

test('RFC 7520 5.8: A128KW wraps the CEK to the RFC encrypted key, and unwraps it', function () {
  var v = J.rfc7520_5_8_a128kw;
  eq(mj.base64url.encode(mj.crypto.aesKeyWrap(d(v.kek_b64u), d(v.cek_b64u))), v.encrypted_key_b64u);
  eq(mj.base64url.encode(mj.crypto.aesKeyUnwrap(d(v.kek_b64u), d(v.encrypted_key_b64u))), v.cek_b64u);
});

test('jose documentation: dir / A128CBC-HS256 encrypted JWT, claims checked', function () {
  var v = J.jose_doc_dir_a128cbc_hs256;
  var o = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A128CBC-HS256'], issuer: 'urn:example:issuer', audience: 'urn:example:audience', currentTime: 1669055999 };
  var p = mj.decryptJWT(v.compact, d(v.key_b64u), o);
  eq(p['urn:example:claim'], true);
  eq(p.iat, 1669055989);
  eq(mj.decryptJWT(v.compact, { kty: 'oct', k: v.key_b64u }, o).iss, 'urn:example:issuer');
  o.audience = 'urn:other';
  throws(function () { mj.decryptJWT(v.compact, d(v.key_b64u), o); }, mj.InvalidAudienceError);
  eq(E.toString(mj.decrypt(v.compact, d(v.key_b64u), { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A128CBC-HS256'] }).plaintext), v.plaintext_utf8);
});

test('RFC 7520 5.3: PBES2-HS512+A256KW, A128CBC-HS256', function () {
  var v = J.rfc7520_5_3_pbes2;
  var o = { keyManagementAlgorithms: [v.alg], contentEncryptionAlgorithms: [v.enc] };
  throws(function () { mj.decrypt(v.compact, v.password_utf8, { keyManagementAlgorithms: [v.alg], contentEncryptionAlgorithms: [v.enc], maxPBES2Count: 8191 }); }, mj.InvalidTokenError, 'ERR_JWE_PBES2_COUNT');
  if (mj.crypto.backend().pbkdf2Sha512 === 'pure') {
    print('NOTE RFC 7520 5.3 in full skipped: no native PBKDF2-SHA512 here (8192 pure iterations)');
    return;
  }
  var r = mj.decrypt(v.compact, v.password_utf8, o);
  eq(E.toString(r.plaintext), v.plaintext_utf8);
  eq(r.header.p2c, 8192);
  eq(r.header.cty, 'jwk-set+json');
  throws(function () { mj.decrypt(v.compact, v.password_utf8 + 'x', o); }, mj.DecryptionError);
});
