// The emulator's StorageFile against the device (test/host/storagefile.out
// was printed by the board-like 2v29 build), its flash-write count, and the
// power cut of powercut.ts.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';
import { torn } from '../../src/host/powercut';

const script = readFileSync(join(__dirname, 'storagefile.js'), 'utf8');
const expected = readFileSync(join(__dirname, 'storagefile.out'), 'utf8');

describe('StorageFile', () => {
  it('emulator prints what the device printed', async () => {
    const r = await runDeviceScript(script, { board: 'pico', module: false });
    expect(r.error).toBeUndefined();
    expect(r.output).toBe(expected);
  });
  for (const bin of espruinoBinaries()) {
    it('real interpreter ' + bin + ' prints the same', async () => {
      const r = await runOnEspruino(bin, script, { timeoutMs: 60000 });
      expect(r.output.replace(/\n>?$/, '\n')).toBe(expected);
    });
  }
  if (!espruinoBinaries().length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
});

describe('flash writes and power cuts', () => {
  const scenario = 'var S = require("Storage"); S.write("a", "1234"); var f = S.open("l", "a"); f.write("hello\\n"); f.write("world\\n"); S.erase("a"); S.erase("none"); print("done");';

  it('counts each flash write: Storage writes, StorageFile appends and chunk creations, erases of existing files', async () => {
    const r = await runDeviceScript(scenario, { module: false });
    expect(r.output).toBe('done\n');
    expect(r.flashWrites).toBe(4);
    const chunk = await runDeviceScript('var f = require("Storage").open("l", "a"); var s = ""; while (s.length < 990) s += "x"; f.write(s); f.write("abcd");', { module: false });
    expect(chunk.flashWrites).toBe(3); // create chunk 1, fill it, create chunk 2
  });

  it('a cut at write N stops the script there (uncatchable: no output after it) and keeps Storage as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'microjwt-cut-'));
    try {
      for (let n = 1; n <= 4; n++) {
        const storageFile = join(dir, 'cut' + n + '.json');
        const src = 'try { ' + scenario + ' } catch (e) { print("caught"); require("Storage").write("after", "x"); }';
        const r = await runDeviceScript(src, { module: false, storageFile, powerCut: { atWrite: n } });
        expect(r.error).toBe('FATAL: power cut during flash write ' + n);
        expect(r.output).not.toContain('caught');
        expect(r.output).not.toContain('done');
        const after = await runDeviceScript('var S = require("Storage"); print(JSON.stringify(S.list()), JSON.stringify(S.open("l", "r").read(100)));', { module: false, storageFile });
        const files = n === 1 ? '[]' : n === 2 ? '["a"]' : '["a","l\\u0001"]';
        const log = n <= 2 ? undefined : n === 3 ? '"hello\\n"' : '"hello\\nworld\\n"';
        expect(after.output).toBe(files + ' ' + log + '\n');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a torn write leaves the first half of the bytes it changes', () => {
    expect(torn(undefined, 'abcd')).toBe('ab\xff\xff');
    expect(torn('hello\xff\xff\xff\xff', 'hello1234')).toBe('hello12\xff\xff');
    expect(torn('abc', 'abc')).toBe('abc');
    expect(torn('\xff\xff\xff', 'xyz')).toBe('xy\xff');
    // A new chunk: half of its data, not half of the chunk.
    expect(torn(undefined, 'abcdef' + '\xff'.repeat(100))).toBe('abc' + '\xff'.repeat(103));
  });
});
