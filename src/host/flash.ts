// `microjwt flash` and `microjwt selftest --port`: put the module into a
// board's Storage through the official Espruino CLI (espruinocli.ts), check
// what landed, and run board/selftest.js there.
//
// flash, step by step:
//   1. the port exists (a device file, or something listening at tcp://...);
//   2. the board answers at its REPL; after a reset() (RAM cleared, Storage
//      kept) it says what it has: firmware, free Storage, its `crypto`
//      functions, its JsVars;
//   3. the chosen build fits: enough free Storage, the native functions a
//      per-board build relies on, the JsVars it takes at load;
//   4. the module goes into Storage in 384-byte chunks, as the CLI's own
//      `--storage` writes them (`require("Storage").write(name, atob(..),
//      offset[, size])`), each acknowledged by the board: progress is exact and
//      a slow flash write never overruns the board's input;
//   5. the board hashes the Storage file (native SHA-256, or microjwt's own
//      where the board has no `crypto`) and the length and hash must match.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { basename, join } from 'node:path';
import * as acorn from 'acorn';
import { BoardError, BoardSession, MISSING_CLI, findEspruinoCli } from './espruinocli';
import { estimateLoadCost } from './loadcost.mjs';
import { getProfile, moduleFileFor, packageRoot, profileFile } from './paths';

export { moduleFileFor };
import { deviceStatements } from './statements';

const CHUNK = 384; // as the CLI's --storage: a multiple of 3, so each chunk is whole base64
const HASHES = ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'PBKDF2', 'AES'];

export interface BoardInfo {
  version: string;
  board: string;
  /** Free Storage, bytes. */
  free: number;
  /** The whole Storage area, bytes (`getStats().totalBytes`), or -1 where the firmware cannot say. */
  size: number;
  /** Length of the Storage file `microjwt` already there, or -1. */
  existing: number;
  crypto: string[];
  /** process.memory(): JsVars in all and free. */
  total: number;
  memFree: number;
}

export interface FlashOptions {
  port: string;
  /** Board profile (espruino.json) the build is for. */
  board: string;
  /** The module file; default the board's build (dist/variants/<board>.min.js when there is one) or dist/microjwt.min.js. */
  moduleFile?: string;
  /** Overall limit, seconds. */
  timeoutSec?: number;
  /** Progress and report lines. */
  log: (line: string) => void;
  /** Board output as it arrives (for --verbose). */
  onOutput?: (text: string) => void;
  /** The official CLI command (default: found by findEspruinoCli). */
  cli?: string[];
  /** Serial baud rate (default 115200, an ESP32's console; USB boards ignore it). */
  baud?: number;
}

export interface FlashReport {
  info: BoardInfo;
  moduleFile: string;
  bytes: number;
  sha256: string;
  hashedWith: string;
  freeBefore: number;
  freeAfter: number;
  seconds: number;
}

/**
 * What a build needs from the board. A per-board build (dist/variants/<b>.min.js)
 * may leave out the pure-JS code for what board <b> has natively, so it needs
 * every `crypto` function that board's profile lists; the core build needs
 * SHA-256; the generic build needs none. Any build needs the JsVars it makes at load (loadcost.mjs's estimate)
 * plus room to work.
 */
export const buildNeeds = (moduleFile: string, text: string): { board?: string; crypto: string[]; jsVars: number } => {
  const m = /(?:^|[\\/])variants[\\/]([A-Za-z0-9_-]+)\.min\.js$/.exec(moduleFile);
  // The core build has no pure hash at all: it needs a native SHA-256 (src/lean/native.ts).
  if (m && m[1] === 'core') return { board: 'core', crypto: ['SHA256'], jsVars: estimateLoadCost(text, acorn) };
  const board = m && profileFile().boards[m[1]] ? m[1] : undefined;
  const crypto = board ? getProfile(board).crypto ?? [] : [];
  return { board, crypto, jsVars: estimateLoadCost(text, acorn) };
};

/** Room a running app needs besides the module (JsVars). */
const WORKING_VARS = 500;

/** Storage bytes a file takes: a 32-byte header, data padded to 4 bytes (as Espruino's jsflash). */
const storageBytes = (size: number) => 32 + Math.ceil(size / 4) * 4;

/**
 * When a build is larger than a board's whole Storage: the core build
 * (JWS/JWT only, over the native SHA-256) if it fits that board, as advice.
 */
