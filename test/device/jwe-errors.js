// @variants !core
// JWE refusals on the device: options, key sizes, strict parsing, header
// policy, the PBES2 count cap, and tampering (every failure after parsing is
// the one DecryptionError).
var mj = require('microjwt');
var K32 = new Uint8Array(32);
for (var i = 0; i < 32; i++) K32[i] = i * 7;
var K16 = K32.subarray(0, 16);
var DO = { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A128CBC-HS256'] };
var b64u = function (s) {
  return btoa(s).split('=')[0].split('+').join('-').split('/').join('_');
};
var withHeader = function (t, json) {
  return b64u(json) + t.substr(t.indexOf('.'));
};

test('options: alg/enc and both algorithm lists required; unknown names NotSupported', function () {
  throws(function () { mj.encrypt('x', K32); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.encrypt('x', K32, { alg: 'dir' }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.encrypt('x', K32, { alg: 'dir', enc: 'A128GCM', p2c: 5 }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.encrypt('x', K32, { alg: 'RSA-OAEP', enc: 'A128GCM' }); }, mj.NotSupportedError);
  throws(function () { mj.decrypt('a.b.c.d.e', K32, { keyManagementAlgorithms: ['dir'] }); }, mj.JWTError, 'ERR_OPTIONS_INVALID');
  throws(function () { mj.decrypt('a.b.c.d.e', K32, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A128CTR'] }); }, mj.NotSupportedError);
});

test('key sizes are exact: InvalidKeyError ERR_KEY_SIZE', function () {
  throws(function () { mj.encrypt('x', K16, { alg: 'dir', enc: 'A128CBC-HS256' }); }, mj.InvalidKeyError, 'ERR_KEY_SIZE');
  throws(function () { mj.encrypt('x', K32, { alg: 'A128KW', enc: 'A128GCM' }); }, mj.InvalidKeyError, 'ERR_KEY_SIZE');
  throws(function () { mj.encrypt('x', '', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' }); }, mj.InvalidKeyError, 'ERR_KEY_SIZE');
  throws(function () { mj.encrypt('x', 42, { alg: 'A128KW', enc: 'A128GCM' }); }, mj.InvalidKeyError, 'ERR_KEY_TYPE');
});

test('strict parsing: five segments, strict base64url, strict JSON header, zip refused', function () {
  var t = mj.encrypt('hello', K32, { alg: 'dir', enc: 'A128CBC-HS256' });
  var s = t.split('.');
  throws(function () { mj.decrypt(s.slice(0, 4).join('.'), K32, DO); }, mj.DecodeError);
  throws(function () { mj.decrypt(t + '.', K32, DO); }, mj.DecodeError);
  throws(function () { mj.decrypt(t.replace('.', '.=') , K32, DO); }, mj.DecodeError);
  throws(function () { mj.decrypt(withHeader(t, '{"alg":"dir","enc":"A128CBC-HS256","alg":"dir"}'), K32, DO); }, mj.DecodeError);
  throws(function () { mj.decrypt(withHeader(t, '{"alg":"dir","enc":"A128CBC-HS256","__proto__":{"a":1}}'), K32, DO); }, mj.DecodeError);
  throws(function () { mj.decrypt(withHeader(t, '{"alg":"dir","enc":"A128CBC-HS256","zip":"DEF"}'), K32, DO); }, mj.NotSupportedError);
  throws(function () { mj.decrypt(withHeader(t, '{"alg":"A128KW","enc":"A128CBC-HS256"}'), K32, DO); }, mj.InvalidAlgorithmError);
  throws(function () { mj.decrypt(withHeader(t, '{"alg":"dir","enc":"A128CBC-HS256","crit":["x"],"x":1}'), K32, DO); }, mj.InvalidTokenError, 'ERR_JWS_CRIT');
  throws(function () { mj.decrypt(s[0] + '.' + s[1] + '.' + s[2].substr(4) + '.' + s[3] + '.' + s[4], K32, DO); }, mj.DecodeError);
});

test('PBES2: p2c above maxPBES2Count refused before any key derivation, p2s of at least 8 bytes', function () {
  var t = mj.encrypt('x', 'pw', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 5 });
  var o = { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], contentEncryptionAlgorithms: ['A128GCM'] };
  var h = JSON.parse(atob(t.split('.')[0].split('-').join('+').split('_').join('/') + '=='.substr(0, (4 - (t.indexOf('.') % 4)) % 4)));
  throws(function () { mj.decrypt(withHeader(t, '{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"' + h.p2s + '","p2c":10001}'), 'pw', o); }, mj.InvalidTokenError, 'ERR_JWE_PBES2_COUNT');
  throws(function () { mj.decrypt(withHeader(t, '{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAA","p2c":5}'), 'pw', o); }, mj.DecodeError);
  throws(function () { mj.decrypt(t, 'pw', { keyManagementAlgorithms: ['PBES2-HS256+A128KW'], contentEncryptionAlgorithms: ['A128GCM'], maxPBES2Count: 4 }); }, mj.InvalidTokenError, 'ERR_JWE_PBES2_COUNT');
  eq(E.toString(mj.decrypt(t, 'pw', o).plaintext), 'x');
});

test('tampering: a changed character in the key, IV, ciphertext or tag, or a wrong key: DecryptionError or DecodeError', function () {
  var forms = [['dir', 'A128CBC-HS256', K32], ['A128KW', 'A128GCM', K16]];
  for (var f = 0; f < forms.length; f++) {
    var o = { keyManagementAlgorithms: [forms[f][0]], contentEncryptionAlgorithms: [forms[f][1]] };
    var t = mj.encrypt('sixteen bytes!!!', forms[f][2], { alg: forms[f][0], enc: forms[f][1] });
    var s = t.split('.');
    for (var seg = 1; seg < 5; seg++) {
      for (var at = 0; at < s[seg].length; at += 5) {
        var x = s.slice();
        var c = x[seg].charAt(at);
        x[seg] = x[seg].substr(0, at) + (c === 'A' ? 'B' : 'A') + x[seg].substr(at + 1);
        var threw = false;
        try {
          mj.decrypt(x.join('.'), forms[f][2], o);
        } catch (e) {
          threw = true;
          assert(e instanceof mj.DecryptionError || e instanceof mj.DecodeError, 'segment ' + seg + ' at ' + at + ': ' + e);
          if (e instanceof mj.DecryptionError) eq(e.message, 'decryption failed');
        }
        assert(threw, 'segment ' + seg + ' at ' + at + ' accepted');
      }
    }
    var wrong = new Uint8Array(forms[f][2].length);
    throws(function () { mj.decrypt(t, wrong, o); }, mj.DecryptionError);
  }
});
