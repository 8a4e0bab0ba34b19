// `microjwt serve`: an emulated board whose console is an Espruino-style REPL
// on a loopback TCP port, as the Linux build's `--telnet` and an ESP32's telnet
// console offer it. The official `espruino` CLI and the Web IDE connect with
// `-p tcp://127.0.0.1:<port>`; `microjwt flash` and `microjwt selftest` use it
// like a board. Storage lives in a JSON file across `reset()` (and across runs
// with --storage-file); `reset()` starts a fresh device on the same Storage.
import vm from 'node:vm';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeviceScript } from './emulator';
import type { DeviceHandle } from './device';
import { ReplConsole } from './repl';
import { getProfile, profileFile } from './paths';

export interface ServeOptions {
  board?: string;
  /** TCP port on 127.0.0.1 (0: any free port). */
  port?: number;
  /** JSON file holding Storage across runs; default a temporary file, removed on close. */
  storageFile?: string;
  /** Start with an empty Storage (a fresh board); default: the built module is there as `microjwt`. */
  empty?: boolean;
  /** The module text put there (default: the board's own build). */
  module?: string;
  /** The Storage area's size in bytes (default: the emulator's, see RunOptions.storageBytes). */
  storageBytes?: number;
  time?: number | 'host' | 'unset';
  /** Where `serve` reports connections and restarts (default: nowhere). */
  log?: (line: string) => void;
}

export interface Served {
  port: number;
  close(): Promise<void>;
}

/** Device-side functions for the console's globals, made in the device's realm. */
const CONSOLE_GLOBALS = `(function (H) {
  return {
    reset: function reset() { H.reset(); },
    echo: function echo(on) { H.echo(on); },
    getConsole: function getConsole() { return 'Telnet'; }
  };
})`;

export const serve = async (opts: ServeOptions = {}): Promise<Served> => {
  const board = opts.board ?? profileFile().defaultBoard;
  getProfile(board); // unknown board: fail before listening
  const log = opts.log ?? (() => {});
  let tempDir: string | undefined;
  let storageFile = opts.storageFile;
  if (!storageFile) {
    tempDir = mkdtempSync(join(tmpdir(), 'microjwt-serve-'));
    storageFile = join(tempDir, 'storage.json');
  }
  let client: net.Socket | undefined;
  // Echo comes a character at a time: gather what one turn of the loop sends.
  let pending = '';
  const flush = () => {
    if (pending && client) client.write(Buffer.from(pending, 'latin1'));
    pending = '';
  };
  const repl = new ReplConsole((bytes) => {
    if (!pending) setImmediate(flush);
    pending += bytes;
  });
  let device: DeviceHandle | undefined;
  let closing = false;
  let running: Promise<unknown> = Promise.resolve();
  let first = true;

  const start = () => {
    // The built module is put in Storage once, at the start (unless --empty);
    // after a reset the device has what the last one saved.
    const preload = first && !opts.empty;
    first = false;
    running = runDeviceScript('', {
      board,
      storageFile,
      module: preload ? opts.module : false,
      storageBytes: opts.storageBytes,
      time: opts.time,
      timeoutMs: 60000,
      onOutput: (s) => repl.output(s),
      attach: (d) => {
        device = d;
        d.hold(); // the console keeps the board running until reset or close
        const g = (vm.runInContext(CONSOLE_GLOBALS, d.context) as (h: object) => Record<string, unknown>)({
          reset: () => restart('reset()'),
          echo: () => {},
        });
        d.addGlobal('reset', g.reset);
        d.addGlobal('echo', g.echo);
        (vm.runInContext('E', d.context) as Record<string, unknown>).getConsole = g.getConsole;
        repl.setTarget({ run: (code) => d.evaluate(code), inspect: (v) => d.inspect(v) });
      },
    }).then((r) => {
      if (r.error && r.error.startsWith('FATAL')) {
        log('device aborted (' + r.error + '): restarting');
        restart('abort');
      }
    });
  };
  const restart = (why: string) => {
    const old = device;
    device = undefined;
    repl.setTarget(undefined);
    if (!old) return;
    log('device restart: ' + why);
    old.stop();
    // The run saves Storage when it ends; the next device loads it.
    running = running.then(() => {
      if (closing) return;
      start();
      repl.output('\n' + getProfile(board).title + ' (microjwt emulator), Espruino 2v29\n');
      repl.prompt();
    });
  };
  // The first device starts as soon as the run begins.
  const startFirst = () => {
    start();
  };
  startFirst();

  const server = net.createServer((sock) => {
    if (client) {
      log('new connection replaces the previous one');
      client.destroy();
    }
    client = sock;
    log('console connected from ' + sock.remoteAddress + ':' + sock.remotePort);
    sock.on('data', (d: Buffer) => repl.input(d.toString('latin1')));
    sock.on('error', () => {});
    sock.on('close', () => {
      if (client === sock) client = undefined;
    });
    repl.prompt();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: a development board, not a device on the network.
    server.listen(opts.port ?? 2323, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: async () => {
      closing = true;
      server.close();
      client?.destroy();
      device?.stop();
      await running;
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
};
