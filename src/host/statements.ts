// Running a device script the way a board gets it over its console: each
// top-level statement sent to the REPL on its own and run as it arrives. The
// board then holds only what the statements leave behind (globals, functions),
// not the whole script text, which matters on a 2,630-variable Puck: this is
// how `microjwt flash` / `selftest --port` run board/selftest.js, and how the
// emulator's `selftest` runs it too.
import * as acorn from 'acorn';
import { runDeviceScript } from './emulator';
import type { RunOptions, RunResult } from './emulator';

/** The top-level statements of an ES5 script, as source text. */
export const deviceStatements = (source: string): string[] => {
  const ast = acorn.parse(source, { ecmaVersion: 5, sourceType: 'script' });
  return ast.body.map((n) => source.slice(n.start, n.end));
};

/** Runs `source` statement by statement in an emulated board (its text as read from a UTF-8 file). */
export const runStatements = (source: string, opts: Omit<RunOptions, 'attach'> = {}): Promise<RunResult> => {
  const statements = deviceStatements(source);
  return runDeviceScript('', {
    ...opts,
    attach: (device) => {
      // As lines arriving at the REPL, which reads bytes: a UTF-8 file's
      // statement arrives as its UTF-8 bytes. Timers they set run afterwards.
      for (const st of statements) device.evaluate(Buffer.from(st, 'utf8').toString('latin1'));
    },
  });
};
