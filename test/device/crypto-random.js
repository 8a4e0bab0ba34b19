// @variants !core
// randomBytes on the device: E.hwRand mixed through SHA-256.
var mj = require('microjwt');
var C = mj.crypto;

test('randomBytes gives the asked length, different each time', function () {
  C.useBackend('auto');
  var b = C.backend();
  print('random ' + b.random);
  assert(b.random === 'espruino' || b.random === 'node', 'a real source');
  var lens = [0, 1, 16, 31, 32, 33, 100];
  for (var i = 0; i < lens.length; i++) eq(C.randomBytes(lens[i]).length, lens[i], 'length ' + lens[i]);
  var x = hex(C.randomBytes(32));
  var y = hex(C.randomBytes(32));
  assert(x !== y, 'two draws differ');
  // Crude sanity: 64 random bytes are not mostly one value.
  var r = C.randomBytes(64);
  var zeros = 0;
  for (var j = 0; j < 64; j++) if (r[j] === 0) zeros++;
  assert(zeros < 8, 'not mostly zero');
});

test('randomBytes rejects bad sizes', function () {
  throws(function () {
    C.randomBytes(-1);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () {
    C.randomBytes(1.5);
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
});
