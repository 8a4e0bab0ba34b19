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
// Sessions and revocation: only these seven are referenced from outside
// src/session/ and src/revocation/ (each is one stub at load).
import { MicroJWT } from './session/microjwt';
import { Logger } from './session/logger';
import { introspect } from './session/introspect';
import { bearer, guard } from './session/http';
import { MemoryRevocationStore } from './revocation/memory';
import { StorageRevocationStore } from './revocation/storage';

interface Full {
  encrypt: typeof encrypt;
  decrypt: typeof decrypt;
  encryptJWT: typeof encryptJWT;
  decryptJWT: typeof decryptJWT;
  MicroJWT: typeof MicroJWT;
  MemoryRevocationStore: typeof MemoryRevocationStore;
  StorageRevocationStore: typeof StorageRevocationStore;
  Logger: typeof Logger;
  introspect: typeof introspect;
  bearer: typeof bearer;
  guard: typeof guard;
}

const microjwt = core as typeof core & Full;
microjwt.encrypt = encrypt;
microjwt.decrypt = decrypt;
microjwt.encryptJWT = encryptJWT;
microjwt.decryptJWT = decryptJWT;
microjwt.MicroJWT = MicroJWT;
microjwt.MemoryRevocationStore = MemoryRevocationStore;
microjwt.StorageRevocationStore = StorageRevocationStore;
microjwt.Logger = Logger;
microjwt.introspect = introspect;
microjwt.bearer = bearer;
microjwt.guard = guard;

export default microjwt;
