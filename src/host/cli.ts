// `microjwt` command: run device scripts in the emulator, serve an emulated
// board's REPL on loopback, flash the module to a board with the official
// Espruino CLI and check what landed, and run the on-device self-test.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runDeviceScript } from './emulator';
import { serve } from './serve';
import { runStatements } from './statements';
import { BoardError } from './espruinocli';
import { flash, moduleFileFor, selftestOnBoard, tooBigForStorage } from './flash';
import { boardNames, packageRoot, profileFile, getProfile } from './paths';
import { VARIANTS } from './variants.mjs';

const HELP = `microjwt - JWT for Espruino: emulator and board tools

Usage:
  microjwt emulate <script.js> [--board <b>] [--build <name>] [--time host|unset|<secs>] [--storage-file <f>] [--global NAME=VALUE[,...]]
      Run a device script in the emulated board (Storage already holds the
      board's build, or --build's, as 'microjwt'). Prints what the script
      prints; exits 1 on an uncaught error. The board's Storage has its real
      size: a build it could not hold is refused, as flash refuses it (the
      whole library on an Espruino Pico or a Puck.js: use --build core). A script that listens with require('http') (esp32, linux)
      runs until its server closes or Ctrl-C. --global defines globals before
      the script runs (a number when VALUE is one), e.g. --global MJ_PORT=8080.

  microjwt selftest [--board <b>] [--build <name>]
      Run board/selftest.js in the emulated board.
  microjwt selftest --port <p>
      Run board/selftest.js on the board at <p> (after a reset(): RAM cleared,
      Storage kept) and print its checks, timings and "N passed, N failed".

  microjwt flash --port <p> [--board <b>] [--build <name> | --module <file>] [--no-selftest] [--baud 115200] [--timeout <secs>] [--verbose]
      Write the module into the board's Storage as 'microjwt' through the
      official Espruino CLI (npm package "espruino"), with progress; check the
      board answers, has room and has what the build needs; then verify the
      length and SHA-256 computed on the board, report free Storage before and
      after, and run the self-test.
      --board   the board profile the build is for (default ${profileFile().defaultBoard})
      --build   a build of this package by name instead: core (JWS/JWT only, 35 KB: the one that
                fits an Espruino Pico's or a Puck.js's Storage), pico, esp32, rp2040, puck, universal
      --module  the module file (default: dist/variants/<board>.min.js if built, else dist/microjwt.min.js)
      --port    /dev/ttyACM0, /dev/ttyUSB0 (ESP32), COM3, tcp://192.168.1.50 (telnet, port 23),
                tcp://127.0.0.1:2323 (microjwt serve, or the Linux build's --telnet)
      --baud    serial speed (default 115200, an ESP32's; USB boards ignore it)
      --verbose show everything the board prints

  microjwt serve [--board <b>] [--build <name>] [--port 2323] [--empty] [--storage-file <f>] [--time host|unset|<secs>]
      An emulated board with an Espruino REPL on tcp://127.0.0.1:<port>: the
      official CLI (\`npx espruino --no-ble -p tcp://127.0.0.1:2323\`) and
      \`microjwt flash\` talk to it like a board. --empty starts with nothing in
      Storage (a fresh board); --storage-file keeps Storage across runs.

  microjwt --help

Boards: ${boardNames().join(', ')} (default ${profileFile().defaultBoard}, see espruino.json)
`;

const FLAGS = new Set(['help', 'empty', 'no-selftest', 'verbose']);

const parse = (argv: string[]) => {
  const opts: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') opts.help = '1';
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) opts[a.slice(2, eq)] = a.slice(eq + 1);
      else if (FLAGS.has(a.slice(2))) opts[a.slice(2)] = '1';
      else {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new Error(a + ' needs a value (see microjwt --help)');
        opts[a.slice(2)] = v;
        i++;
      }
    } else rest.push(a);
  }
  return { opts, rest };
};

const parseTime = (t: string | undefined): number | 'host' | 'unset' => {
  const time = t === undefined || t === 'host' ? 'host' : t === 'unset' ? 'unset' : Number(t);
  if (typeof time === 'number' && !Number.isFinite(time)) throw new Error('--time must be host, unset or seconds');
  return time;
};

const boardOf = (opts: Record<string, string>) => getProfile(opts.board ?? profileFile().defaultBoard).name;

/** `--global A=1,B=text`: globals defined before the script runs. */
const globalsOf = (spec: string | undefined): [string, string | number][] =>
  spec === undefined
    ? []
    : spec.split(',').map((kv) => {
        const m = /^([A-Za-z_$][\w$]*)=(.*)$/.exec(kv);
        if (!m) throw new Error('--global takes NAME=VALUE (e.g. --global MJ_PORT=8080)');
        return [m[1], m[2] !== '' && Number.isFinite(Number(m[2])) ? Number(m[2]) : m[2]];
      });

/**
 * The module an emulator command runs on `board` (--build, else the board's
 * own build) and the board's real Storage size. A module larger than the
 * whole Storage is refused, as `flash` refuses it: the emulator does not
 * show what the board could not hold (the pico build on an Espruino Pico).
 */
const emulatedBoard = (opts: Record<string, string>, board: string): { module: string; storageBytes: number } => {
  const file = opts.build ? buildFile(opts.build) : moduleFileFor(board);
  if (!existsSync(file)) throw new Error('no module at ' + file + ': run npm run build first');
  const text = readFileSync(file, 'utf8');
  const p = getProfile(board);
  const tooBig = tooBigForStorage(file, Buffer.byteLength(text, 'utf8'), p.storageBytes, p.crypto ?? []);
  if (tooBig) throw new Error('emulated ' + p.title + ' (' + board + '): ' + tooBig);
  return { module: text, storageBytes: p.storageBytes };
};

