// On-device self-test: known answers for the parts of microjwt a board needs.
// Prints one line per failure and ends with `N passed, N failed`.
// Run with `npx microjwt selftest` (emulator) or `npx microjwt flash` (board).
var mj = require('microjwt');
var passed = 0;
var failed = 0;
var check = function (name, fn) {
  var ok = false;
  var why = '';
  try {
    ok = fn() === true;
  } catch (e) {
    why = ': ' + e;
  }
  if (ok) passed++;
  else {
    failed++;
    print('FAIL ' + name + why);
  }
};
var hexOf = function (u8) {
  var s = '';
  for (var i = 0; i < u8.length; i++) s += (u8[i] < 16 ? '0' : '') + u8[i].toString(16);
  return s;
};

check('version', function () { return typeof mj.version === 'string'; });
check('base64url encode foobar', function () { return mj.base64url.encode(mj.utf8.encode('foobar')) === 'Zm9vYmFy'; });
check('base64url encode fbff', function () { return mj.base64url.encode(new Uint8Array([0xfb, 0xff])) === '-_8'; });
check('base64url decode', function () { return hexOf(mj.base64url.decode('-_8')) === 'fbff'; });
check('base64url rejects padding', function () {
  try {
    mj.base64url.decode('Zg==');
  } catch (e) {
    return e.code === 'ERR_BASE64URL';
  }
  return false;
});
check('utf8 encode', function () { return hexOf(mj.utf8.encode('José ☺ 𝄞')) === '4a6f73c3a920e298ba20f09d849e'; });
check('utf8 decode', function () { return mj.utf8.decode(mj.base64url.decode('Sm9zw6kg4pi6IPCdhJ4')) === 'José ☺ 𝄞'; });
// ---- crypto and JWT checks are added by their modules ----

print(passed + ' passed, ' + failed + ' failed');