const coreBuildHint = (moduleFile: string, storageSize: number, crypto: string[]): string => {
  const core = join(packageRoot(), profileFile().variantsDir, 'core.min.js');
  if (basename(moduleFile) === 'core.min.js' || !existsSync(core) || crypto.indexOf('SHA256') < 0) return '';
  const size = readFileSync(core).length;
  if (storageBytes(size) > storageSize) return '';
  return 'The core build fits (' + size + ' bytes: JWS/JWT with HS256/384/512, without JWE, sessions or KeySet): use --build core. ';
};

/**
 * Why a module of `size` bytes cannot go into a Storage area of
 * `storageSize` bytes in all (an Espruino Pico keeps 48 KB, a Puck.js 40
 * KB), or undefined when it fits. Erasing files cannot help there, so the
 * message says what can: the core build, or a board with more flash. Shared
 * by `flash` and by the emulator commands, which refuse what the board would.
 */
export const tooBigForStorage = (moduleFile: string, size: number, storageSize: number, crypto: string[]): string | undefined => {
  const need = storageBytes(size);
  if (!(storageSize > 0) || need <= storageSize) return undefined;
  return (
    basename(moduleFile) + ' is too big for this board: it needs ' + need + ' bytes of Storage and the board has ' + storageSize + ' in all, so erasing files cannot make room. ' +
    coreBuildHint(moduleFile, storageSize, crypto) +
    'Otherwise use a board with more flash (an ESP32 or a Raspberry Pi Pico); see "Storage on the smallest boards" in the README.'
  );
};

/** Fails with a clear message when nothing is at `port`. */
export const checkPort = async (port: string): Promise<void> => {
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(port);
  if (tcp) {
    const host = tcp[1];
    const p = tcp[2] ? Number(tcp[2]) : 23;
    await new Promise<void>((resolve, reject) => {
      const s = net.connect(p, host);
      const timer = setTimeout(() => {
        s.destroy();
        reject(new BoardError('no such port: nothing answers at ' + port + ' (connection timed out)'));
      }, 5000);
      s.on('connect', () => {
        clearTimeout(timer);
        s.destroy();
        resolve();
      });
      s.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new BoardError('no such port: nothing listens at ' + port + ' (' + (e.code ?? e.message) + '). Is the board on the network, its telnet console enabled, `microjwt serve` running?'));
      });
    });
    return;
  }
  // Serial device files; Bluetooth addresses and Windows COM ports are left to the CLI.
  if (port.startsWith('/') && !existsSync(port)) {
    throw new BoardError('no such port: ' + port + ' does not exist. Is the board plugged in (with a data cable)? `npx espruino --list` shows the ports.');
  }
};

const PROBE =
  '(function(){var S=require("Storage"),c,h=[],m=process.memory(),f=S.read(NAME);' +
  'try{c=require("crypto")}catch(e){}' +
  'if(c)LIST.forEach(function(k){if(c[k])h.push(k)});' +
  'print("@microjwt-probe "+JSON.stringify({v:process.env.VERSION,b:process.env.BOARD,free:S.getFree(),size:S.getStats?S.getStats().totalBytes:-1,file:f===undefined?-1:f.length,crypto:h,total:m.total,mfree:m.free}))})()';

const VERIFY =
  '(function(){var S=require("Storage"),d=S.read(NAME),c,h,w="crypto.SHA256",x="",i;' +
  'if(d===undefined){print("@microjwt-verify "+JSON.stringify({len:-1,free:S.getFree()}));return}' +
  'try{c=require("crypto")}catch(e){}' +
  'if(c&&c.SHA256)h=new Uint8Array(c.SHA256(d));else{w="microjwt.crypto.sha256";h=require(NAME).crypto.sha256(d)}' +
  'for(i=0;i<h.length;i++)x+=(h[i]<16?"0":"")+h[i].toString(16);' +
  'print("@microjwt-verify "+JSON.stringify({len:d.length,sha:x,how:w,free:S.getFree()}))})()';

const json = (s: string) => JSON.stringify(s);

/** Connects and makes sure the board's REPL answers. */
export const openBoard = async (port: string, cli: string[] | undefined, onOutput?: (t: string) => void, baud?: number): Promise<BoardSession> => {
  const command = cli ?? findEspruinoCli();
  if (!command) throw new BoardError(MISSING_CLI);
  await checkPort(port);
  const module = profileFile().module;
  const session = await BoardSession.open(command, { port, baud, builtinModules: ['Storage', 'crypto', 'http', 'Wifi', module], onOutput });
  // A marker only the board can print (the CLI itself prints a '>' after a
  // Ctrl-C); a busy board gets one Ctrl-C, as the CLI's own uploads do.
  const hello = () => {
    session.send('print("@microjwt-" + "hello")');
    return session.waitFor(/@microjwt-hello/, 3000, '');
  };
  try {
    await hello();
  } catch {
    session.write('\x03');
    try {
      await hello();
    } catch {
      await session.close();
      throw new BoardError(
        'the board at ' + port + ' does not answer: no Espruino prompt after Enter and Ctrl-C. Is Espruino running on it? ' +
          'Is another program (a Web IDE tab, a terminal) connected? Try unplugging it and plugging it back in.',
      );
    }
  }
  return session;
};

