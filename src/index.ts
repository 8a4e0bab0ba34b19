/**
 * The public API of the full build: the core (src/core.ts) and what is built
 * on it. Each addition is a lazy part (see src/host/lazyparts.mjs), so until
 * a script calls it, it costs only a small stub on the device.
 */
import core from './core';
// JWE: only these four functions are referenced from outside src/jwe/ and
// the JWT-over-JWE files, so the build can load all of it on first use.
import { encrypt } from './jwe/encrypt';
import { decrypt } from './jwe/decrypt';
import { encryptJWT } from './jwt/encrypt';
import { decryptJWT } from './jwt/decrypt';

interface Full {
  encrypt: typeof encrypt;
  decrypt: typeof decrypt;
  encryptJWT: typeof encryptJWT;
  decryptJWT: typeof decryptJWT;
}

const microjwt = core as typeof core & Full;
microjwt.encrypt = encrypt;
microjwt.decrypt = decrypt;
microjwt.encryptJWT = encryptJWT;
microjwt.decryptJWT = decryptJWT;

export default microjwt;
