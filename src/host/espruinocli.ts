// The official Espruino CLI (npm package `espruino`) as microjwt's transport to
// a board: USB/serial, Bluetooth or telnet (tcp://), with its flow control.
//
// Why a terminal session and not `espruino -e code` / `--storage`: the CLI
// exits 500 ms after the board last printed something, so a board that
// computes quietly for longer (a pure SHA-256 over the module on a board with
// no `crypto`, a slow self-test check on an Espruino Pico) loses its answer.
// In terminal mode the CLI relays what we write to the board and what the
// board prints, and exits when we close its stdin: we send each line with the
// REPL's echo-off prefix (0x10), wait for the marker our code prints, and
// stop when we have the answer.
//
// The package is an optional peer dependency of microjwt (see README, "Flashing"):
// it is found in the user's project, next to microjwt, or on PATH.
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { packageRoot } from './paths';

/** A failure `flash`/`selftest` explains to the user (printed without a stack). */
export class BoardError extends Error {}

export const MISSING_CLI =
  'microjwt flash and selftest --port need the official Espruino CLI (npm package "espruino"), which is not installed here.\n' +
  'Add it to your project:   npm install --save-dev espruino\n' +
  'or install it globally:   npm install -g espruino';

/** How to start the official CLI: [command, ...leading args], or undefined when it is not installed. */
export const findEspruinoCli = (): string[] | undefined => {
  const env = process.env.MICROJWT_ESPRUINO_CLI;
  if (env !== undefined) return env && existsSync(env) ? [process.execPath, env] : undefined;
  for (const base of [process.cwd(), packageRoot()]) {
    try {
      return [process.execPath, createRequire(join(base, 'noop.js')).resolve('espruino/bin/espruino-cli.js')];
    } catch {
      // not installed there
    }
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const bin = join(dir, process.platform === 'win32' ? 'espruino.cmd' : 'espruino');
    if (dir && existsSync(bin)) return [bin];
  }
  return undefined;
};

export interface SessionOptions {
  port: string;
  /** Built-in module names the CLI must not try to download (it looks for every require() it sees). */
  builtinModules?: string[];
  /** Serial baud rate (ignored over USB CDC, Bluetooth and TCP); an ESP32's console runs at 115200. */
  baud?: number;
  /** Extra `--config KEY=value` settings. */
  config?: Record<string, string | number | boolean>;
  /** Everything the board prints, as it arrives (device bytes as a latin1 string). */
  onOutput?: (text: string) => void;
}

