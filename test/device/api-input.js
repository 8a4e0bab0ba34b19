// Every public function, given inputs of the wrong type or shape, throws a
// microjwt error with a code (or, where the input is legal, returns): never
// the interpreter's own error. Espruino fails differently from V8 (e.g.
// reading a property of undefined), so this runs on the device too.
var mj = require('microjwt');
var KEY = 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk';
var TOKEN = mj.sign({ sub: 'a' }, KEY, { currentTime: 1700000000 });
var WRONG = [undefined, null, 0, -1, 1.5, NaN, true, '', 'x', {}, [], [1], function () {}, new Uint16Array(2), new ArrayBuffer(4), 'a.b.c', '..'];
var CALLS = [
  ['sign(payload)', function (x) { return mj.sign(x, KEY, { currentTime: 1700000000 }); }],
  ['sign(key)', function (x) { return mj.sign({ a: 1 }, x, { currentTime: 1700000000 }); }],
  ['sign(options)', function (x) { return mj.sign({ a: 1 }, KEY, x); }],
  ['verify(token)', function (x) { return mj.verify(x, KEY, { algorithms: ['HS256'] }); }],
  ['verify(key)', function (x) { return mj.verify(TOKEN, x, { algorithms: ['HS256'], currentTime: 1700000000 }); }],
  ['verify(options)', function (x) { return mj.verify(TOKEN, KEY, x); }],
  ['decode', function (x) { return mj.decode(x); }],
  ['jws.sign', function (x) { return mj.jws.sign(x, KEY); }],
  ['importJWK', function (x) { return mj.importJWK(x); }],
  ['thumbprint', function (x) { return mj.thumbprint(x); }],
  ['KeySet', function (x) { return new mj.KeySet(x); }],
  ['base64url.encode', function (x) { return mj.base64url.encode(x); }],
  ['base64url.decode', function (x) { return mj.base64url.decode(x); }],
  ['utf8.decode', function (x) { return mj.utf8.decode(x); }],
  ['crypto.sha256', function (x) { return mj.crypto.sha256(x); }],
  ['crypto.hmac(hash)', function (x) { return mj.crypto.hmac(x, KEY, 'data'); }],
  ['crypto.pbkdf2(iterations)', function (x) { return mj.crypto.pbkdf2('SHA-256', 'p', 's', x, 32); }],
  ['crypto.aesCbcEncrypt(key)', function (x) { return mj.crypto.aesCbcEncrypt(x, new Uint8Array(16), new Uint8Array(3)); }],
  ['crypto.aesCbcDecrypt(data)', function (x) { return mj.crypto.aesCbcDecrypt(new Uint8Array(32), new Uint8Array(16), x); }],
  ['crypto.randomBytes', function (x) { return mj.crypto.randomBytes(x); }],
];
// The core build has no jws, KeySet or crypto: their calls are left out
// there (test/lean/ checks which functions each build exports).
var CORE_LEAVES_OUT = ['jws.', 'KeySet', 'crypto.'];
var absent = function (name) {
  for (var i = 0; i < CORE_LEAVES_OUT.length; i++) {
    var part = CORE_LEAVES_OUT[i];
    if (name.substr(0, part.length) === part) return mj[part.replace('.', '')] === undefined;
  }
  return false;
};
var checkCall = function (c) {
  if (absent(c[0])) return;
  test(c[0] + ' throws only typed errors', function () {
    for (var i = 0; i < WRONG.length; i++) {
      try {
        c[1](WRONG[i]);
      } catch (e) {
        if (!(e instanceof mj.JWTError) || typeof e.code !== 'string') throw new Error('input #' + i + ' gave ' + String(e));
      }
    }
  });
};
for (var k = 0; k < CALLS.length; k++) checkCall(CALLS[k]);

test('verify rejects every wrong key', function () {
  for (var i = 0; i < WRONG.length; i++) {
    throws(function () { mj.verify(TOKEN, WRONG[i], { algorithms: ['HS256'], currentTime: 1700000000 }); }, mj.JWTError);
  }
});
