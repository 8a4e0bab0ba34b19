// @module rp2040
// The Raspberry Pi Pico build (dist/variants/rp2040.min.js: every primitive
// pure, as that board has no `crypto` module), with the backend forced to
// pure code so an interpreter that does have `crypto` runs what the board
// runs: HS256 verify of a ~300-char token (budget <= 10 ms on the ESP32-like
// build) and sign.
var mj = require('microjwt');
mj.crypto.useBackend('pure');
var KEY = 'bench-secret-0123456789abcdef-0123456789';
var T0 = 1700000000;
var CLAIMS = { iss: 'urn:example:issuer', sub: 'device-0042', aud: 'urn:example:api', iat: T0, exp: T0 + 3600, jti: 'a1b2c3d4e5f6', scope: 'read write', n: 42 };
var VOPTS = { algorithms: ['HS256'], audience: 'urn:example:api', issuer: 'urn:example:issuer', currentTime: T0 + 10 };
var TOKEN = mj.sign(CLAIMS, KEY, { noTimestamp: true });
print('BENCH|token length (chars)|' + TOKEN.length + '|1');
bench('verify HS256, pure (budget <= 10 ms on the ESP32-like build)', function () { mj.verify(TOKEN, KEY, VOPTS); });
bench('sign HS256, pure', function () { mj.sign(CLAIMS, KEY, { noTimestamp: true }); });
mj.crypto.useBackend('auto');
