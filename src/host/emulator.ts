// Host emulator of an Espruino board: runs an ES5 device script in a fresh
// `vm` context that offers what Espruino 2v29 offers and nothing more, per
// board profile (espruino.json). The device-side runtime is prelude.js; this
// file is the host half: source preparation, the bridge (crypto, Storage,
// clock, output), timers, and the result.
import vm from 'node:vm';
import nodeCrypto from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { installEspruino } from './prelude.js';
import * as acorn from 'acorn';
import { prepareDeviceSource, DeviceSyntaxError } from './transform';
import { estimateLoadCost } from './loadcost.mjs';
import { getProfile, builtModule, profileFile } from './paths';
import { deviceBytes, fromDeviceBytes } from './utf8model';
import type { DeviceHandle } from './device';
import { installNetwork } from './network';
import { FlashGate, PowerCut } from './powercut';

export interface RunOptions {
  /** Board profile name from espruino.json (default: its defaultBoard). */
  board?: string;
  /** Initial Storage files (name -> text; text is stored as its UTF-8 bytes). */
  storage?: Record<string, string>;
  /** JSON file backing Storage across runs (a reboot keeps the files). */
  storageFile?: string;
  /** 'host' (default): clock starts at host time, as after the CLI connects; 'unset': 1970; a number: seconds. */
  time?: number | 'host' | 'unset';
  /** Limit for the script and for each timer callback. */
  timeoutMs?: number;
  /**
   * Size of the Storage area in bytes, as `getStats().totalBytes` reports it
   * (default 262144, the Linux build's: the test harness runs each build on
   * each profile, even one larger than that board's Storage; the CLI gives
   * each board its real size and refuses what would not fit).
   */
  storageBytes?: number;
  /** Module text preloaded in Storage as `microjwt` (default: dist/microjwt.min.js); false: none. */
  module?: string | false;
  /** File name shown in syntax errors. */
  filename?: string;
  /** Receives device output as it is printed (bytes as a latin1 string), e.g. for a console or a live terminal. */
  onOutput?: (text: string) => void;
  /** Host-side extension (serve.ts's REPL): gets the running device before the script runs. See device.ts. */
  attach?: (device: DeviceHandle) => void;
  /** Cut the power during the N-th flash write (see powercut.ts). */
  powerCut?: PowerCut;
}

export interface MemoryInfo {
  free: number;
  usage: number;
  total: number;
  history: number;
  gc: number;
  gctime: number;
  blocksize: number;
}

export interface RunResult {
  /** What the script printed, as the terminal shows it (device bytes decoded as UTF-8). */
  output: string;
  /** First uncaught error, syntax error, emulated abort, or timeout. */
  error?: string;
  memory: MemoryInfo;
  /** Wall time of the run, ms. */
  durationMs: number;
  /** Flash writes the run made (Storage writes and erases, StorageFile appends). */
  flashWrites: number;
}

const STORAGE_BYTES = 262144; // the harness's default, as the board-like Linux build reports (RunOptions.storageBytes)
const MAX_TIMER_CALLS = 1000;
const FATAL = Object.freeze({ toString: () => 'emulated interpreter abort' });

let preludeScript: vm.Script | undefined;
const scriptCache = new Map<string, vm.Script>();
const compile = (code: string, filename: string): vm.Script => {
  const key = filename + '\0' + code;
  let s = scriptCache.get(key);
  if (!s) {
    if (scriptCache.size > 100) scriptCache.clear();
    s = new vm.Script(code, { filename });
    scriptCache.set(key, s);
  }
  return s;
};

