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
  unicode: boolean;
  crypto: string[] | null;
  /** Built-in modules the emulator adds from the host (`http`, `Wifi`: see network.ts). */
  modules?: string[];
}

export interface ProfileFile {
  module: string;
  moduleFile: string;
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

/** The built device module as bytes (latin1 string), as it would be flashed. */
export const builtModule = (): string => {
  const file = join(packageRoot(), profileFile().moduleFile);
  if (!existsSync(file)) throw new Error('microjwt: ' + file + ' is missing; run `node build.mjs` first');
  return readFileSync(file).toString('latin1');
};
