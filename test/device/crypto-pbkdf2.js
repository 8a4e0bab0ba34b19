// @vectors primitives.pbkdf2
// @variants !core
// PBKDF2 known answers through mj.crypto. The 80,000-iteration vector runs
// only where PBKDF2 is native (the pure one would take minutes on a board).
var mj = require('microjwt');
var C = mj.crypto;
var key = { 'SHA-256': 'pbkdf2Sha256', 'SHA-384': 'pbkdf2Sha384', 'SHA-512': 'pbkdf2Sha512' };
var native = nativeCrypto();

test('backend() uses native PBKDF2 when the board has it', function () {
  C.useBackend('auto');
  var b = C.backend();
  var hasNative = !!native && typeof native.PBKDF2 === 'function' && typeof native.SHA256 === 'function';
  if (b.sha256 !== 'node') eq(b.pbkdf2Sha256, hasNative ? 'espruino' : 'pure', 'pbkdf2Sha256');
  if (b.sha512 === 'pure') eq(b.pbkdf2Sha512, 'pure', 'no SHA-512 means no native PBKDF2-SHA-512');
});

var modes = ['auto', 'pure'];
for (var mi = 0; mi < modes.length; mi++) {
  var vs = VECTORS.primitives.pbkdf2;
  for (var vi = 0; vi < vs.length; vi++) {
    (function (mode, v) {
      test(mode + ' PBKDF2 ' + v.hash + ' ' + v.iterations + ' iterations', function () {
        C.useBackend(mode);
        var b = C.backend()[key[v.hash]];
        if (v.iterations > (b === 'pure' ? 1 : 100000)) {
          print('skip ' + mode + ' ' + v.hash + ' ' + v.iterations + ' (' + b + ')');
          return;
        }
        eq(hex(C.pbkdf2(v.hash, v.password_utf8, v.salt_utf8, v.iterations, v.dkLen)), v.dk);
      });
    })(modes[mi], vs[vi]);
  }
}

test('lengths that are not multiples of 4, pure against auto', function () {
  var lens = [1, 5, 31, 33, 65];
  for (var i = 0; i < lens.length; i++) {
    C.useBackend('auto');
    var a = hex(C.pbkdf2('SHA-256', 'pw', 'salt', 2, lens[i]));
    C.useBackend('pure');
    eq(hex(C.pbkdf2('SHA-256', 'pw', 'salt', 2, lens[i])), a, 'length ' + lens[i]);
    eq(a.length, lens[i] * 2, 'exact length');
  }
});

test('bad iterations and lengths are JWTErrors', function () {
  C.useBackend('auto');
  throws(function () {
    C.pbkdf2('SHA-256', 'pw', 'salt', 0, 32);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () {
    C.pbkdf2('SHA-256', 'pw', 'salt', 1.5, 32);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () {
    C.pbkdf2('SHA-256', 'pw', 'salt', 1, 0);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () {
    C.pbkdf2('MD5', 'pw', 'salt', 1, 16);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
});
C.useBackend('auto');
