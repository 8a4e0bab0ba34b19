// The calls an attack case can make, on Node and on a device: one entry per
// public entry point that faces attacker input. A new layer (JWE, sessions)
// adds its entry points here; the corpus, the Node runner and the device
// scripts pick them up by name.
import type source from '../../src/index';

export type Microjwt = typeof source;

export interface CallSpec {
  /** The call on Node, given the module under test and the case's token, key and options. */
  node: (mj: Microjwt, token: unknown, key: unknown, options: unknown) => unknown;
  /** The same call as an ES5 function expression for the device: `function (mj, t, k, o) {...}`. */
  device: string;
}

export const CALLS: Record<string, CallSpec> = {
  verify: {
    node: (mj, t, k, o) => mj.verify(t as string, k, o as never),
    device: 'function (mj, t, k, o) { return mj.verify(t, k, o); }',
  },
  'jws.verify': {
    node: (mj, t, k, o) => mj.jws.verify(t as string, k, o as never),
    device: 'function (mj, t, k, o) { return mj.jws.verify(t, k, o); }',
  },
  decode: {
    node: (mj, t, _k, o) => (o === undefined ? mj.decode(t as string) : mj.decode(t as string, o as never)),
    device: 'function (mj, t, k, o) { return o === undefined ? mj.decode(t) : mj.decode(t, o); }',
  },
  // JWKs reach a device from outside too (a provisioning message, a hub):
  // the "token" of these cases is the JWK, the options the alg argument.
  importJWK: {
    node: (mj, t, _k, o) => mj.importJWK(t as never, o as never),
    device: 'function (mj, t, k, o) { return mj.importJWK(t, o); }',
  },
  thumbprint: {
    node: (mj, t) => mj.thumbprint(t as never),
    device: 'function (mj, t) { return mj.thumbprint(t); }',
  },
  getUnverifiedHeader: {
    node: (mj, t, _k, o) => (o === undefined ? mj.getUnverifiedHeader(t as string) : mj.getUnverifiedHeader(t as string, o as never)),
    device: 'function (mj, t, k, o) { return o === undefined ? mj.getUnverifiedHeader(t) : mj.getUnverifiedHeader(t, o); }',
  },
};