const emulate = async (file: string, opts: Record<string, string>): Promise<number> => {
  if (!existsSync(file)) throw new Error('no such script: ' + file);
  const globals = globalsOf(opts.global);
  const board = boardOf(opts);
  const r = await runDeviceScript(readFileSync(file, 'utf8'), {
    ...emulatedBoard(opts, board),
    attach: (device) => {
      for (const [name, value] of globals) device.addGlobal(name, value);
    },
    board,
    time: parseTime(opts.time),
    storageFile: opts['storage-file'],
    filename: file,
    // Live, as a board's console: a script that serves HTTP runs until stopped.
    onOutput: (s) => process.stdout.write(Buffer.from(s, 'latin1')),
  });
  return r.error ? 1 : 0;
};

const timeoutOf = (opts: Record<string, string>) => {
  const t = Number(opts.timeout ?? 600);
  if (!(t > 0)) throw new Error('--timeout must be seconds');
  return t;
};

const baudOf = (opts: Record<string, string>) => {
  const b = Number(opts.baud ?? 115200);
  if (!Number.isInteger(b) || b <= 0) throw new Error('--baud must be a number (e.g. 115200)');
  return b;
};

const verboseOutput = (opts: Record<string, string>) => (opts.verbose ? (t: string) => process.stderr.write(Buffer.from(t, 'latin1')) : undefined);

const selftestBoard = async (opts: Record<string, string>): Promise<number> => {
  const started = Date.now();
  const r = await selftestOnBoard({ port: opts.port, timeoutSec: timeoutOf(opts), log: (l) => console.log(l), onOutput: verboseOutput(opts), baud: baudOf(opts) });
  const skipped = r.skipped ? ', ' + r.skipped + ' skipped (not in this build)' : '';
  console.log('self-test on ' + opts.port + ': ' + r.passed + ' passed, ' + r.failed + ' failed' + skipped + ' (' + ((Date.now() - started) / 1000).toFixed(1) + ' s)');
  return r.failed === 0 && r.passed > 0 ? 0 : 1;
};

/** `--build <name>`: one of this package's builds (src/host/variants.mjs), or `universal`. */
const buildFile = (name: string): string => {
  if (name === 'universal') return join(packageRoot(), profileFile().moduleFile);
  if (!/^[a-z0-9]+$/.test(name) || !(name in VARIANTS)) throw new Error('--build takes one of: ' + Object.keys(VARIANTS).join(', ') + ', universal');
  return join(packageRoot(), profileFile().variantsDir, name + '.min.js');
};

const flashCommand = async (opts: Record<string, string>): Promise<number> => {
  if (opts.build && opts.module) throw new Error('give --build or --module, not both');
  if (!opts.port) throw new Error('flash needs --port (e.g. /dev/ttyACM0, tcp://192.168.1.50, tcp://127.0.0.1:2323); see microjwt --help');
  const board = boardOf(opts);
  const report = await flash({
    port: opts.port,
    board,
    moduleFile: opts.module ? resolve(opts.module) : opts.build ? buildFile(opts.build) : moduleFileFor(board),
    timeoutSec: timeoutOf(opts),
    log: (l) => console.log(l),
    onOutput: verboseOutput(opts),
    baud: baudOf(opts),
  });
  console.log('flashed in ' + report.seconds.toFixed(1) + ' s');
  if (opts['no-selftest']) return 0;
  return selftestBoard(opts);
};

const serveCommand = async (opts: Record<string, string>): Promise<number> => {
  const port = Number(opts.port ?? 2323);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a TCP port number');
  const board = getProfile(boardOf(opts));
  const s = await serve({
    ...(opts.empty !== undefined ? { storageBytes: board.storageBytes } : emulatedBoard(opts, board.name)),
    board: board.name,
    port,
    storageFile: opts['storage-file'],
    empty: opts.empty !== undefined,
    time: parseTime(opts.time),
    log: (line) => console.log('[serve] ' + line),
  });
  console.log('microjwt serve: emulated ' + board.title + ' (' + board.name + '), REPL on tcp://127.0.0.1:' + s.port + ' (Ctrl-C to stop)');
  console.log('  npx espruino --no-ble -p tcp://127.0.0.1:' + s.port + '      # a terminal');
  console.log('  npx microjwt flash --board ' + board.name + ' --port tcp://127.0.0.1:' + s.port);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await s.close();
  return 0;
};

const main = async (): Promise<number> => {
  const [cmd, ...argv] = process.argv.slice(2);
  const { opts, rest } = parse(argv);
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help' || opts.help) {
    process.stdout.write(HELP);
    return cmd ? 0 : 1;
  }
  if (cmd === 'emulate') {
    if (rest.length !== 1) throw new Error('usage: microjwt emulate <script.js> [--board b]');
    return emulate(rest[0], opts);
  }
  if (cmd === 'selftest') {
    if (opts.port) return selftestBoard(opts);
    // Statement by statement, as `selftest --port` sends it to a board.
    const board = boardOf(opts);
    const r = await runStatements(readFileSync(join(packageRoot(), 'board', 'selftest.js'), 'utf8'), { ...emulatedBoard(opts, board), board, filename: 'selftest.js' });
    process.stdout.write(r.output);
    return !r.error && /(\d+) passed, 0 failed(, \d+ skipped[^\n]*)?\s*$/.test(r.output) ? 0 : 1;
  }
  if (cmd === 'flash') return flashCommand(opts);
  if (cmd === 'serve') return serveCommand(opts);
  throw new Error('unknown command "' + cmd + '" (see microjwt --help)');
};

// `microjwt emulate s.js | head`: a closed pipe ends the command quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('microjwt: ' + (e instanceof BoardError ? e.message : e && e.message ? e.message : String(e)));
    process.exit(2);
  },
);
