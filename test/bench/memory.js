// @load storage
// @builds core,pico,esp32,rp2040,puck,full
// RAM the library takes on the device, in JsVars (process.memory().usage,
// which collects garbage first), with the module in Storage (as a board
// loads it: function code stays in flash): right after
// `require('microjwt')`, after a first HS256 sign + verify (backend
// selection, the key's HMAC pads, codec state, the lazily loaded error part
// if it ran), and the transient peak of one sign and one verify beyond what
// the call keeps (issue #10's measure): the peak minus the usage after the
// call, which holds the result (the claims object, the token). The peak is
// sampled around every native call the library makes (atob/btoa, JSON,
// E.toString/toUint8Array/toArrayBuffer, the crypto hashes): it misses the
// interpreted peaks between two native calls, and includes the sampling
// wrapper's own frame (~10 JsVars on this build). On the 5,100-var Pico-like build this is
// what an app on an Espruino Pico has to fit next to; a Puck.js has 2,630
// vars in all.
if (nativeCrypto) {
  wrap(nativeCrypto, 'SHA256');
  wrap(nativeCrypto, 'SHA512');
}
wrap(E, 'toString');
wrap(E, 'toUint8Array');
wrap(E, 'toArrayBuffer');
wrap(JSON, 'parse');
wrap(JSON, 'stringify');
// Before the module loads: it keeps its own references to atob and btoa.
var G = typeof global !== 'undefined' ? global : this;
wrap(G, 'atob');
wrap(G, 'btoa');
var u0 = process.memory().usage;
var mj = require('microjwt');
var u1 = process.memory().usage;
print('BENCH|JsVars after require (Storage)|' + (u1 - u0) + '|1');
var KEY = 'bench-secret-0123456789abcdef-0123456789';
var T0 = 1700000000;
var CLAIMS = { iss: 'urn:example:issuer', sub: 'device-0042', aud: 'urn:example:api', iat: T0, exp: T0 + 3600, jti: 'a1b2c3d4e5f6', scope: 'read write', n: 42 };
var VOPTS = { algorithms: ['HS256'], audience: 'urn:example:api', issuer: 'urn:example:issuer', currentTime: T0 + 10 };
var token = mj.sign(CLAIMS, KEY);
var claims = mj.verify(token, KEY, VOPTS);
if (!claims || claims.sub !== 'device-0042') throw new Error('HS256 round trip failed');
claims = undefined;
var u2 = process.memory().usage;
print('BENCH|JsVars after first HS256 sign + verify|' + (u2 - u0) + '|1');
PEAK[0] = 0;
claims = mj.verify(token, KEY, VOPTS);
print('BENCH|transient: peak JsVars of one HS256 verify beyond what it keeps (sampled)|' + (PEAK[0] - process.memory().usage) + '|1');
claims = undefined;
PEAK[0] = 0;
var t2 = mj.sign(CLAIMS, KEY);
print('BENCH|transient: peak JsVars of one HS256 sign beyond what it keeps (sampled)|' + (PEAK[0] - process.memory().usage) + '|1');
t2 = undefined;
