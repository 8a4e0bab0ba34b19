// @module pure
// The pure SHA-2 and HMAC code alone, loaded into RAM on every interpreter:
// the speed that decides whether a board without native SHA (Raspberry Pi
// Pico) is usable for HS256.
var P = require('microjwt');
var d300 = bytes(300);
var d1k = bytes(1024);
bench('pure SHA-256 300 B (RAM; budget <= 10 ms on the Linux build)', function () {
  P.sha256(d300);
});
bench('pure SHA-256 1 KB (RAM)', function () {
  P.sha256(d1k);
});
var k = P.hmac256Key(bytes(32));
bench('pure HMAC-SHA256 300 B, key state precomputed (RAM)', function () {
  P.hmac256(k, d300);
});
bench('pure SHA-512 300 B (RAM)', function () {
  P.sha512(d300);
});
