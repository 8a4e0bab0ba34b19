// base64url and UTF-8 on the device: known answers (RFC 4648 §10, UTF-8 of
// 'José ☺ 𝄞' computed from the spec), round trips, and the typed errors.
// The literal below is UTF-8 in this file: on a board it is those bytes.
var mj = require('microjwt');
var b64 = mj.base64url;
var utf8 = mj.utf8;
var TEXT = 'José ☺ 𝄞';
var TEXT_HEX = '4a6f73c3a920e298ba20f09d849e';

test('version', function () {
  assert(typeof mj.version === 'string' && /^[0-9]+\.[0-9]+\.[0-9]+/.test(mj.version), 'version ' + mj.version);
});

test('base64url RFC 4648 known answers', function () {
  var plain = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'];
  var coded = ['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy'];
  for (var i = 0; i < plain.length; i++) {
    eq(b64.encode(utf8.encode(plain[i])), coded[i], 'encode ' + plain[i]);
    eq(hex(b64.decode(coded[i])), hex(utf8.encode(plain[i])), 'decode ' + coded[i]);
  }
  eq(b64.encode(fromHex('fbff')), '-_8');
  eq(hex(b64.decode('-_8')), 'fbff');
});

test('base64url round trip of all byte values', function () {
  var all = new Uint8Array(256);
  for (var i = 0; i < 256; i++) all[i] = i;
  for (var n = 250; n <= 256; n++) {
    var part = all.subarray(256 - n);
    eq(hex(b64.decode(b64.encode(part))), hex(part), 'length ' + n);
  }
});

test('base64url rejects non-canonical input', function () {
  var bad = ['Zm9v=', 'Zg==', 'Zm9v+', 'Zm9v/', ' Zm9v', 'Zm9v\n', 'Z', 'Zm9vY', 'Zh', 'Zm9', 'Zm-.'];
  for (var i = 0; i < bad.length; i++) {
    throws(function () { b64.decode(bad[i]); }, mj.DecodeError, 'ERR_BASE64URL', JSON.stringify(bad[i]));
  }
  throws(function () { b64.decode(123); }, mj.DecodeError, 'ERR_BASE64URL', 'number');
});

test('utf8 encode known answer', function () {
  eq(hex(utf8.encode(TEXT)), TEXT_HEX);
  eq(hex(utf8.encode('')), '');
  eq(hex(utf8.encode('A~')), '417e');
});

test('utf8 decode known answer and round trip', function () {
  eq(utf8.decode(fromHex(TEXT_HEX)), TEXT);
  eq(hex(utf8.encode(utf8.decode(fromHex(TEXT_HEX)))), TEXT_HEX);
  eq(b64.encode(utf8.encode(TEXT)), 'Sm9zw6kg4pi6IPCdhJ4');
  eq(utf8.decode(b64.decode('Sm9zw6kg4pi6IPCdhJ4')), TEXT);
});

test('utf8 decode rejects invalid UTF-8', function () {
  // truncated, lone continuation, overlong, surrogate, above U+10FFFF
  var bad = ['c3', '80', 'c080', 'eda080', 'f4908080', 'e298'];
  for (var i = 0; i < bad.length; i++) {
    throws(function () { utf8.decode(fromHex(bad[i])); }, mj.DecodeError, 'ERR_UTF8', bad[i]);
  }
});

test('utf8.decode result does not change when its bytes are reused (E.toString aliasing on the device)', function () {
  var bytes = new Uint8Array([0x41, 0x42, 0x43]);
  var text = utf8.decode(bytes);
  bytes[0] = 0x5a;
  eq(text, 'ABC');
});
