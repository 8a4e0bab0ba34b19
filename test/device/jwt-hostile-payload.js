// Hostile tokens on the device (payload JSON): each must fail with the given class and code
// (tokens forged on Node: HMAC-SHA256 under K over raw header/payload text).
// Both engines' native JSON.parse would accept many of these differently.
var mj = require('microjwt');
var K = 'device-secret-0123456789abcdefghij';
var CASES = [
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

test('\\u escapes above 0xFF and surrogate pairs decode to the right text', function () {
  var p = mj.verify("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuIjoiSm9zXHUwMGU5IFx1MjYzYSBcdWQ4MzRcdWRkMWUgXHUyMDE5IiwiayI6Ilx1MDBlOSJ9.etP0R1JUjefqA6VNW5tRI3RyomI-MToHD2GkVLssGsk", K, { algorithms: ['HS256'] });
  eq(p.n, 'José ☺ 𝄞 ’');
  eq(p.k, 'é');
});
