// StorageRevocationStore on damaged Storage: a foreign file is a typed error
// (and is left alone), damage to a log keeps every intact entry, random byte
// damage never crashes the store. The logs are damaged from the host between
// emulator runs.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, readFlash, storageFileText, writeFlash } from './storagerun';

const T0 = 1700000000;
const withDir = async (fn: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'microjwt-corrupt-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const open = `var mj = require('microjwt');
var s;
try { s = new mj.StorageRevocationStore('rv', { capacity: 40, clock: function () { return ${T0}; } }); print('OPEN ' + s.size()); }
catch (e) { print('ERROR ' + (e instanceof mj.JWTError) + ' ' + e.code); }
`;
const IDS = Array.from({ length: 14 }, (_, i) => 'id' + i);
const hasAll = open + `if (s) { var h = []; var ids = ${JSON.stringify(IDS)}; for (var i = 0; i < ids.length; i++) h.push(s.has(ids[i]) ? 1 : 0); print('H ' + h.join('')); }`;
/** A log with a compaction in its past: 8 entries copied before the commit line, 6 appended after. */
const build = `var mj = require('microjwt');
var T = ${T0};
var s = new mj.StorageRevocationStore('rv', { capacity: 40, clock: function () { return T; } });
for (var i = 0; i < 8; i++) s.add('id' + i, T + 1000);
s.add('gone', T + 1); T += 5; s.prune(T);
for (var i = 8; i < 14; i++) s.add('id' + i, T + 1000);
print('SLOT ' + (s._gen & 1));
`;

const held = (output: string): string => /H (\d+)/.exec(output)?.[1] ?? 'none: ' + output;

describe('StorageRevocationStore on damaged Storage', () => {
  it('a foreign file where the log would be: ERR_STORE_CORRUPT, and the file is left alone', () =>
    withDir(async (dir) => {
      const file = join(dir, 'f.json');
      for (const setup of [
        'require("Storage").write("rv0\\x01", "someone else\'s data, not a log");',
        'var f = require("Storage").open("rv1", "w"); f.write("line one\\n"); f.write("line two\\n");',
      ]) {
        rmSync(file, { force: true });
        await boot(setup, file);
        const before = JSON.stringify([...readFlash(file)]);
        const r = await boot(open, file);
        expect(r.output).toBe('ERROR true ERR_STORE_CORRUPT\n');
        expect(JSON.stringify([...readFlash(file)])).toBe(before);
      }
    }));

  it('an empty or torn-header slot is not foreign: a new log is made', () =>
    withDir(async (dir) => {
      const file = join(dir, 'f.json');
      await boot('var f = require("Storage").open("rv0", "w"); f.write("Hmjr");', file);
      expect((await boot(open, file)).output).toBe('OPEN 0\n');
      expect((await boot(open, file)).output).toBe('OPEN 0\n');
    }));

  it('damage to a header, an entry, the commit line or the tail keeps every intact entry', () =>
    withDir(async (dir) => {
      const file = join(dir, 'base.json');
      const made = await boot(build, file);
      expect(made.error, made.output).toBeUndefined();
      const slot = 'rv' + /SLOT (\d)/.exec(made.output)![1];
      const base = readFlash(file);
      const text = storageFileText(base, slot)!;
      expect((await boot(hasAll, file)).output).toBe('OPEN 14\nH ' + '1'.repeat(14) + '\n');
      const lines = text.split('\n');
      const at = (prefix: string) => text.indexOf(prefix);
      const cases: [string, number, string][] = [
        ['header', 1, '1'.repeat(14)],
        ['entry before the commit', at('R' + (T0 + 1000) + ' id3 '), '11101111111111'],
        ['commit line', at('\nC') + 2, '1'.repeat(14)],
        ['entry after the commit', at(' id10 ') + 2, '11111111110111'],
      ];
      for (const [what, pos, want] of cases) {
        const files = new Map(base);
        const chunk = slot + '\x01';
        const d = files.get(chunk)!;
        files.set(chunk, d.slice(0, pos) + String.fromCharCode(d.charCodeAt(pos) ^ 0x21) + d.slice(pos + 1));
        const f = join(dir, what.replace(/ /g, '-') + '.json');
        writeFlash(f, files);
        const r = await boot(hasAll, f);
        expect(r.error, what + '\n' + r.output).toBeUndefined();
        expect(held(r.output), what).toBe(want);
        // The recovered store keeps working across reboots.
        const again = await boot(hasAll + ` s.add('new', ${T0 + 99});`, f);
        expect(held(again.output), what).toBe(want);
        expect((await boot(open + `print(s.has('new'));`, f)).output, what).toContain('true');
      }
      expect(lines.length).toBeGreaterThan(14);
      // Junk after the last line (a torn write): terminated, entries kept, appends readable.
      const files = new Map(base);
      const chunk = slot + '\x01';
      const d = files.get(chunk)!;
      const end = d.indexOf('\xff');
      files.set(chunk, d.slice(0, end) + 'R17000' + d.slice(end + 6));
      const f = join(dir, 'tail.json');
      writeFlash(f, files);
      expect(held((await boot(hasAll + ` s.add('new', ${T0 + 99});`, f)).output)).toBe('1'.repeat(14));
      expect((await boot(open + `print(s.has('new'), s.has('id0'));`, f)).output).toBe('OPEN 15\ntrue true\n');
    }));

  it('random byte damage never crashes the store and keeps every entry whose line is intact', () =>
    withDir(async (dir) => {
      const file = join(dir, 'base.json');
      const made = await boot(build, file);
      const slot = 'rv' + /SLOT (\d)/.exec(made.output)![1];
      const base = readFlash(file);
      const chunk = slot + '\x01';
      const data = base.get(chunk)!;
      const end = data.indexOf('\xff');
      let seed = 12345;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      for (let round = 0; round < 40; round++) {
        const flips: number[] = [];
        let d = data;
        for (let k = 0; k <= rnd(3); k++) {
          const pos = rnd(end);
          let v = rnd(255); // never 0xFF: that byte ends a StorageFile on the device, by design
          if (v === d.charCodeAt(pos)) v = (v + 1) % 255;
          flips.push(pos);
          d = d.slice(0, pos) + String.fromCharCode(v) + d.slice(pos + 1);
        }
        const files = new Map(base);
        files.set(chunk, d);
        const f = join(dir, 'r' + round + '.json');
        writeFlash(f, files);
        const r = await boot(hasAll, f);
        expect(r.error, 'round ' + round + '\n' + r.output).toBeUndefined();
        const h = held(r.output);
        // Line spans in the undamaged text; a line is intact when no flip hit it or the '\n' before it.
        let start = 0;
        for (const line of data.slice(0, end).split('\n').slice(0, -1)) {
          const m = /^R\d+ (id\d+) /.exec(line);
          const hit = flips.some((p) => p >= start - 1 && p <= start + line.length);
          if (m && !hit) expect(h[IDS.indexOf(m[1])], 'round ' + round + ': intact ' + m[1] + ' lost, flips ' + flips).toBe('1');
          start += line.length + 1;
        }
      }
    }), 120000);
});
