// Unit tests import src/ directly as ES modules, where there is no `require`.
// The built module gets `hostRequire` from its banner (see build.mjs); give the
// sources the same so their Node paths (e.g. node:crypto) are exercised.
import { createRequire } from 'node:module';

(globalThis as { hostRequire?: NodeRequire }).hostRequire = createRequire(import.meta.url);
