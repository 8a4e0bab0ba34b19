// microjwt demo for `npm start` (runs in the emulated Espruino Pico; on a real
// board, upload it after `npx microjwt flash`). Plain ES5, as on the device.
var mj = require('microjwt');
print('microjwt ' + mj.version + ' on ' + process.env.BOARD);

// base64url of UTF-8 text, and back
var text = 'José ☺ 𝄞';
var encoded = mj.base64url.encode(mj.utf8.encode(text));
print('base64url(utf8("' + text + '")) = ' + encoded);
print('decoded back:  ' + mj.utf8.decode(mj.base64url.decode(encoded)));

// Strict decoding: padding and foreign characters are rejected with a typed error.
try {
  mj.base64url.decode('Zm9v=');
} catch (e) {
  print('rejected "Zm9v=": ' + e.code);
}

// JWT: sign and verify with a shared secret (HS256 needs at least 32 bytes).
// The emulator, like the espruino CLI on connect, has set the clock; a board
// that booted without it would get ClockNotSetError instead of a 1970 token.
var secret = 'demo secret: at least 32 bytes long!';
if (getTime() < 1577836800) {
  // What a board without a real-time clock sees after boot (try `--time unset`).
  try {
    mj.sign({ sub: 'sensor-7' }, secret, { expiresIn: 300 });
  } catch (e) {
    print('clock not set: ' + e.name + ' (' + e.code + '); setting it for the demo');
  }
  setTime(1767225600); // 2026-01-01; a device would take it from NTP, GPS or its host
}
var token = mj.sign({ sub: 'sensor-7', temp: 21.5, name: 'Café ☺' }, secret, { expiresIn: 300, audience: 'hub' });
print('token: ' + token);
var claims = mj.verify(token, secret, { algorithms: ['HS256'], audience: 'hub' });
print('verified: sub=' + claims.sub + ' temp=' + claims.temp + ' name=' + claims.name + ' exp-iat=' + (claims.exp - claims.iat));

// Typed errors: a tampered token, a wrong audience, a token that has expired.
var tampered = token.substr(0, token.length - 2) + (token.charAt(token.length - 2) === 'A' ? 'B' : 'A') + token.charAt(token.length - 1);
var attempts = [
  ['tampered signature', function () { mj.verify(tampered, secret, { algorithms: ['HS256'], audience: 'hub' }); }],
  ['wrong audience', function () { mj.verify(token, secret, { algorithms: ['HS256'], audience: 'cloud' }); }],
  ['expired', function () { mj.verify(mj.sign({ sub: 'x' }, secret, { expiresIn: -10 }), secret, { algorithms: ['HS256'] }); }],
];
for (var i = 0; i < attempts.length; i++) {
  try {
    attempts[i][1]();
    print(attempts[i][0] + ': accepted?!');
  } catch (e) {
    print(attempts[i][0] + ': ' + e.name + ' (' + e.code + ')');
  }
}

print('memory: ' + process.memory().usage + ' of ' + process.memory().total + ' JsVars in use');
