// Prepended by the device runners (emulator and real interpreter) to every
// test/device/*.js script. ES5 only, no hoisting: everything is a var.
// A script calls test(name, fn) and the runner appends __done(), which prints
// the closing line `N passed, N failed` that vitest and CI read.
var __passed = 0;
var __failed = 0;
var __skipped = 0;
var __fail = function (name, why) {
  __failed++;
  print('FAIL ' + name + ': ' + why);
};
var test = function (name, fn) {
  try {
    fn();
    __passed++;
  } catch (e) {
    // A per-board build leaves out code its board never needs (e.g. pure AES
    // where AES is native): a check of that code is skipped there, not
    // failed. The universal module holds everything, so it runs every check.
    if (e && e.code === 'ERR_NOT_IN_BUILD') {
      __skipped++;
      print('SKIP ' + name + ': not in this build');
      return;
    }
    __fail(name, (e && e.message !== undefined ? (e.name ? e.name + ': ' : '') + e.message : String(e)));
  }
};
var assert = function (cond, msg) {
  if (!cond) throw new Error('assertion failed: ' + (msg || ''));
};
var eq = function (actual, expected, msg) {
  if (actual !== expected) throw new Error((msg ? msg + ': ' : '') + 'expected ' + JSON.stringify(expected) + ', got ' + JSON.stringify(actual));
};
// throws(fn, ctor, code): fn must throw an instance of ctor (if given) whose .code is code (if given).
var throws = function (fn, ctor, code, msg) {
  var threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    if (ctor && !(e instanceof ctor)) throw new Error((msg ? msg + ': ' : '') + 'wrong error type: ' + String(e));
    if (code && e.code !== code) throw new Error((msg ? msg + ': ' : '') + 'wrong error code ' + e.code + ' (wanted ' + code + '): ' + String(e));
  }
  if (!threw) throw new Error((msg ? msg + ': ' : '') + 'did not throw');
};
var hex = function (bytes) {
  var h = '0123456789abcdef';
  var s = '';
  for (var i = 0; i < bytes.length; i++) s += h.charAt(bytes[i] >> 4) + h.charAt(bytes[i] & 15);
  return s;
};
var fromHex = function (s) {
  var out = new Uint8Array(s.length / 2);
  for (var i = 0; i < out.length; i++) out[i] = parseInt(s.substr(i * 2, 2), 16);
  return out;
};
// The board's own crypto module, or null where there is none (Raspberry Pi Pico).
var nativeCrypto = function () {
  try {
    return require('crypto');
  } catch (e) {
    return null;
  }
};
var __done = function () {
  print(__passed + ' passed, ' + __failed + ' failed' + (__skipped ? ', ' + __skipped + ' skipped' : ''));
};
