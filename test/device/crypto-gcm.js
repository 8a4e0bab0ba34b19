// @vectors primitives.aes_gcm
// @module test/device/_gcm-module.ts
// AES-GCM (NIST SP 800-38D) on the device path: the specification's test
// cases through the board's backend (native AES in ECB mode under GCM where
// the board has AES, else pure) and the pure one, tampering, bad arguments.
// `require('microjwt')` is the test-only module named above (GCM is not in
// the public API).
var G = require('microjwt');
var native = nativeCrypto();
var hasAes = !!(native && native.AES);
var modes = ['auto', 'pure'];

test('auto uses the board AES where there is one', function () {
  G.useBackend('auto');
  var b = G.backend().aes;
  if (b !== 'node') eq(b, hasAes ? 'espruino' : 'pure');
});

for (var mi = 0; mi < modes.length; mi++) {
  var vs = VECTORS.primitives.aes_gcm;
  for (var vi = 0; vi < vs.length; vi++) {
    (function (mode, v) {
      test(mode + ' ' + v.name, function () {
        G.useBackend(mode);
        var before = G.nativeEcbCalls();
        var key = fromHex(v.key);
        var iv = fromHex(v.iv);
        var aad = fromHex(v.aad);
        var r = G.aesGcmEncrypt(key, iv, fromHex(v.plaintext), aad);
        eq(hex(r.ciphertext), v.ciphertext, 'ciphertext');
        eq(hex(r.tag), v.tag, 'tag');
        eq(hex(G.aesGcmDecrypt(key, iv, fromHex(v.ciphertext), fromHex(v.tag), aad)), v.plaintext, 'plaintext');
        // The block work went to the native AES exactly when it should.
        var used = G.nativeEcbCalls() - before;
        if (mode === 'auto' && hasAes) assert(used >= 2, 'native ECB answered ' + used + ' calls');
        else eq(used, 0, 'native ECB calls');
      });
    })(modes[mi], vs[vi]);
  }
}

test('a 64-bit IV (the specification test case 5: J0 from GHASH)', function () {
  var key = fromHex('feffe9928665731c6d6a8f9467308308');
  var iv = fromHex('cafebabefacedbad');
  var pt = 'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39';
  var aad = fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  for (var i = 0; i < modes.length; i++) {
    G.useBackend(modes[i]);
    var r = G.aesGcmEncrypt(key, iv, fromHex(pt), aad);
    eq(hex(r.ciphertext), '61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598', modes[i]);
    eq(hex(r.tag), '3612d2e79e3b0785561be14aaca2fccb', modes[i]);
    eq(hex(G.aesGcmDecrypt(key, iv, r.ciphertext, r.tag, aad)), pt, modes[i]);
  }
});

test('300 bytes, 256-bit key: native and pure agree, and round-trip', function () {
  var key = new Uint8Array(32);
  var iv = new Uint8Array(12);
  var pt = new Uint8Array(300);
  var aad = E.toUint8Array('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0');
  for (var i = 0; i < 32; i++) key[i] = i * 7 + 1;
  for (i = 0; i < 12; i++) iv[i] = 200 - i;
  for (i = 0; i < 300; i++) pt[i] = (i * 31 + 5) & 255;
  G.useBackend('auto');
  var a = G.aesGcmEncrypt(key, iv, pt, aad);
  G.useBackend('pure');
  var b = G.aesGcmEncrypt(key, iv, pt, aad);
  eq(hex(b.ciphertext), hex(a.ciphertext), 'ciphertext');
  eq(hex(b.tag), hex(a.tag), 'tag');
  eq(hex(G.aesGcmDecrypt(key, iv, a.ciphertext, a.tag, aad)), hex(pt), 'pure decrypts');
  G.useBackend('auto');
  eq(hex(G.aesGcmDecrypt(key, iv, b.ciphertext, b.tag, aad)), hex(pt), 'auto decrypts');
});

test('tampering is one DecryptionError, on every backend', function () {
  var v = VECTORS.primitives.aes_gcm[3];
  var key = fromHex(v.key);
  var iv = fromHex(v.iv);
  var aad = fromHex(v.aad);
  for (var i = 0; i < modes.length; i++) {
    G.useBackend(modes[i]);
    var tries = [
      [fromHex(v.ciphertext), fromHex(v.tag.substr(0, 30) + '00'), aad],
      [fromHex('52' + v.ciphertext.substr(2)), fromHex(v.tag), aad],
      [fromHex(v.ciphertext), fromHex(v.tag), fromHex('ff' + v.aad.substr(2))],
      [fromHex(v.ciphertext), fromHex(v.tag), new Uint8Array(0)],
      [fromHex(v.ciphertext), fromHex(v.tag.substr(0, 24)), aad],
    ];
    var msgs = [];
    for (var j = 0; j < tries.length; j++) {
      try {
        G.aesGcmDecrypt(key, iv, tries[j][0], tries[j][1], tries[j][2]);
        msgs.push('no error');
      } catch (e) {
        assert(e instanceof G.DecryptionError, modes[i] + ' case ' + j + ': ' + e);
        msgs.push(e.code + ' ' + e.message);
      }
    }
    for (j = 1; j < msgs.length; j++) eq(msgs[j], msgs[0], modes[i] + ' case ' + j);
    eq(msgs[0], 'ERR_JWE_DECRYPTION decryption failed');
    // The untampered message still decrypts.
    eq(hex(G.aesGcmDecrypt(key, iv, fromHex(v.ciphertext), fromHex(v.tag), aad)), v.plaintext);
  }
});

test('bad keys and arguments are typed errors', function () {
  G.useBackend('auto');
  var z = new Uint8Array(0);
  var iv = new Uint8Array(12);
  throws(function () {
    G.aesGcmEncrypt(new Uint8Array(20), iv, z, z);
  }, G.InvalidKeyError);
  throws(function () {
    G.aesGcmDecrypt('0123456789abcdef', iv, z, new Uint8Array(16), z);
  }, G.InvalidKeyError);
  throws(function () {
    G.aesGcmEncrypt(new Uint8Array(16), z, z, z);
  }, G.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () {
    G.aesGcmEncrypt(new Uint8Array(16), iv, 'text', z);
  }, G.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () {
    G.aesGcmDecrypt(new Uint8Array(16), iv, z, [1, 2], z);
  }, G.JWTError, 'ERR_INVALID_ARGUMENT');
});
G.useBackend('auto');