export const probeBoard = async (session: BoardSession): Promise<BoardInfo> => {
  session.send(PROBE.replace(/NAME/g, json(profileFile().module)).replace('LIST', JSON.stringify(HASHES)));
  const m = await session.waitFor(/@microjwt-probe (\{[^\r\n]*\})/, 15000, 'the board did not answer the probe (process.env, Storage, crypto)');
  const p = JSON.parse(m[1]) as { v: string; b: string; free: number; size?: number; file: number; crypto: string[]; total: number; mfree: number };
  return { version: p.v, board: p.b, free: p.free, size: typeof p.size === 'number' ? p.size : -1, existing: p.file, crypto: p.crypto, total: p.total, memFree: p.mfree };
};

export const flash = async (o: FlashOptions): Promise<FlashReport> => {
  const started = Date.now();
  const deadline = started + (o.timeoutSec ?? 600) * 1000;
  const left = () => Math.max(1000, deadline - Date.now());
  getProfile(o.board);
  const moduleFile = o.moduleFile ?? moduleFileFor(o.board);
  if (!existsSync(moduleFile)) throw new BoardError(moduleFile + ' is missing' + (o.moduleFile ? '' : ': run `npm run build` first'));
  const data = readFileSync(moduleFile).toString('latin1');
  if (!data.length) throw new BoardError(moduleFile + ' is empty');
  const sha256 = createHash('sha256').update(Buffer.from(data, 'latin1')).digest('hex');
  const name = profileFile().module;
  const session = await openBoard(o.port, o.cli, o.onOutput, o.baud);
  try {
    // Clear RAM first: a running app, or a copy of the module loaded from the
    // Storage file we are about to replace (its functions point into that
    // file's flash), must not outlive the rewrite. Storage is kept.
    session.send('reset()');
    await session.settle(400, 5000);
    session.take();
    const info = await probeBoard(session);
    o.log('board: ' + info.board + ', Espruino ' + info.version + ', ' + info.total + ' JsVars (' + info.memFree + ' free), crypto: ' + (info.crypto.join(' ') || 'none'));
    o.log('Storage: ' + info.free + ' bytes free before' + (info.existing >= 0 ? ' (an older "' + name + '" of ' + info.existing + ' bytes is there)' : ''));

    // 3. Does the build fit this board?
    const needs = buildNeeds(moduleFile, data);
    const missing = needs.crypto.filter((k) => info.crypto.indexOf(k) < 0);
    if (missing.length) {
      throw new BoardError(
        'this board (' + info.board + ') lacks crypto.' + missing.join(', crypto.') + ', which the ' + needs.board + ' build (' + basename(moduleFile) + ') relies on. ' +
          'Flash the build for this board (--board <its profile>) or the generic one (--module ' + join('dist', 'microjwt.min.js') + ').',
      );
    }
    if (info.total > 0 && needs.jsVars + WORKING_VARS > info.total) {
      throw new BoardError(
        'this board has ' + info.total + ' JsVars in all; ' + basename(moduleFile) + ' takes about ' + needs.jsVars + ' at load, plus ~' + WORKING_VARS + ' to work with. ' +
          'Use a board with more memory or a smaller build.',
      );
    }
    const need = storageBytes(data.length);
    const tooBig = tooBigForStorage(moduleFile, data.length, info.size, info.crypto);
    if (tooBig) throw new BoardError(tooBig);
    const reclaim = info.existing >= 0 ? storageBytes(info.existing) : 0;
    if (need > info.free + reclaim) {
      throw new BoardError(
        'not enough free Storage: ' + basename(moduleFile) + ' needs ' + need + ' bytes, the board has ' + info.free + ' free' +
          (reclaim ? ' (+' + reclaim + ' from the old "' + name + '")' : '') + '. Free some: require("Storage").list() shows the files, .erase(name) removes one, .compact() reclaims deleted space.',
      );
    }

    // 4. Upload, one acknowledged chunk at a time.
    o.log('writing ' + moduleFile + ' (' + data.length + ' bytes) to Storage as "' + name + '"...');
    let shown = 0;
    for (let off = 0; off < data.length; off += CHUNK) {
      const part = Buffer.from(data.slice(off, off + CHUNK), 'latin1').toString('base64');
      const end = Math.min(data.length, off + CHUNK);
      session.send('require("Storage").write(' + json(name) + ',atob("' + part + '"),' + off + (off === 0 ? ',' + data.length : '') + ');print("@microjwt-wrote ' + end + '")');
      await session.waitFor(new RegExp('@microjwt-wrote ' + end + '\\b'), Math.min(left(), 30000), 'the board stopped acknowledging the upload at byte ' + off + ' of ' + data.length);
      const pct = Math.floor((end * 100) / data.length);
      if (pct >= shown + 10 || end === data.length) {
        shown = pct - (pct % 10);
        o.log('  ' + String(pct).padStart(3) + '%  ' + end + ' / ' + data.length + ' bytes');
      }
    }
    const failed = /Uncaught [^\r\n]*|ERROR[^\r\n]*/.exec(session.take());
    if (failed) throw new BoardError('the board reported an error while writing: ' + failed[0]);

    // 5. Verify on the board.
    o.log('verifying on the board (length and SHA-256)...');
    session.send(VERIFY.replace(/NAME/g, json(name)));
    const v = await session.waitFor(/@microjwt-verify (\{[^\r\n]*\})/, left(), 'the board did not report the hash of what landed');
    const got = JSON.parse(v[1]) as { len: number; sha?: string; how?: string; free: number };
    if (got.len !== data.length) throw new BoardError('verification failed: Storage holds ' + got.len + ' bytes as "' + name + '", the file has ' + data.length);
    if (got.sha !== sha256) throw new BoardError('verification failed: SHA-256 on the board ' + got.sha + ' differs from the file\'s ' + sha256);
    o.log('verified: ' + got.len + ' bytes, SHA-256 ' + sha256 + ' (hashed on the board with ' + got.how + ')');
    o.log('Storage: ' + got.free + ' bytes free after (' + info.free + ' before)');
    return { info, moduleFile, bytes: data.length, sha256, hashedWith: got.how ?? '', freeBefore: info.free, freeAfter: got.free, seconds: (Date.now() - started) / 1000 };
  } finally {
    await session.close();
  }
};

