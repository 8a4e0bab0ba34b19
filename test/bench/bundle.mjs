// A device module built from an entry text exactly as dist/microjwt.min.js is
// built (src/host/devicebuild.mjs), so a benchmark can load a module that
// holds only what it measures (e.g. just the crypto layer) in RAM on a
// 5,100-var board.
import { buildDeviceModule as build } from '../../src/host/devicebuild.mjs';

export const buildDeviceModule = async (root, entryText) => (await build(root, { text: entryText })).minified;
