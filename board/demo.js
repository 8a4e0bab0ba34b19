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

// ---- JWT sign / verify goes here (HS256 with a shared secret) ----
// var token = mj.sign({ sub: 'device-1' }, secret, { algorithm: 'HS256', expiresIn: 60 });
// var claims = mj.verify(token, secret, { algorithms: ['HS256'] });

print('memory: ' + process.memory().usage + ' of ' + process.memory().total + ' JsVars in use');
