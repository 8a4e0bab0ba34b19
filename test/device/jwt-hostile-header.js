// Hostile tokens on the device (structure, header, alg, signature): each must fail with the given class and code
// (tokens forged on Node: HMAC-SHA256 under K over raw header/payload text).
// Both engines' native JSON.parse would accept many of these differently.
var mj = require('microjwt');
var K = 'device-secret-0123456789abcdefghij';
var CASES = [
  ["alg none", "eyJhbGciOiJub25lIn0.eyJhIjoxfQ.", "InvalidAlgorithmError", "ERR_JWS_ALGORITHM"],
  ["alg NONE", "eyJhbGciOiJOT05FIn0.eyJhIjoxfQ.", "InvalidAlgorithmError", "ERR_JWS_ALGORITHM"],
  ["alg None signed", "eyJhbGciOiJOb25lIn0.eyJhIjoxfQ.No2F6Xe6Par_GzbNa1YPo-NTTOHxaJOGLqKiWUksemc", "InvalidAlgorithmError", "ERR_JWS_ALGORITHM"],
  ["alg missing", "eyJ0eXAiOiJKV1QifQ.e30.RFwpWPTYH4AWr8nQaQ_Cgs6g7faG9uNyOwBVLaumnE0", "InvalidAlgorithmError", "ERR_JWS_ALGORITHM"],
  ["alg RS256", "eyJhbGciOiJSUzI1NiJ9.e30.Z52iPSy1cwjogulzVRaiOKdBTXXyJss6hVlzYLCdlko", "InvalidAlgorithmError", "ERR_JWS_ALGORITHM"],
  ["alg HS512 not allowed", "eyJhbGciOiJIUzUxMiJ9.e30.3EBrlU6sPeSnbpmVfwtOoYGfXjSBLa9h4_KRkWxXv4R2qQKZZiW3tUSpyrXMsanbnjGnj6ZFgssl9HSfPNvs6g", "InvalidAlgorithmError", "ERR_JWS_ALGORITHM"],
  ["__proto__ in header", "eyJhbGciOiJIUzI1NiIsIl9fcHJvdG9fXyI6eyJ4IjoxfX0.e30.yYaX7QkspQ2A26tnW8IakqQDbUhb9XFeFh6W-kkBayI", "DecodeError", "ERR_JSON"],
  ["__proto__ primitive in header", "eyJfX3Byb3RvX18iOjEsImFsZyI6IkhTMjU2In0.e30.7-HeMAncuZ2TaKu5tSGyssjxBAvyuHcWQtSeQB6BQHI", "DecodeError", "ERR_JSON"],
  ["escaped __proto__ in header", "eyJhbGciOiJIUzI1NiIsIlx1MDA1Zl9wcm90b19fIjp7ImFsZyI6Im5vbmUifX0.e30.Ddc4PSvtgNOV880b9zAeIXGQSvLJ7nf1wG7tG23oJUw", "DecodeError", "ERR_JSON"],
  ["__proto__ in payload", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfX3Byb3RvX18iOnsiYWRtaW4iOnRydWV9fQ.lxKrE6Po760y75fIq8EC1axZd_XYw1i38X9vQqt1x5A", "DecodeError", "ERR_JSON"],
  ["header not an object", "WzFd.e30.WMHTg7ob1ydM3llKJcFg8ufBLXc5zz5NPJzYP82Pd04", "DecodeError", "ERR_JWT_MALFORMED"],
  ["kid not a string", "eyJhbGciOiJIUzI1NiIsImtpZCI6NX0.e30.byWqT2flQU-BVX7nyMsEiiQLXtIKGeH2_KHUpMFO2yM", "DecodeError", "ERR_JWT_MALFORMED"],
  ["crit unknown", "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsieCJdLCJ4IjoxfQ.e30.O_dX-eFZuY7NZzemkipRdJozuhPiToPPeeut3Hj0bes", "InvalidTokenError", "ERR_JWS_CRIT"],
  ["crit registered", "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiYWxnIl19.e30.x9dEQ8rU4rDTsW7GG0M48JEkNpMsx6v8--PP7129Tbc", "InvalidTokenError", "ERR_JWS_CRIT"],
  ["b64 false", "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.YWJj.2M99jSHGX5gkcWTR-db_QP-baVqlirzorQzz5nJNr8w", "InvalidTokenError", "ERR_JWS_B64"],
  ["two segments", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30", "DecodeError", "ERR_JWT_MALFORMED"],
  ["four segments", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.Cp3NJ0PuBmOuncFhhaoUeGSkufLdWmS5_gPvAsf10mI.x", "DecodeError", "ERR_JWT_MALFORMED"],
  ["padding", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9=.e30.Cp3NJ0PuBmOuncFhhaoUeGSkufLdWmS5_gPvAsf10mI", "DecodeError", "ERR_BASE64URL"],
  ["standard base64 char", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.+usYMDD3iXveHVxPVzZlit1doEzUM3qvdX75-p06-Ok", "DecodeError", "ERR_BASE64URL"],
  ["bad signature", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.li8poEDwXz6oTQyJ3hcXsUktI-cpZ0_UBruUsIw99SY", "InvalidSignatureError", "ERR_JWS_SIGNATURE"],
  ["truncated signature", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.vusYMDD3iXveHVxPVzZlit1doEzUM3qvdX75-p0", "InvalidSignatureError", "ERR_JWS_SIGNATURE"]
];
var check = function (c) {
  test(c[0], function () {
    throws(function () {
      mj.verify(c[1], K, { algorithms: ['HS256'], currentTime: 1700000000 });
    }, mj[c[2]], c[3]);
  });
};
for (var i = 0; i < CASES.length; i++) check(CASES[i]);

test('too long: refused before anything is decoded', function () {
  var s = 'a';
  while (s.length < 5000) s += s;
  throws(function () {
    mj.verify(s, K, { algorithms: ['HS256'] });
  }, mj.DecodeError, 'ERR_JWT_TOO_LONG');
});

