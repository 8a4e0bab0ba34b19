// `microjwt` command: run device scripts in the emulator, flash the module to a
// board (or the Linux build's telnet REPL) with the official Espruino CLI, and
// run the on-device self-test.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDeviceScript } from './emulator';
import { boardNames, packageRoot, profileFile, getProfile } from './paths';

const HELP = `microjwt - JWT for Espruino: emulator and board tools

Usage:
  microjwt emulate <script.js> [--board <b>] [--time host|unset|<secs>] [--storage-file <f>]
      Run a device script in the emulated board (Storage already holds the
      built module as 'microjwt'). Prints what the script prints; exits 1 on an
      uncaught error.
  microjwt selftest [--board <b>]
      Run board/selftest.js in the emulator.
  microjwt flash [--port <p>] [--board <b>] [--timeout <secs>]
      Write dist/microjwt.min.js into the board's Storage as 'microjwt' with the
      official Espruino CLI, then run board/selftest.js on the board.
      --port: /dev/ttyACM0, tcp://127.0.0.1:2323 (Linux build --telnet), ...
  microjwt --help

Boards: ${boardNames().join(', ')} (default ${profileFile().defaultBoard}, see espruino.json)
`;

const parse = (argv: string[]) => {
  const opts: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) opts[a.slice(2, eq)] = a.slice(eq + 1);
      else if (a === '--help' || a === '-h') opts.help = '1';
      else opts[a.slice(2)] = argv[++i] ?? '';
    } else if (a === '-h') opts.help = '1';
    else rest.push(a);
  }
  return { opts, rest };
};

const emulate = async (file: string, opts: Record<string, string>): Promise<number> => {
  if (!existsSync(file)) throw new Error('no such script: ' + file);
  const t = opts.time;
  const time = t === undefined || t === 'host' ? 'host' : t === 'unset' ? 'unset' : Number(t);
  if (typeof time === 'number' && !Number.isFinite(time)) throw new Error('--time must be host, unset or seconds');
  const r = await runDeviceScript(readFileSync(file, 'utf8'), {
    board: opts.board,
    time,
    storageFile: opts['storage-file'],
    filename: file,
  });
  process.stdout.write(r.output);
  return r.error ? 1 : 0;
};

/** Runs the official CLI (node_modules/espruino) with a hard timeout: it may never exit after small uploads. */
const espruinoCli = (args: string[], timeoutSec: number): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const bin = join(packageRoot(), 'node_modules', 'espruino', 'bin', 'espruino-cli.js');
    const cmd = existsSync(bin) ? process.execPath : 'npx';
    const argv = existsSync(bin) ? [bin, ...args] : ['espruino', ...args];
    const child = spawn(cmd, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSec * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

const flash = async (opts: Record<string, string>): Promise<number> => {
  const root = packageRoot();
  const profile = getProfile(opts.board ?? profileFile().defaultBoard);
  const port = opts.port ?? '/dev/ttyACM0';
  const moduleFile = join(root, profileFile().moduleFile);
  if (!existsSync(moduleFile)) throw new Error(moduleFile + ' is missing: run `node build.mjs` first');
  const selftest = readFileSync(join(root, 'board', 'selftest.js'), 'utf8');
  const timeout = Number(opts.timeout ?? 120);
  // SERIAL_THROTTLE_SEND=1: without it the CLI never returns after an upload
  // of 512 characters or less (see README, "Flashing").
  const base = ['--no-ble', '-p', port, '--board', profile.board, '--config', 'SERIAL_THROTTLE_SEND=1'];
  console.log('flashing ' + moduleFile + ' to ' + port + ' as Storage file "' + profileFile().module + '"...');
  const up = await espruinoCli([...base, '--storage', profileFile().module + ':' + moduleFile, '-e', 'print("stored", require("Storage").read("' + profileFile().module + '").length)'], timeout);
  const size = readFileSync(moduleFile).length;
  if (!up.output.includes('stored ' + size)) {
    console.error('upload failed or incomplete (expected "stored ' + size + '")');
    return 1;
  }
  console.log('running board/selftest.js on the board...');
  const st = await espruinoCli([...base, '-e', selftest.replace(/\r?\n/g, '\n')], timeout);
  const m = /(\d+) passed, (\d+) failed/.exec(st.output);
  return m && Number(m[1]) > 0 && m[2] === '0' ? 0 : 1;
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
    const r = await runDeviceScript(readFileSync(join(packageRoot(), 'board', 'selftest.js'), 'utf8'), { board: opts.board, filename: 'selftest.js' });
    process.stdout.write(r.output);
    return !r.error && /(\d+) passed, 0 failed\s*$/.test(r.output) ? 0 : 1;
  }
  if (cmd === 'flash') return flash(opts);
  throw new Error('unknown command "' + cmd + '" (see microjwt --help)');
};

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('microjwt: ' + (e && e.message ? e.message : String(e)));
    process.exit(2);
  },
);
