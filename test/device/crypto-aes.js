// @vectors primitives.aes primitives.aes_kw
// @variants !core
// AES (NIST SP 800-38A) and AES key wrap (RFC 3394) through mj.crypto, on the
// board's backend and the pure one, and the decryption error paths.
var mj = require('microjwt');
var C = mj.crypto;
var native = nativeCrypto();

test('backend() uses native AES when the board has it', function () {
  C.useBackend('auto');
  var b = C.backend();
  if (b.sha256 !== 'node') eq(b.aes, native && native.AES ? 'espruino' : 'pure');
});

var modes = ['auto', 'pure'];
for (var mi = 0; mi < modes.length; mi++) {
  var vs = VECTORS.primitives.aes;
  for (var vi = 0; vi < vs.length; vi++) {
    (function (mode, v) {
      test(mode + ' AES ' + v.mode + ' ' + v.key.length * 4, function () {
        C.useBackend(mode);
        var key = fromHex(v.key);
        var pt = fromHex(v.plaintext);
        if (v.mode === 'CBC') {
          var ct = C.aesCbcEncrypt(key, fromHex(v.iv), pt);
          eq(ct.length, pt.length + 16, 'one block of padding');
          eq(hex(ct.subarray(0, pt.length)), v.ciphertext);
          eq(hex(C.aesCbcDecrypt(key, fromHex(v.iv), ct)), v.plaintext);
        } else {
          for (var p = 0; p < pt.length; p += 16) {
            var c = C.aesEcbEncryptBlock(key, pt.subarray(p, p + 16));
            eq(hex(c), v.ciphertext.substr(p * 2, 32), 'block ' + p / 16);
            eq(hex(C.aesEcbDecryptBlock(key, c)), v.plaintext.substr(p * 2, 32));
          }
        }
      });
    })(modes[mi], vs[vi]);
  }
  var kw = VECTORS.primitives.aes_kw;
  for (var ki = 0; ki < kw.length; ki++) {
    (function (mode, v) {
      test(mode + ' AES key wrap ' + v.kek.length * 4, function () {
        C.useBackend(mode);
        eq(hex(C.aesKeyWrap(fromHex(v.kek), fromHex(v.key_data))), v.wrapped);
        eq(hex(C.aesKeyUnwrap(fromHex(v.kek), fromHex(v.wrapped))), v.key_data);
      });
    })(modes[mi], kw[ki]);
  }
}

test('all three key sizes round-trip, pure against auto', function () {
  var sizes = [16, 24, 32];
  var iv = new Uint8Array(16);
  var pt = E.toUint8Array('attack at dawn, or a bit later');
  for (var i = 0; i < sizes.length; i++) {
    var key = new Uint8Array(sizes[i]);
    for (var j = 0; j < key.length; j++) key[j] = j * 7;
    C.useBackend('auto');
    var a = C.aesCbcEncrypt(key, iv, pt);
    C.useBackend('pure');
    eq(hex(C.aesCbcEncrypt(key, iv, pt)), hex(a), 'key ' + sizes[i]);
    eq(hex(C.aesCbcDecrypt(key, iv, a)), hex(pt));
  }
});

test('decryption failures are one DecryptionError', function () {
  C.useBackend('auto');
  var key = new Uint8Array(16);
  var iv = new Uint8Array(16);
  var ct = C.aesCbcEncrypt(key, iv, E.toUint8Array('hello'));
  var bad = new Uint8Array(ct);
  bad[15] ^= 1; // flips the last plaintext byte: the padding
  var msgs = [];
  var tries = [bad, ct.subarray(0, 15), new Uint8Array(0)];
  for (var i = 0; i < tries.length; i++) {
    try {
      C.aesCbcDecrypt(key, iv, tries[i]);
      msgs.push('no error');
    } catch (e) {
      assert(e instanceof mj.DecryptionError, 'DecryptionError ' + i);
      msgs.push(e.code + ' ' + e.message);
    }
  }
  eq(msgs[1], msgs[0], 'same for length and padding');
  eq(msgs[2], msgs[0], 'same for empty input');
  throws(function () {
    C.aesKeyUnwrap(fromHex('000102030405060708090a0b0c0d0e0f'), fromHex('1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe4'));
  }, mj.DecryptionError);
});

test('bad keys and IVs', function () {
  C.useBackend('auto');
  throws(function () {
    C.aesCbcEncrypt(new Uint8Array(15), new Uint8Array(16), new Uint8Array(1));
  }, mj.InvalidKeyError);
  throws(function () {
    C.aesCbcEncrypt('0123456789abcdef', new Uint8Array(16), new Uint8Array(1));
  }, mj.InvalidKeyError);
  throws(function () {
    C.aesCbcEncrypt(new Uint8Array(16), new Uint8Array(8), new Uint8Array(1));
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
  throws(function () {
    C.aesEcbEncryptBlock(new Uint8Array(16), new Uint8Array(15));
  }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
});
C.useBackend('auto');
