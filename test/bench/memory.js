// @load storage
// RAM the library takes on the device, in JsVars (process.memory().usage,
// which collects garbage first): right after `require('microjwt')` with the
// module in Storage (as a board loads it: function code stays in flash), and
// after a first HS256 sign + verify (backend selection, the key's HMAC pads,
// codec state), with the token itself released. On the 5,100-var board build
// this is what an app on an Espruino Pico has to fit next to; a Puck.js has
// 2,630 vars in all.
var u0 = process.memory().usage;
var mj = require('microjwt');
var u1 = process.memory().usage;
print('BENCH|JsVars after require (Storage)|' + (u1 - u0) + '|1');
var KEY = 'bench-secret-0123456789abcdef-0123456789';
var T0 = 1700000000;
var token = mj.sign({ sub: 'device-0042', iat: T0, exp: T0 + 3600 }, KEY);
var claims = mj.verify(token, KEY, { algorithms: ['HS256'], currentTime: T0 + 10 });
if (!claims || claims.sub !== 'device-0042') throw new Error('HS256 round trip failed');
token = undefined;
claims = undefined;
var u2 = process.memory().usage;
print('BENCH|JsVars after first HS256 sign + verify|' + (u2 - u0) + '|1');
