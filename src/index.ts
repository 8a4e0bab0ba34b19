/**
 * The public API of the full build: the core (src/core.ts) and what is built
 * on it. Each addition is a lazy part (see src/host/lazyparts.mjs), so until
 * a script calls it, it costs only a small stub on the device.
 */
import core from './core';
// Sessions and revocation: only these seven are referenced from outside
// src/session/ and src/revocation/ (each is one stub at load).
import { MicroJWT } from './session/microjwt';
import { Logger } from './session/logger';
import { introspect } from './session/introspect';
import { bearer, guard } from './session/http';
import { MemoryRevocationStore } from './revocation/memory';
import { StorageRevocationStore } from './revocation/storage';

interface Full {
  MicroJWT: typeof MicroJWT;
  MemoryRevocationStore: typeof MemoryRevocationStore;
  StorageRevocationStore: typeof StorageRevocationStore;
  Logger: typeof Logger;
  introspect: typeof introspect;
  bearer: typeof bearer;
  guard: typeof guard;
}

const microjwt = core as typeof core & Full;
microjwt.MicroJWT = MicroJWT;
microjwt.MemoryRevocationStore = MemoryRevocationStore;
microjwt.StorageRevocationStore = StorageRevocationStore;
microjwt.Logger = Logger;
microjwt.introspect = introspect;
microjwt.bearer = bearer;
microjwt.guard = guard;

export default microjwt;
