// Where the package lives (the repo when run from src/, the installed package
// when run as dist/cli.js), so the emulator finds espruino.json and dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (): string => {
  // build.mjs bundles this file to CommonJS, where import.meta is empty.
  const url = (import.meta as { url?: string }).url;
  return url ? dirname(fileURLToPath(url)) : __dirname;
};

/** The nearest directory upwards that holds espruino.json. */
export const packageRoot = (): string => {
  let dir = here();
  for (;;) {
    if (existsSync(join(dir, 'espruino.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('microjwt: cannot find espruino.json above ' + here());
    dir = up;
  }
};

export interface BoardProfile {
  name: string;
  title: string;
  board: string;
  jsVars: number;
  /** The board's whole Storage area in bytes, from its Espruino board file (saved_code pages). */
  storageBytes: number;
  unicode: boolean;
  crypto: string[] | null;
  /** The per-board build this board runs (dist/variants/<variant>.min.js); none: the universal module. */
  variant?: string;
  /** Built-in modules the emulator adds from the host (`http`, `Wifi`: see network.ts). */
  modules?: string[];
}

export interface ProfileFile {
  module: string;
  moduleFile: string;
  variantsDir: string;
  defaultBoard: string;
  boards: Record<string, Omit<BoardProfile, 'name'>>;
}

let cached: ProfileFile | undefined;
export const profileFile = (): ProfileFile => (cached ??= JSON.parse(readFileSync(join(packageRoot(), 'espruino.json'), 'utf8')));

export const boardNames = (): string[] => Object.keys(profileFile().boards);

export const getProfile = (name: string): BoardProfile => {
  const p = profileFile().boards[name];
  if (!p) throw new Error('unknown board "' + name + '" (known: ' + boardNames().join(', ') + ')');
  return { name, ...p };
};

/** Where the module for `board` is: its own build (espruino.json `variant`) when it was built, else the universal module. */
export const moduleFileFor = (board?: string): string => {
  const variant = board === undefined ? undefined : getProfile(board).variant;
  const own = variant ? join(packageRoot(), profileFile().variantsDir, variant + '.min.js') : '';
  return own && existsSync(own) ? own : join(packageRoot(), profileFile().moduleFile);
};

/** A per-board build by variant name (src/host/variants.mjs), as bytes (latin1 string). */
export const variantModule = (variant: string): string => {
  const file = join(packageRoot(), profileFile().variantsDir, variant + '.min.js');
  if (!existsSync(file)) throw new Error('microjwt: ' + file + ' is missing; run `node build.mjs` first');
  return readFileSync(file).toString('latin1');
};

/** The built device module as bytes (latin1 string), as it would be flashed: `board`'s build, or the universal module. */
export const builtModule = (board?: string): string => {
  const file = moduleFileFor(board);
  if (!existsSync(file)) throw new Error('microjwt: ' + file + ' is missing; run `node build.mjs` first');
  return readFileSync(file).toString('latin1');
};
