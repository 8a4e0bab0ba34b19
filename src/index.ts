/**
 * The public API of the full build: the core (src/core.ts) and what is built
 * on it. Each addition is a lazy part (see src/host/lazyparts.mjs), so until
 * a script calls it, it costs only a small stub on the device.
 */
import core from './core';

const microjwt = core;

export default microjwt;
