// Offline token check: no network, no clock.
//
// A token arrives over the serial console (USB): type at the REPL
//   check('eyJ...')              exp/nbf checked against the board's clock
//   check('eyJ...', 1767225600)  ... or against the time you give (seconds)
// It is verified with the board's own key (Storage "mj-key", made by
// provision.js; the server that issues the token holds the same key).
//
// A board without a real-time clock boots in 1970. microjwt will not compare
// a token's exp with a clock that was never set: it raises ClockNotSetError
// instead of quietly accepting an expired token. Give the time explicitly
// (from the host, GPS, a signed message...) or set it with setTime(seconds).
var mj = require('microjwt');

var jwk = require('Storage').readJSON('mj-key', true);
var KEY = jwk ? mj.importJWK(jwk) : null;
print(KEY ? 'Key ' + mj.thumbprint(jwk) + ' loaded from Storage.' : 'No key in Storage: run provision.js first.');
print(getTime() < 1577836800 ? 'Clock not set (' + new Date().toISOString().substr(0, 10) + '): pass the time as check(token, seconds).' : 'Clock set: ' + new Date().toISOString());

var check = function (token, now) {
  var opts = { algorithms: ['HS256'] };
  if (now !== undefined) opts.currentTime = now;
  try {
    var claims = mj.verify(token, KEY, opts);
    print('VALID: ' + JSON.stringify(claims));
    return true;
  } catch (e) {
    if (e instanceof mj.ClockNotSetError) {
      print('NOT CHECKED: the board\'s clock is not set, so exp cannot be checked.');
      print('  Give the time: check(token, seconds), or setTime(seconds) first.');
    } else {
      // e.code is stable (ERR_JWT_EXPIRED, ERR_JWS_SIGNATURE...), the message says why.
      print('INVALID: ' + e.name + ' (' + e.code + '): ' + e.message);
    }
    return false;
  }
};
print('Ready: check(token[, seconds])');
