// @vectors primitives.hmac_rfc4231
// HMAC (RFC 4231) through mj.crypto on the pure backend (split from
// crypto-hmac.js to fit the 5,100-var board with the full module).
var mj = require('microjwt');
var C = mj.crypto;
var H = ['SHA-256', 'SHA-384', 'SHA-512'];
var modes = ['pure'];
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

C.useBackend('auto');
