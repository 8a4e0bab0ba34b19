// Per-board builds (dist/variants/<name>.min.js): each leaves out, at build
// time, what its board never needs, so a board pays neither Storage nor RAM
// for it. dist/microjwt.min.js stays the universal module (every backend,
// Node included).
//
// A variant is an entry (src/core.ts: JWS/JWT only; src/index.ts: all) and a
// list of modules left out. A module left out is replaced, in the bundle
// only, by one whose functions (its `export const f = function` exports)
// either return null (a backend that is simply absent: the crypto adapter
// then chooses another) or throw NotSupportedError naming the build (a pure
// fallback this board should never need: if it does, the error says which
// build to use instead).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const NODE = { 'src/crypto/node.ts': 'absent' };
// No `crypto` module on the board: the native backend is never probed.
const NATIVE = { 'src/crypto/espruino.ts': 'absent' };
const PURE_SHA256 = { 'src/crypto/pure/sha256.ts': 'unsupported' };
const PURE_SHA512 = { 'src/crypto/pure/sha512.ts': 'unsupported' };
const PURE_AES = { 'src/crypto/pure/aes.ts': 'unsupported' };
const PURE_PBKDF2 = { 'src/crypto/pure/pbkdf2.ts': 'unsupported' };

/**
 * name -> { entry, title, leaveOut: {file: 'absent' | 'unsupported'}, eager?: lazy parts loaded with the module }.
 * What each board has natively is in espruino.json (`crypto`) and
 * ../shared/espruino-notes.md: a Pico lacks SHA-384/512, a Puck also PBKDF2,
 * a Raspberry Pi Pico has no crypto module at all, an ESP32 has everything.
 */
export const VARIANTS = {
  // The core build is its own entry (src/lean/index.ts): the JWS/JWT code over a native-only MAC, no adapter.
  // Its only file of the 'crypto' part is the random source (sign's jwtid: true): a part of one function saves nothing.
  core: { entry: 'src/lean/index.ts', title: 'JWS/JWT (HS256/384/512), claims, single keys, errors; any board with a native SHA-256', leaveOut: { ...NODE }, eager: ['crypto'] },
  pico: { entry: 'src/index.ts', title: 'Espruino Pico: native SHA-256, AES, PBKDF2; pure SHA-384/512', leaveOut: { ...NODE, ...PURE_SHA256, ...PURE_AES } },
  esp32: { entry: 'src/index.ts', title: 'ESP32: every primitive native', leaveOut: { ...NODE, ...PURE_SHA256, ...PURE_SHA512, ...PURE_AES, ...PURE_PBKDF2 } },
  // Every hash is pure there, so the pure part loads with the module (lazily it would cost 3 JsVars more per function once used).
  rp2040: { entry: 'src/index.ts', title: 'Raspberry Pi Pico (no crypto module): every primitive pure, no native probing', leaveOut: { ...NODE, ...NATIVE }, eager: ['pure'] },
  // Pure PBKDF2 runs over the pure hashes, so a Puck (no native PBKDF2) keeps pure SHA-256 too.
  puck: { entry: 'src/index.ts', title: 'Puck.js: native SHA-256 and AES; pure SHA-2 for PBKDF2 and SHA-384/512', leaveOut: { ...NODE, ...PURE_AES } },
};

const EXPORTED_FUNCTION = /^export const (\w+) = function\b/gm;
const OTHER_VALUE_EXPORT = /^export (?:const|let|var|class|function|default|\{)(?!\s*type\b)/gm;

/** The text that stands for `file` (relative to `root`) in a variant named `variant`. */
export const replacementModule = (root, file, how, variant) => {
  const text = readFileSync(join(root, file), 'utf8');
  const names = [...text.matchAll(EXPORTED_FUNCTION)].map((m) => m[1]);
  const values = (text.match(OTHER_VALUE_EXPORT) || []).length;
  if (values !== names.length) throw new Error(file + ' exports values other than `export const f = function`: it cannot be left out of a build');
  const errors = relative(join(root, file, '..'), join(root, 'src', 'errors')).replace(/\\/g, '/');
  const head = how === 'unsupported' ? "import { NotSupportedError } from '" + (errors.startsWith('.') ? errors : './' + errors) + "';\n" : '';
  const body = how === 'unsupported'
    ? "throw new NotSupportedError('the " + variant + " build of microjwt leaves out " + file.replace(/^src\//, '') + ": this board needs dist/microjwt.min.js or its own build', 'ERR_NOT_IN_BUILD');"
    : 'return null;';
  return head + names.map((n) => 'export const ' + n + ' = function (): any {\n  ' + body + '\n};\n').join('');
};

/** An esbuild plugin that swaps the modules a variant leaves out. */
export const leaveOutPlugin = (root, variant) => {
  const leaveOut = VARIANTS[variant].leaveOut;
  return {
    name: 'microjwt-leave-out',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const file = relative(root, args.path).replace(/\\/g, '/');
        const how = leaveOut[file];
        if (!how) return undefined;
        return { contents: replacementModule(root, file, how, variant), loader: 'ts', resolveDir: join(root, file, '..') };
      });
    },
  };
};
