// Test-only device module for test/device/crypto-gcm.js (`// @module` there):
// AES-GCM is not in the public API (it belongs to the lazily loaded JWE
// part), so that script loads this instead of dist/microjwt.min.js, built by
// the same pipeline. It holds the GCM functions, the backend switch, the
// error classes, and a count of the ECB calls the board's native AES answered
// (the Espruino backend's AES, wrapped here), so the script can show that the
// native cipher did the block work where the board has one.
import { aesGcmDecrypt, aesGcmEncrypt } from '../../src/crypto/gcm';
import { backend, useBackend } from '../../src/crypto/index';
import { espruinoBackend } from '../../src/crypto/espruino';
import { DecryptionError, InvalidKeyError, JWTError } from '../../src/errors';

let nativeEcb = 0;
const esp = espruinoBackend();
if (esp) {
  const aes = esp.aes;
  esp.aes = function (decrypt, key, iv, data) {
    const r = aes(decrypt, key, iv, data);
    // A result means the native call succeeded (failures are null).
    if (r && !iv && !decrypt) nativeEcb++;
    return r;
  };
}

export default {
  aesGcmEncrypt: aesGcmEncrypt,
  aesGcmDecrypt: aesGcmDecrypt,
  backend: backend,
  useBackend: useBackend,
  DecryptionError: DecryptionError,
  InvalidKeyError: InvalidKeyError,
  JWTError: JWTError,
  nativeEcbCalls: function (): number {
    return nativeEcb;
  },
};