export interface SelftestResult {
  passed: number;
  failed: number;
  /** Checks of code this board's build leaves out (NotSupportedError ERR_NOT_IN_BUILD). */
  skipped: number;
  output: string;
}

/** Runs board/selftest.js on the board at `port` after a reset() (a clean RAM, Storage kept). */
export const selftestOnBoard = async (o: { port: string; timeoutSec?: number; log: (line: string) => void; onOutput?: (t: string) => void; cli?: string[]; baud?: number }): Promise<SelftestResult> => {
  const file = join(packageRoot(), 'board', 'selftest.js');
  const source = readFileSync(file, 'utf8');
  if (/[^\x00-\x7f]/.test(source)) throw new BoardError(file + ' must be ASCII');
  const session = await openBoard(o.port, o.cli, o.onOutput, o.baud);
  let output = '';
  try {
    session.send('reset()');
    await session.settle(400, 5000);
    session.take();
    o.log('running board/selftest.js on the board...');
    const lines: string[] = [];
    const relay = (text: string) => {
      // Print the board's own lines as they come (without prompts and echo).
      for (const raw of text.split(/\r?\n/)) {
        const line = raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/^[\r>]+/, '');
        if (line.trim()) {
          lines.push(line);
          o.log('  ' + line);
        }
      }
    };
    for (const st of deviceStatements(source)) {
      session.send(st);
      // Line by line, so the board runs each check as it arrives (and frees its code).
      const mark = Math.random().toString(36).slice(2, 8);
      session.send('print("@microjwt-ok ' + mark + '")');
      const m = await session.waitFor(new RegExp('([\\s\\S]*?)@microjwt-ok ' + mark), (o.timeoutSec ?? 600) * 1000, 'the board stopped answering during the self-test');
      relay(m[1]);
    }
    output = lines.join('\n');
    const sum = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(output);
    if (!sum) throw new BoardError('the self-test did not finish (no "N passed, N failed" line)');
    return { passed: Number(sum[1]), failed: Number(sum[2]) + (/Uncaught /.test(output) ? 1 : 0), skipped: Number(sum[3] || 0), output };
  } finally {
    await session.close();
  }
};

export { BoardError };
