// Hostile tokens on the device (structure, header, alg, signature, payload JSON): each must fail with the given class and code
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
  ["truncated signature", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.vusYMDD3iXveHVxPVzZlit1doEzUM3qvdX75-p0", "InvalidSignatureError", "ERR_JWS_SIGNATURE"],
  ["escaped __proto__ primitive in payload", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJcdTAwNWZcdTAwNWZwcm90b19fIjo3fQ.phkXvY195KrVxWtjTH9W5Dmq1FN5kKtb-8G45ZIDer8", "DecodeError", "ERR_JSON"],
  ["duplicate alg", "eyJhbGciOiJub25lIiwiYWxnIjoiSFMyNTYifQ.e30.BA1swI3A8E9GP41RPBur3JmkzMkM5C6qTp75VRQH5EI", "DecodeError", "ERR_JSON"],
  ["duplicate claim", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhIiwic3ViIjoiYiJ9.ixZ7SonlBBBMaiyfbglhQXslf5nrJwxeQ3hKTJD6T9g", "DecodeError", "ERR_JSON"],
  ["duplicate nested", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjp7ImIiOjEsImIiOjJ9fQ.EykCBOmYz7nQt6xpahdBEmj-o34J2_UccmwYJN666rY", "DecodeError", "ERR_JSON"],
  ["trailing comma", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxLH0.DRA7UsBmp7U1Or4Ljx8vuJXvWlaWfXkSB-Zw6dYdXlU", "DecodeError", "ERR_JSON"],
  ["trailing junk", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfXg.FZdjK8gTMcpvVnQQvrrx-Wx4ZcE4pzwsxm8aP1UgfXk", "DecodeError", "ERR_JSON"],
  ["single quotes", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eydhJzoxfQ.lnmvwbtqtppacdkghVDo02dW5FJQZQYpTaG8c37T404", "DecodeError", "ERR_JSON"],
  ["leading zero", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjAxfQ.JZwQfI-exsg7-k86ZjS1hyeycIt3CRLhiEg6HtcbQPk", "DecodeError", "ERR_JSON"],
  ["integer beyond 2^53", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuIjo5MjIzMzcyMDM2ODU0Nzc1ODA4fQ.ECrvMFtbUUS8UsINriAvY-q36j57L__zUv8xjAj6gpA", "DecodeError", "ERR_JSON"],
  ["1e400 exp", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjFlNDAwfQ.zT_mm4S0LViNpdSQqIBhwbz6VQ0e1Ds9mt4dyYyyUBY", "DecodeError", "ERR_JSON"],
  ["array payload", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.WzFd.i7EC3dXYZFAvLBSv90CEO8bp-13aD43IVZwGCRsXd50", "DecodeError", "ERR_JWT_MALFORMED"],
  ["string payload", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.Ingi.twtceOKzp20FdrQM2dtsf92oXOCYB2mSlxron1jOsc8", "DecodeError", "ERR_JWT_MALFORMED"],
  ["invalid UTF-8", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoiwygifQ.O9SXLDRKw29RiQPLLpYt0rZl-zTobxKZHPISAcZX2-M", "DecodeError", "ERR_UTF8"]
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
  // 4,097 chars: one past the default limit (the board has no RAM to spare for more).
  var s = 'a';
  while (s.length < 4096) s += s;
  s += 'a';
  throws(function () {
    mj.verify(s, K, { algorithms: ['HS256'] });
  }, mj.DecodeError, 'ERR_JWT_TOO_LONG');
});


test('\\u escapes above 0xFF and surrogate pairs decode to the right text', function () {
  var p = mj.verify("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuIjoiSm9zXHUwMGU5IFx1MjYzYSBcdWQ4MzRcdWRkMWUgXHUyMDE5IiwiayI6Ilx1MDBlOSJ9.etP0R1JUjefqA6VNW5tRI3RyomI-MToHD2GkVLssGsk", K, { algorithms: ['HS256'] });
  eq(p.n, 'José ☺ 𝄞 ’');
  eq(p.k, 'é');
});
