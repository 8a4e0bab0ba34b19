// Provisioning: give this board its own random secret, once.
//
// Run it once per board (after `npx microjwt flash`). The secret is an `oct`
// JWK in the Storage file "mj-key", which esp32-http-auth.js and
// pico-offline.js use. Running it again keeps the key; to make a new one,
// erase it first: require('Storage').erase('mj-key').
//
// The secret never appears in this script's output (logs get copied around):
// it prints the key's thumbprint, which names the key without revealing it.
var mj = require('microjwt');
var S = require('Storage');

var jwk = S.readJSON('mj-key', true);
if (jwk) {
  print('This board already has its secret (kept).');
} else {
  // A 32-byte secret (HS256) from the board's hardware RNG (E.hwRand, mixed and hashed).
  jwk = mj.exportJWK(mj.generateSecret('HS256'));
  jwk.alg = 'HS256';
  jwk.kid = mj.thumbprint(jwk);
  // JSON.stringify, not S.writeJSON: that writes JS notation ({kty:"oct",...}),
  // which a server's JSON parser refuses when the key is read out.
  S.write('mj-key', JSON.stringify(jwk));
  print('Made a new 256-bit secret and kept it in Storage as "mj-key".');
}

print('Key id (RFC 7638 JWK thumbprint): ' + mj.thumbprint(jwk));
print('');
print('The server that issues or checks tokens for this board needs the same key.');
print('Copy it ONCE, over USB (not over the network), by typing at the REPL:');
print('  print(require("Storage").read("mj-key"))');
print('and keep that JSON (an HS256 JWK) in your server\'s secret store, e.g.');
print('  const key = await jose.importJWK(jwk, "HS256");');
print('The thumbprint above lets you check both sides hold the same key');
print('(jose.calculateJwkThumbprint(jwk) on the server).');