/** One connection to a board through the official CLI in terminal mode. */
export class BoardSession {
  private buffer = '';
  private waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  private exited = false;
  private cliLog = '';
  private readonly dir: string;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    dir: string,
    private readonly onOutput?: (text: string) => void,
  ) {
    this.dir = dir;
    let connected = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      // The CLI writes each received byte as one char (0..255) to its stdout.
      if (!connected) {
        this.cliLog += text;
        const at = this.cliLog.indexOf('Connected\n');
        if (at < 0) return;
        connected = true;
        text = this.cliLog.slice(at + 'Connected\n'.length).replace(/^No process\.stdin\.setRawMode\(\)[^\n]*\n/, '');
        // The CLI's own message may follow its "Connected" line.
      } else if (text.startsWith('No process.stdin.setRawMode()')) {
        text = text.replace(/^No process\.stdin\.setRawMode\(\)[^\n]*\n/, '');
      }
      this.received(text);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      this.cliLog += text;
    });
    child.on('close', () => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(new BoardError('the Espruino CLI ended the connection' + this.cliSays()));
      }
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  /** Starts the CLI on `port`; resolves once it says it is connected. */
  static async open(cli: string[], opts: SessionOptions, timeoutMs = 20000): Promise<BoardSession> {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-cli-'));
    // A board file with "." in its name is read locally: no download of the
    // board's JSON, and the modules named here are never fetched from the web.
    const boardFile = join(dir, 'board.json');
    writeFileSync(boardFile, JSON.stringify({ info: { builtin_modules: opts.builtinModules ?? [] } }));
    // SERIAL_THROTTLE_SEND=1 and UNICODE=true as for any upload (see README,
    // "Flashing"); STORAGE_UPLOAD_METHOD=1 drops the CLI's blind 250 ms pause
    // after each Storage.write line: flash.ts waits for the board's
    // acknowledgement of each chunk instead.
    const config: Record<string, string | number | boolean> = { SERIAL_THROTTLE_SEND: 1, UNICODE: true, STORAGE_UPLOAD_METHOD: 1, ...opts.config };
    // Bluetooth only for a Bluetooth address (a Puck.js): elsewhere the CLI's
    // Bluetooth scan would only slow the connection down.
    const ble = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(opts.port);
    const args = [...(ble ? [] : ['--no-ble']), '-p', opts.port, '-b', String(opts.baud ?? 115200), '--board', boardFile];
    for (const [k, v] of Object.entries(config)) args.push('--config', k + '=' + String(v));
    const child = spawn(cli[0], [...cli.slice(1), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const session = new BoardSession(child, dir, opts.onOutput);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        session.close();
        reject(new BoardError('the Espruino CLI could not connect to ' + opts.port + ' within ' + timeoutMs / 1000 + ' s' + session.cliSays()));
      }, timeoutMs);
      const poll = setInterval(() => {
        if (session.cliLog.includes('Connected\n')) done(() => resolve());
        else if (session.exited || /Unable to connect|not found|RECEIVE ERROR/.test(session.cliLog)) {
          done(() => reject(new BoardError('the Espruino CLI could not connect to ' + opts.port + session.cliSays())));
          session.close();
        }
      }, 20);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        clearInterval(poll);
        fn();
      };
      child.on('error', (e) => done(() => reject(new BoardError('cannot start the Espruino CLI: ' + e.message))));
    });
    return session;
  }

  private cliSays(): string {
    const lines = this.cliLog
      .split('\n')
      .filter((l) => /error|unable|not found|refused/i.test(l))
      .slice(0, 3);
    return lines.length ? ' (CLI: ' + lines.join(' | ').trim() + ')' : '';
  }

  private received(text: string): void {
    if (!text) return;
    this.onOutput?.(text);
    this.buffer += text;
    if (this.buffer.length > 1e6) this.buffer = this.buffer.slice(-5e5);
    for (const w of [...this.waiters]) {
      w.re.lastIndex = 0;
      const m = w.re.exec(this.buffer);
      if (m) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        this.buffer = this.buffer.slice(m.index + m[0].length);
        w.resolve(m);
      }
    }
  }

  /** All the board printed since the last match (and forgets it). */
  take(): string {
    const b = this.buffer;
    this.buffer = '';
    return b;
  }

  /** Writes bytes to the board (ASCII: the CLI reads its stdin as UTF-8). */
  write(text: string): void {
    if (!this.exited) this.child.stdin.write(text);
  }

  /** Sends one complete statement with echo off; newlines inside become the REPL's Alt-Enter. */
  send(code: string): void {
    this.write('\x10' + code.replace(/\r?\n/g, '\x1b\n') + '\n');
  }

  /** Waits until the board's output matches `re` (output before the match is dropped). */
  waitFor(re: RegExp, timeoutMs: number, what: string): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const m = re.exec(this.buffer);
      if (m) {
        this.buffer = this.buffer.slice(m.index + m[0].length);
        resolve(m);
        return;
      }
      if (this.exited) {
        reject(new BoardError('the Espruino CLI ended the connection' + this.cliSays()));
        return;
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new BoardError(what));
      }, timeoutMs);
      this.waiters.push({ re, resolve, reject, timer });
    });
  }

  /** Waits until the board prints nothing for `quietMs` (at most `maxMs`). */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const start = Date.now();
    let seen = this.buffer.length;
    let last = Date.now();
    while (Date.now() - start < maxMs && !this.exited) {
      await new Promise((r) => setTimeout(r, 50));
      if (this.buffer.length !== seen) {
        seen = this.buffer.length;
        last = Date.now();
      } else if (Date.now() - last >= quietMs) return;
    }
  }

  /** Ends the CLI (it exits when its stdin closes). */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      this.child.on('close', () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.stdin.end();
    });
  }
}
