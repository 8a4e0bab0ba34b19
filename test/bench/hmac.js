// @module crypto
// HMAC-SHA256 over 300 bytes: the JWS fast path (createHmac on binary
// strings; on the device two native SHA calls) against the pure code, and the
// constant-time compares a verify does.
var mj = require('microjwt');
var C = mj.crypto;
var key = bytes(32);
var d300 = bytes(300);
var s300 = E.toString(bytes(300));
C.useBackend('auto');
var macAuto = mj.createHmac('SHA-256', key);
bench('HMAC-SHA256 300 B, createHmac auto (' + C.backend().hmacSha256 + ')', function () {
  macAuto(s300);
});
bench('HMAC-SHA256 300 B, hmac() auto, Uint8Array in/out', function () {
  C.hmac('SHA-256', key, d300);
});
C.useBackend('pure');
var macPure = mj.createHmac('SHA-256', key);
bench('HMAC-SHA256 300 B, createHmac pure', function () {
  macPure(s300);
});
bench('HMAC-SHA512 300 B, hmac() pure', function () {
  C.hmac('SHA-512', key, d300);
});
C.useBackend('auto');
var a = bytes(32);
var b = bytes(32);
bench('timingSafeEqual 32 B (Uint8Array)', function () {
  C.timingSafeEqual(a, b);
});
var sa = E.toString(bytes(32));
var sb = E.toString(bytes(32));
bench('timingSafeEqualBinary 32 chars', function () {
  mj.timingSafeEqualBinary(sa, sb);
});
bench('randomBytes 32', function () {
  C.randomBytes(32);
});
