// @vectors primitives.sha
// @variants !core
// SHA-2 known answers through mj.crypto, on the board's backend and on the
// pure one, and backend() against what this board's crypto module offers.
var mj = require('microjwt');
var C = mj.crypto;
var native = nativeCrypto();
var has = function (name) {
  return !!native && typeof native[name] === 'function';
};
var onNode = typeof process !== 'undefined' && !!process.versions && !!process.versions.node;
var want = function (name) {
  return onNode ? 'node' : has(name) ? 'espruino' : 'pure';
};
var F = { 'SHA-256': C.sha256, 'SHA-384': C.sha384, 'SHA-512': C.sha512 };

test('backend() uses the native hashes this board has', function () {
  C.useBackend('auto');
  var b = C.backend();
  print('backend ' + JSON.stringify(b));
  eq(b.sha256, want('SHA256'), 'sha256');
  eq(b.sha384, want('SHA384'), 'sha384');
  eq(b.sha512, want('SHA512'), 'sha512');
  eq(b.hmacSha256, b.sha256, 'hmacSha256');
});

var modes = ['auto', 'pure'];
for (var mi = 0; mi < modes.length; mi++) {
  var vs = VECTORS.primitives.sha;
  for (var vi = 0; vi < vs.length; vi++) {
    (function (mode, v) {
      test(mode + ' ' + v.alg + ' ' + v.msg_utf8.length + ' bytes', function () {
        C.useBackend(mode);
        eq(hex(F[v.alg](v.msg_utf8)), v.digest, 'string input');
        eq(hex(F[v.alg](E.toUint8Array(v.msg_utf8))), v.digest, 'Uint8Array input');
      });
    })(modes[mi], vs[vi]);
  }
}

test('pure and auto agree around block boundaries', function () {
  var lens = [55, 56, 63, 64, 111, 112, 127, 128];
  for (var i = 0; i < lens.length; i++) {
    var d = new Uint8Array(lens[i]);
    for (var j = 0; j < d.length; j++) d[j] = (j * 31 + lens[i]) & 255;
    C.useBackend('auto');
    var a256 = hex(C.sha256(d));
    var a512 = hex(C.sha512(d));
    C.useBackend('pure');
    eq(hex(C.sha256(d)), a256, 'SHA-256 ' + lens[i]);
    eq(hex(C.sha512(d)), a512, 'SHA-512 ' + lens[i]);
  }
});

test('bad input is a JWTError', function () {
  C.useBackend('auto');
  throws(function () {
    C.sha256(42);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
});
C.useBackend('auto');