const HASHES: Record<string, string> = { SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

/** AES as Espruino's crypto.AES does it: no padding; errors are messages, not exceptions. */
export const espruinoAes = (encrypt: boolean, mode: string, data: Buffer, key: Buffer, ivIn: Buffer): { ok?: Buffer; error?: string } => {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) return { error: 'Unknown error: -0x20' };
  if (mode === 'OFB') return { error: 'Feature unavailable' };
  const bits = key.length * 8;
  const iv = Buffer.alloc(16);
  ivIn.copy(iv, 0, 0, Math.min(16, ivIn.length));
  const run = (algo: string, input: Buffer, withIv: Buffer | null) => {
    const c = encrypt ? nodeCrypto.createCipheriv(algo, key, withIv) : nodeCrypto.createDecipheriv(algo, key, withIv);
    c.setAutoPadding(false);
    return Buffer.concat([c.update(input), c.final()]);
  };
  if (mode === 'CBC') {
    if (data.length % 16) return { error: 'Invalid input length' };
    return { ok: run('aes-' + bits + '-cbc', data, iv) };
  }
  if (mode === 'ECB') {
    // A trailing partial block is left as it is (measured).
    const full = data.length - (data.length % 16);
    return { ok: Buffer.concat([run('aes-' + bits + '-ecb', data.subarray(0, full), null), data.subarray(full)]) };
  }
  if (mode === 'CFB') return { ok: run('aes-' + bits + '-cfb8', data, iv) };
  // CTR ignores the IV: the counter block starts at zero (measured).
  return { ok: run('aes-' + bits + '-ctr', data, Buffer.alloc(16)) };
};

type Files = Map<string, string>; // name -> bytes as latin1

const loadStorage = (opts: RunOptions, board: string): Files => {
  const files: Files = new Map();
  if (opts.storageFile && existsSync(opts.storageFile)) {
    const saved = JSON.parse(readFileSync(opts.storageFile, 'utf8')) as Record<string, string>;
    for (const [k, v] of Object.entries(saved)) files.set(k, Buffer.from(v, 'base64').toString('latin1'));
  }
  for (const [k, v] of Object.entries(opts.storage ?? {})) files.set(k, Buffer.from(v, 'utf8').toString('latin1'));
  if (opts.module !== false && !files.has(profileFile().module)) {
    files.set(profileFile().module, opts.module === undefined ? builtModule(board) : Buffer.from(opts.module, 'utf8').toString('latin1'));
  }
  return files;
};

const saveStorage = (file: string, files: Files) => {
  const out: Record<string, string> = {};
  for (const [k, v] of files) out[k] = Buffer.from(v, 'latin1').toString('base64');
  writeFileSync(file, JSON.stringify(out, null, 1));
};

/** Runs a device script (its text as read from a UTF-8 file) on an emulated board. */
/** JsVars a module costs at load on a board (see loadcost.mjs); memoised, modules repeat across runs. */
const loadCosts = new Map<string, number>();
const loadCost = (code: string): number => {
  let cost = loadCosts.get(code);
  if (cost === undefined) {
    cost = estimateLoadCost(code, acorn);
    loadCosts.set(code, cost);
  }
  return cost;
};

