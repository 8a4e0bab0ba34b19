// Helpers to run device scripts from vitest: the harness + the vectors a
// script asks for + the script + __done(), as test/device.test.ts does, on
// the emulator profiles and (when ESPRUINO_BIN is set) the real interpreter.
import { readFileSync } from 'node:fs';
import { vectors } from './helpers';

export const harness = readFileSync(new URL('../device/_harness.js', import.meta.url), 'utf8');

/** `var VECTORS = {...}` for a script whose first line is `// @vectors a.b c.d`. */
export const vectorsPrelude = (source: string): string => {
  const m = /^\/\/ @vectors (.*)$/m.exec(source.split('\n')[0]);
  if (!m) return '';
  const out: any = {};
  for (const path of m[1].trim().split(/\s+/)) {
    const parts = path.split('.');
    let src: any = vectors;
    let dst = out;
    for (let i = 0; i < parts.length; i++) {
      src = src[parts[i]];
      if (i === parts.length - 1) dst[parts[i]] = src;
      else dst = dst[parts[i]] ??= {};
    }
  }
  return 'var VECTORS = ' + JSON.stringify(out) + ';\n';
};

export const fullScript = (source: string): string => harness + '\n' + vectorsPrelude(source) + source + '\n__done();\n';

export const BOARDS = ['pico', 'esp32', 'rp2040', 'puck', 'linux'];

/** Totals from the closing `N passed, N failed` line, or undefined. */
export const totals = (output: string): { passed: number; failed: number } | undefined => {
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(output.trim());
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
};
