// Running board/ examples as a user would: in the emulator, or on a real
// Espruino Linux interpreter (ESPRUINO_BIN) in a working directory whose
// espruino.flash is its Storage, so a second start in the same directory is a
// reboot of the same board.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeviceScript, RunOptions } from '../../src/host/emulator';
import type { DeviceHandle } from '../../src/host/device';
import { cleanOutput, flashTemplate } from '../../src/host/real';
import { builtModule, packageRoot, profileFile } from '../../src/host/paths';

export const boardScript = (name: string): string => readFileSync(join(packageRoot(), 'board', name), 'utf8');

/** A free TCP port on loopback. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/** A device that runs until stopped; `output()` is what it printed so far. */
export interface RunningDevice {
  output(): string;
  /** Stop it (power off); resolves with everything it printed. */
  stop(): Promise<string>;
}

const waitUntilListening = async (port: number, dev: RunningDevice, exited: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await portOpen(port)) return;
    if (exited()) throw new Error('the device stopped before it listened on ' + port + ':\n' + dev.output());
    await new Promise((r) => setTimeout(r, 50));
  }
  const out = await dev.stop();
  throw new Error('nothing listens on ' + port + ' after ' + ms + ' ms:\n' + out);
};

/** Start `source` in the emulator and wait until something listens on `port`. */
export const startEmulated = async (source: string, port: number, opts: RunOptions): Promise<RunningDevice> => {
  let device: DeviceHandle | undefined;
  let out = '';
  let done = false;
  const run = runDeviceScript(source, { ...opts, attach: (d) => (device = d), onOutput: (s) => (out += s) }).finally(() => (done = true));
  const dev: RunningDevice = {
    output: () => Buffer.from(out, 'latin1').toString('utf8'),
    stop: async () => {
      device?.stop();
      const r = await run;
      return r.output;
    },
  };
  await waitUntilListening(port, dev, () => done, 20000);
  return dev;
};

/** A fresh working directory whose Storage holds the built module (and `files`), as after `microjwt flash`. */
export const realBoardDir = async (binary: string, files: Record<string, string> = {}): Promise<string> => {
  const all: Record<string, string> = { [profileFile().module]: builtModule() };
  for (const [k, v] of Object.entries(files)) all[k] = Buffer.from(v, 'utf8').toString('latin1');
  const template = await flashTemplate(binary, all);
  const dir = mkdtempSync(join(tmpdir(), 'microjwt-board-'));
  copyFileSync(join(template, 'espruino.flash'), join(dir, 'espruino.flash'));
  return dir;
};

/** Start `source` on a real interpreter in `dir` (its Storage) and wait until something listens on `port`. */
export const startReal = async (binary: string, dir: string, source: string, port: number, ms = 120000): Promise<RunningDevice> => {
  if (!existsSync(join(dir, 'espruino.flash'))) throw new Error('no Storage in ' + dir);
  const name = 'script-' + port + '.js';
  writeFileSync(join(dir, name), Buffer.from(source, 'utf8'));
  // stdin stays an open, idle pipe (at EOF the 32-bit build floods its REPL); SIGKILL stops it (it ignores SIGTERM).
  const child = spawn(binary, [name], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  const keep = (b: Buffer) => chunks.push(Buffer.from(b.filter((x) => x !== 0xff)));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const closed = new Promise<void>((resolve) => child.on('close', () => ((exited = true), resolve())));
  const dev: RunningDevice = {
    output: () => cleanOutput(Buffer.concat(chunks)),
    stop: async () => {
      if (!exited) child.kill('SIGKILL');
      await closed;
      child.stdin.destroy();
      return cleanOutput(Buffer.concat(chunks));
    },
  };
  await waitUntilListening(port, dev, () => exited, ms);
  return dev;
};

/** Run a script to its end on a real interpreter in `dir` (its Storage kept). */
export const runReal = async (binary: string, dir: string, source: string, ms = 120000): Promise<string> => {
  writeFileSync(join(dir, 'script.js'), Buffer.from(source, 'utf8'));
  const child = spawn(binary, ['script.js'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  const keep = (b: Buffer) => chunks.push(Buffer.from(b.filter((x) => x !== 0xff)));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  clearTimeout(timer);
  child.stdin.destroy();
  return cleanOutput(Buffer.concat(chunks));
};
