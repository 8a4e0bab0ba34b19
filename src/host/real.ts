// Runs a device script on the REAL Espruino interpreter (a Linux build given
// by path, e.g. from env ESPRUINO_BIN). Storage there is the file
// `espruino.flash` in the working directory, so:
//   1. a scratch directory gets the module written into Storage by interpreter
//      runs of `require('Storage').write(name, chunk, offset, size)`, in
//      384-byte chunks as the official CLI does (a few chunks per run: the
//      script text itself sits in RAM, and the board-like build has 5,100 vars);
//      the resulting flash image is cached per (binary, files);
//   2. each script runs in a fresh copy of that directory (a reboot: the
//      module then loads from Storage), with stdin an idle pipe so the interpreter
//      exits by itself once the script and its timers are done, and SIGKILL on timeout
//      (it ignores SIGTERM).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtModule, profileFile } from './paths';

export interface RealOptions {
  /** Extra Storage files (name -> text, stored as UTF-8 bytes). The built module is always there as `microjwt`. */
  storage?: Record<string, string>;
  /** Module text to store as `microjwt` instead of dist/microjwt.min.js. */
  module?: string;
  timeoutMs?: number;
  /** Working directory to use (kept); default: a fresh temporary copy, removed afterwards. */
  cwd?: string;
}

export interface RealResult {
  output: string;
  /** First `Uncaught ...` line, or a timeout / crash description. */
  error?: string;
  exitCode: number | null;
  durationMs: number;
}

const CHUNK = 384;
const CHUNKS_PER_RUN = 8;

/** Removes the banner, prompts, echo control codes and the EOF noise (0xFF) from interpreter output. */
export const cleanOutput = (raw: Buffer): string => {
  let text = raw.toString('latin1').replace(/\r/g, '');
  const banner = text.indexOf('http://espruino.com/Donate\n');
  if (banner >= 0) text = text.slice(banner + 'http://espruino.com/Donate\n'.length).replace(/^\n/, '');
  // A REPL prompt '>' precedes each later output burst, followed by the echo
  // of the EOF "characters" (0xFF / 0xF7 on the byte build) and cursor codes.
  text = text.replace(/(^|\n)>(?:[\xf7\xff]|\x1b\[[0-9;]*[A-Za-z])*/g, '$1').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  return Buffer.from(text.replace(/\n+$/, '\n').replace(/^\n$/, ''), 'latin1').toString('utf8');
};

const run = (binary: string, dir: string, script: string, timeoutMs: number): Promise<RealResult> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    writeFileSync(join(dir, 'script.js'), script, 'latin1');
    const child = spawn(binary, ['script.js'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    const keep = (b: Buffer) => {
      // The EOF noise can be long; keep only what is not 0xFF.
      const s = b.filter((x) => x !== 0xff);
      if (size < 4e6) chunks.push(Buffer.from(s));
      size += s.length;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // stdin stays an open, idle pipe: at EOF the input thread of the 32-bit
    // build floods the REPL with 0xF7 bytes (see /opt/espruino/REPORT.md).
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      child.stdin.destroy();
      const output = cleanOutput(Buffer.concat(chunks));
      const uncaught = /^Uncaught (.*)$/m.exec(output);
      let error = uncaught ? uncaught[1] : undefined;
      if (timedOut) error = 'timeout after ' + timeoutMs + ' ms';
      else if (signal) error = 'interpreter killed by ' + signal;
      resolve({ output, error, exitCode: code, durationMs: Date.now() - started });
    });
  });

const templates = new Map<string, string>();

/** A directory whose espruino.flash holds `files` (latin1 byte strings), built once per binary and file set. */
export const flashTemplate = async (binary: string, files: Record<string, string>, timeoutMs = 60000): Promise<string> => {
  const key = createHash('sha256')
    .update(binary + '\0' + statSync(binary).mtimeMs + '\0' + JSON.stringify(files))
    .digest('hex')
    .slice(0, 24);
  const known = templates.get(key);
  if (known) return known;
  const dir = join(tmpdir(), 'microjwt-espruino', key);
  if (!existsSync(join(dir, 'espruino.flash'))) {
    const work = mkdtempSync(join(tmpdir(), 'microjwt-flash-'));
    const steps: string[] = [];
    for (const [name, data] of Object.entries(files)) {
      for (let off = 0; off < data.length; off += CHUNK) {
        const chunk = Buffer.from(data.slice(off, off + CHUNK), 'latin1').toString('base64');
        steps.push(
          off === 0
            ? 'S.write(' + JSON.stringify(name) + ', atob("' + chunk + '"), 0, ' + data.length + ');'
            : 'S.write(' + JSON.stringify(name) + ', atob("' + chunk + '"), ' + off + ');',
        );
      }
    }
    for (let i = 0; i < steps.length; i += CHUNKS_PER_RUN) {
      const r = await run(binary, work, 'var S = require("Storage");\n' + steps.slice(i, i + CHUNKS_PER_RUN).join('\n') + '\n', timeoutMs);
      if (r.error) throw new Error('writing Storage on ' + binary + ' failed: ' + r.error + '\n' + r.output);
    }
    const check = await run(binary, work, 'var S = require("Storage");\n' +
      Object.keys(files).map((n) => 'print(' + JSON.stringify(n) + ', S.read(' + JSON.stringify(n) + ').length);').join('\n') + '\n', timeoutMs);
    for (const [name, data] of Object.entries(files)) {
      if (!check.output.includes(name + ' ' + data.length)) throw new Error('Storage file ' + name + ' did not arrive intact on ' + binary + ':\n' + check.output);
    }
    mkdirSync(join(tmpdir(), 'microjwt-espruino'), { recursive: true });
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another process built it meanwhile
    }
  }
  templates.set(key, dir);
  return dir;
};

/** Runs `source` (UTF-8 text, sent as its bytes) on the interpreter at `binary` after a reboot with the module in Storage. */
export const runOnEspruino = async (binary: string, source: string, opts: RealOptions = {}): Promise<RealResult> => {
  const files: Record<string, string> = {};
  files[profileFile().module] = opts.module !== undefined ? Buffer.from(opts.module, 'utf8').toString('latin1') : builtModule();
  for (const [k, v] of Object.entries(opts.storage ?? {})) files[k] = Buffer.from(v, 'utf8').toString('latin1');
  const template = await flashTemplate(binary, files);
  const dir = opts.cwd ?? mkdtempSync(join(tmpdir(), 'microjwt-run-'));
  mkdirSync(dir, { recursive: true });
  if (!opts.cwd || !existsSync(join(dir, 'espruino.flash'))) copyFileSync(join(template, 'espruino.flash'), join(dir, 'espruino.flash'));
  try {
    return await run(binary, dir, Buffer.from(source, 'utf8').toString('latin1'), opts.timeoutMs ?? 60000);
  } finally {
    if (!opts.cwd) rmSync(dir, { recursive: true, force: true });
  }
};

/** The interpreters named by env ESPRUINO_BIN (paths separated by ':'), existing files only. */
export const espruinoBinaries = (): string[] =>
  (process.env.ESPRUINO_BIN ?? '')
    .split(':')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

export const readText = (file: string): string => readFileSync(file, 'utf8');