export const runDeviceScript = async (source: string, opts: RunOptions = {}): Promise<RunResult> => {
  const started = performance.now();
  const profile = getProfile(opts.board ?? profileFile().defaultBoard);
  const bytes = !profile.unicode;
  const timeout = opts.timeoutMs ?? 20000;
  const filename = opts.filename ?? 'script.js';
  const files = loadStorage(opts, profile.name);
  // On a byte-string board the script's UTF-8 bytes are its characters.
  const deviceText = (text: string) => (bytes ? Buffer.from(text, 'utf8').toString('latin1') : text);
  const decodeUtf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');

  let out = '';
  // Live output waits while a gate is open (see DeviceHandle.gateOutput).
  let gates = 0;
  let gated = '';
  const emit = (s: string) => {
    out += s;
    if (!opts.onOutput) return;
    if (gates > 0) gated += s;
    else opts.onOutput(s);
  };
  let error: string | undefined;
  let fatal: string | undefined;
  const clockStart = opts.time === undefined || opts.time === 'host' ? Date.now() : opts.time === 'unset' ? 0 : opts.time * 1000;
  let clockOffset = clockStart - performance.now();
  let moduleUsage = 0;
  // The script's own text stays in RAM while it runs: ~10 bytes per JsVar (measured).
  const scriptUsage = Math.ceil(Buffer.byteLength(source) / 10);
  const ctx = vm.createContext({});
  const flash = new FlashGate(files, opts.powerCut, (n) => H.fatal('power cut during flash write ' + n));

  const H = {
    profile: { bytes, crypto: profile.crypto, board: profile.board, jsVars: profile.jsVars, blocksize: profile.unicode ? 27 : 13 },
    write: (s: string) => {
      if (fatal === undefined) emit(s);
    },
    fatal: (msg: string) => {
      if (fatal === undefined) {
        fatal = msg;
        emit('FATAL (emulated): ' + msg + '\n');
      }
      return FATAL;
    },
    // Unicode (linux) profile only: the two kinds of strings, see utf8model.ts.
    utf8: deviceBytes,
    fromUtf8: fromDeviceBytes,
    rand: () => nodeCrypto.randomBytes(4).readInt32LE(0),
    now: () => performance.now() + clockOffset,
    setTime: (sec: number) => {
      clockOffset = sec * 1000 - performance.now();
    },
    advanceTo: (ms: number) => {
      const now = performance.now() + clockOffset;
      if (ms > now) clockOffset += ms - now;
    },
    btoa: (bin: string) => Buffer.from(bin, 'latin1').toString('base64'),
    hash: (alg: string, bin: string) => nodeCrypto.createHash(HASHES[alg]).update(Buffer.from(bin, 'latin1')).digest().toString('latin1'),
    pbkdf2: (pass: string, salt: string, iterations: number, keyLen: number, hasher: string) =>
      nodeCrypto.pbkdf2Sync(Buffer.from(pass, 'latin1'), Buffer.from(salt, 'latin1'), iterations, keyLen, HASHES[hasher]).toString('latin1'),
    aes: (encrypt: boolean, mode: string, data: string, key: string, iv: string) => {
      const r = espruinoAes(encrypt, mode, Buffer.from(data, 'latin1'), Buffer.from(key, 'latin1'), Buffer.from(iv, 'latin1'));
      return r.ok ? { ok: r.ok.toString('latin1') } : { error: r.error };
    },
    sRead: (name: string) => files.get(name),
    sWrite: (name: string, data: string) => flash.write(name, data),
    sErase: (name: string) => flash.erase(name),
    sEraseAll: () => flash.eraseAll(),
    sList: () => JSON.stringify([...files.keys()]),
    sStats: () => {
      let used = 0;
      for (const v of files.values()) used += 32 + Math.ceil(v.length / 4) * 4;
      const total = opts.storageBytes ?? STORAGE_BYTES;
      return { totalBytes: total, freeBytes: Math.max(0, total - used), fileBytes: used, fileCount: files.size, trashBytes: 0, trashCount: 0 };
    },
    compileModule: (name: string, text: string) => {
      let code: string;
      try {
        code = prepareDeviceSource(bytes ? text : decodeUtf8(text), bytes);
      } catch (e) {
        return e instanceof DeviceSyntaxError ? e.message + ' (in module ' + name + ')' : String(e);
      }
      // Module code stays in flash on the device; what costs RAM is what the
      // module makes at load (functions, properties, strings): see loadcost.mjs.
      moduleUsage += loadCost(code);
      return compile('(function (exports, module) {' + code + '\n})', 'Storage:' + name).runInContext(ctx);
    },
    baseUsage: () => 40 + scriptUsage + moduleUsage,
  };

  preludeScript ??= new vm.Script('(' + installEspruino.toString() + ')', { filename: 'espruino-prelude.js' });
  const internals = preludeScript.runInContext(ctx)(H) as {
    describe: (e: unknown) => string;
    runTimer: () => boolean;
    memory: () => MemoryInfo;
    nextTimer: () => number;
    inspect: (v: unknown) => string;
    addModule: (name: string, exports: unknown) => void;
    addGlobal: (name: string, value: unknown) => void;
  };
  const timerScript = compile('this.__microjwtEmulatorTimer__()', 'timer');
  Object.defineProperty(vm.runInContext('this', ctx), '__microjwtEmulatorTimer__', { value: internals.runTimer, enumerable: false });

  /** Runs one piece of device code; true when it may go on. */
  const guard = (fn: () => unknown): boolean => {
    try {
      fn();
      return true;
    } catch (e) {
      if (e === FATAL || fatal !== undefined) {
        error ??= 'FATAL: ' + fatal;
        return false;
      }
      if (e && (e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        emit('Timeout: script ran longer than ' + timeout + ' ms (emulator)\n');
        error ??= 'timeout after ' + timeout + ' ms';
        return false;
      }
      if (e instanceof DeviceSyntaxError) {
        emit('Uncaught ' + e.message + '\n');
        error ??= e.message;
        return false;
      }
      const line = internals.describe(e);
      emit(line + '\n');
      error ??= line.replace(/^Uncaught /, '');
      return true;
    }
  };
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  // ---- host extensions (the REPL, the network): see device.ts. While one
  // holds the device, timers run in real time and host events are queued.
  let holds = 0;
  let stopped = false;
  const events: (() => void)[] = [];
  const stopHooks: (() => void)[] = [];
  let wakeLoop: (() => void) | undefined;
  const wake = () => {
    const w = wakeLoop;
    wakeLoop = undefined;
    if (w) w();
  };
  let pendingCall: (() => void) | undefined;
  Object.defineProperty(vm.runInContext('this', ctx), '__microjwtEmulatorCall__', {
    value: () => {
      const f = pendingCall;
      pendingCall = undefined;
      if (f) f();
    },
    enumerable: false,
  });
  const callScript = compile('this.__microjwtEmulatorCall__()', 'event');
  const device: DeviceHandle = {
    context: ctx,
    profile,
    evaluate: (code) => {
      try {
        const text = bytes ? code : decodeUtf8(code);
        return { ok: true, value: compile(prepareDeviceSource(text, bytes), 'REPL').runInContext(ctx, { timeout }) };
      } catch (e) {
        if (e === FATAL || fatal !== undefined) device.stop();
        else if (e && (e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') emit('Timeout: ran longer than ' + timeout + ' ms (emulator)\n');
        else if (e instanceof DeviceSyntaxError) emit('Uncaught ' + e.message + '\n');
        else emit(internals.describe(e) + '\n');
        return { ok: false };
      } finally {
        wake(); // the code may have set a timer
      }
    },
    inspect: (v) => internals.inspect(v),
    post: (fn) => {
      events.push(fn);
      wake();
    },
    hold: () => {
      holds++;
      let held = true;
      return () => {
        if (held) {
          held = false;
          holds--;
          wake();
        }
      };
    },
    gateOutput: () => {
      gates++;
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        gates--;
        if (gates === 0 && gated && opts.onOutput) {
          const s = gated;
          gated = '';
          opts.onOutput(s);
        }
      };
    },
    addModule: (name, exports) => internals.addModule(name, exports),
    addGlobal: (name, value) => internals.addGlobal(name, value),
    write: (s) => H.write(s),
    stop: () => {
      stopped = true;
      wake();
    },
    onStop: (fn) => {
      stopHooks.push(fn);
    },
  };
  installNetwork(device);
  if (opts.attach) opts.attach(device);

  const ok = guard(() => compile(prepareDeviceSource(deviceText(source), bytes), filename).runInContext(ctx, { timeout }));
  await settle();
  if (ok) {
    let timerCalls = 0;
    while (fatal === undefined && !stopped) {
      const event = events.shift();
      if (event) {
        if (!guard(() => ((pendingCall = event), callScript.runInContext(ctx, { timeout })))) break;
        await settle();
        continue;
      }
      const next = internals.nextTimer();
      if (holds === 0) {
        // Nothing outside can happen: virtual time, each timer at once.
        if (next < 0 || timerCalls++ >= MAX_TIMER_CALLS) break;
      } else if (next < 0 || next > H.now()) {
        // Held (a server, a console): wait in real time for the next timer or a host event.
        await new Promise<void>((resolve) => {
          const t = next < 0 ? undefined : setTimeout(wake, Math.min(next - H.now() + 1, 2147483647));
          wakeLoop = () => {
            if (t) clearTimeout(t);
            resolve();
          };
        });
        continue;
      }
      if (!guard(() => timerScript.runInContext(ctx, { timeout }))) break;
      await settle();
    }
  }
  for (const fn of stopHooks.splice(0)) fn();
  // Output still held back by a gate (a server that never bound) is shown at the end.
  if (gated && opts.onOutput) opts.onOutput(gated);
  gated = '';
  if (fatal !== undefined) error ??= 'FATAL: ' + fatal;
  if (opts.storageFile) saveStorage(opts.storageFile, files);
  const memory = { ...internals.memory() };
  // Every profile prints bytes (the linux profile a UTF-8 string's bytes); the terminal reads UTF-8.
  return { output: decodeUtf8(out), error: error !== undefined && !bytes ? decodeUtf8(error) : error, memory, durationMs: performance.now() - started, flashWrites: flash.writes };
};
