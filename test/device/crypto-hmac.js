// @vectors primitives.hmac_rfc4231
// @variants !core
// HMAC (RFC 4231) through mj.crypto on the board's backend and on the pure
// one, and the constant-time comparisons.
var mj = require('microjwt');
var C = mj.crypto;
var H = ['SHA-256', 'SHA-384', 'SHA-512'];
var modes = ['auto', 'pure'];
for (var mi = 0; mi < modes.length; mi++) {
  var vs = VECTORS.primitives.hmac_rfc4231;
  for (var vi = 0; vi < vs.length; vi++) {
    (function (mode, v) {
      test(mode + ' HMAC RFC 4231 case ' + v['case'], function () {
        C.useBackend(mode);
        for (var i = 0; i < H.length; i++) {
          eq(hex(C.hmac(H[i], fromHex(v.key), fromHex(v.data))), v['HMAC-' + H[i]], H[i]);
        }
      });
    })(modes[mi], vs[vi]);
  }
}

test('per-key HMAC state is kept apart, also for a key changed in place', function () {
  C.useBackend('auto');
  var k1 = fromHex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
  var k2 = new Uint8Array(100);
  for (var i = 0; i < 100; i++) k2[i] = i;
  var m1 = mj.crypto.hmac('SHA-256', k1, 'Hi There');
  var m2 = mj.crypto.hmac('SHA-256', k2, 'Hi There');
  eq(hex(m1), VECTORS.primitives.hmac_rfc4231[0]['HMAC-SHA-256'], 'vector');
  assert(hex(m1) !== hex(m2), 'different keys give different MACs');
  // A key changed in place must not be served from the per-key cache.
  var k3 = new Uint8Array(k1);
  var before = hex(C.hmac('SHA-256', k3, 'Hi There'));
  k3[0] ^= 1;
  var after = hex(C.hmac('SHA-256', k3, 'Hi There'));
  eq(before, hex(m1), 'same key');
  assert(before !== after, 'mutated key gives a new MAC');
});

test('timingSafeEqual', function () {
  var a = fromHex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
  var b = new Uint8Array(a);
  assert(C.timingSafeEqual(a, b), 'equal');
  b[31] ^= 1;
  assert(!C.timingSafeEqual(a, b), 'last byte differs');
  b[31] ^= 1;
  b[0] ^= 0x80;
  assert(!C.timingSafeEqual(a, b), 'first byte differs');
  assert(!C.timingSafeEqual(a, a.subarray(0, 31)), 'length differs');
  assert(C.timingSafeEqual(a.subarray(1, 8), b.subarray(1, 8)), 'unaligned views');
  throws(function () {
    C.timingSafeEqual('a', a);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
});
C.useBackend('auto');
