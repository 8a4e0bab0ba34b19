// Helpers to run StorageRevocationStore scripts in the emulator on a Storage
// kept in a JSON file between runs (each run is a reboot), and to read or
// damage that Storage from the host.
import { readFileSync, writeFileSync } from 'node:fs';
import * as jose from 'jose';
import { runDeviceScript, RunResult } from '../../src/host/emulator';
import { PowerCut } from '../../src/host/powercut';

export const UPDATE_KEY = 'fleet-update-key-0123456789abcdef!!';

/** A fleet update signed as a server would (jose, HS256). */
export const signUpdate = (seq: number, revoked: [string, number][]): Promise<string> =>
  new jose.CompactSign(new TextEncoder().encode(JSON.stringify({ seq, revoked })))
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(UPDATE_KEY));

/** Run `src` on an emulated board whose Storage is `storageFile` (kept). */
export const boot = (src: string, storageFile: string, opts: { board?: string; powerCut?: PowerCut } = {}): Promise<RunResult> =>
  runDeviceScript(src, { board: opts.board ?? 'pico', storageFile, powerCut: opts.powerCut, time: 1700000000, timeoutMs: 60000 });

/** The Storage files of a storage file: name -> bytes (latin1). */
export const readFlash = (storageFile: string): Map<string, string> => {
  const saved = JSON.parse(readFileSync(storageFile, 'utf8')) as Record<string, string>;
  return new Map(Object.entries(saved).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('latin1')]));
};

export const writeFlash = (storageFile: string, files: Map<string, string>): void => {
  const out: Record<string, string> = {};
  for (const [k, v] of files) out[k] = Buffer.from(v, 'latin1').toString('base64');
  writeFileSync(storageFile, JSON.stringify(out));
};

/** The data of a StorageFile (its chunks up to the first 0xFF). */
export const storageFileText = (files: Map<string, string>, name: string): string | undefined => {
  let out: string | undefined;
  for (let c = 1; files.has(name + String.fromCharCode(c)); c++) {
    const d = files.get(name + String.fromCharCode(c))!;
    const end = d.indexOf('\xff');
    out = (out ?? '') + (end < 0 ? d : d.slice(0, end));
    if (end >= 0) break;
  }
  return out;
};

/** Lines of `prefix` in the output, their words after the prefix. */
export const marks = (output: string, prefix: string): string[][] =>
  output
    .split('\n')
    .filter((l) => l.startsWith(prefix + ' '))
    .map((l) => l.slice(prefix.length + 1).split(' '));
