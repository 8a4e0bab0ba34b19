// StorageRevocationStore against hostile Storage contents (issue #11), run
// as device scripts in every emulator profile and (ESPRUINO_BIN) on the real
// interpreters: a log truncated at every few bytes, slots filled with
// garbage, files of foreign formats, and the store's size bound at and just
// past it. The outcome is a typed error (the foreign file left untouched)
// or a recovery that keeps every intact entry and keeps working; never an
// untyped error or an interpreter crash.
//
// The damage is done by the script itself, through the Storage API, and a
// new StorageRevocationStore on the same name reads the flash as a reboot
// would (test/revocation/reboot.test.ts covers real reboots).
import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { runDeviceScript } from '../../src/host/emulator';
import { runOnEspruino, espruinoBinaries } from '../../src/host/real';
import { boardNames } from '../../src/host/paths';

const T0 = 1700000000;

/** Shared ES5 helpers: open a store, name the outcome, write a slot as a StorageFile, find text (multi-char indexOf is buggy on the device). */
const prelude = `var mj = require('microjwt');
var S = require('Storage');
var T = ${T0};
var clock = function () { return T; };
var open = function (name, cap) { try { return new mj.StorageRevocationStore(name, { capacity: cap || 40, clock: clock }); } catch (e) { return e; } };
var what = function (x) {
  if (x instanceof mj.StorageRevocationStore) return 'open ' + x.size();
  if (x instanceof mj.JWTError) return x.name + ' ' + x.code;
  return 'UNTYPED ' + x;
};
var eraseSlot = function (slot) { for (var c = 20; c >= 1; c--) if (S.read(slot + String.fromCharCode(c), 0, 1) !== undefined) S.erase(slot + String.fromCharCode(c)); };
var writeSlot = function (slot, text) {
  eraseSlot(slot);
  if (!text.length) return;
  var f = S.open(slot, 'a');
  for (var p = 0; p < text.length; p += 200) f.write(text.substr(p, 200));
};
var slotText = function (slot) {
  var out = '', l, f;
  if (S.read(slot + '\\x01', 0, 1) === undefined) return undefined;
  f = S.open(slot, 'r');
  while ((l = f.readLine())) out += l;
  return out;
};
var find = function (h, n, from) {
  for (var i = h.indexOf(n.charAt(0), from || 0); i >= 0; i = h.indexOf(n.charAt(0), i + 1)) if (h.substr(i, n.length) === n) return i;
  return -1;
};
var crcLine = function (body) { var h = (E.CRC32(body) >>> 0).toString(16); while (h.length < 8) h = '0' + h; return body + ' ' + h + '\\n'; };
var held = function (s, n) { var h = ''; for (var i = 0; i < n; i++) h += s.has('id' + i) ? 1 : 0; return h; };
`;

/**
 * A log of 10 entries, cut after k bytes for every third k (and at each line
 * end): the store opens (or makes a new log), holds exactly the entries whose
 * line survived whole, takes a new entry, and a second open agrees.
 */
const truncation = prelude + `var s = open('tr');
for (var i = 0; i < 10; i++) s.add('id' + i, T + 1000 + i);
var slot = 'tr' + (s._gen & 1), full = slotText(slot);
print('LOG ' + full.length);
var bad = [], n = 0;
for (var k = 0; k <= full.length; k++) {
  if (k % 3 !== 0 && full.charAt(k) !== '\\n' && k !== full.length) continue;
  eraseSlot('tr0'); eraseSlot('tr1');
  writeSlot(slot, full.substr(0, k));
  var want = '';
  for (var j = 0; j < 10; j++) {
    var at = find(full, 'R' + (T + 1000 + j) + ' id' + j + ' ');
    var end = full.indexOf('\\n', at);
    want += end <= k ? 1 : 0;
  }
  var r = open('tr');
  if (!(r instanceof mj.StorageRevocationStore)) { bad.push(k + ':' + what(r)); continue; }
  var got = held(r, 10);
  r.add('new', T + 99);
  var again = open('tr');
  var after = again instanceof mj.StorageRevocationStore ? held(again, 10) + (again.has('new') ? '+' : '-') : what(again);
  if (got !== want || after !== want + '+') bad.push(k + ': want ' + want + ' got ' + got + ' then ' + after);
  n++;
}
print('CUTS ' + n + ' BAD ' + bad.length + (bad.length ? ' ' + bad.slice(0, 5).join('; ') : ''));
`;

/** Pseudo-random garbage (never 0xFF, the byte that ends a StorageFile) in one or both slots, or beside a good log. */
const garbage = prelude + `var seed = 7;
var junk = function (n, printable) {
  var s = '';
  for (var i = 0; i < n; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; s += String.fromCharCode(printable ? 32 + (seed >> 8) % 95 : (seed >> 8) % 255); if (printable && seed % 29 === 0) s += '\\n'; }
  return s;
};
var untouched = function (slot, text) { return slotText(slot) === text ? 'kept' : 'CHANGED'; };
var sizes = [1, 7, 50, 700, 2500];
for (var z = 0; z < sizes.length; z++) {
  for (var p = 0; p < 2; p++) {
    var g = junk(sizes[z], p === 1);
    if (g.charAt(0) === 'H') g = 'h' + g.substr(1);
    eraseSlot('gb0'); eraseSlot('gb1');
    writeSlot('gb0', g);
    var stored = slotText('gb0');
    print('G ' + sizes[z] + (p ? ' printable' : ' bytes') + ' ' + what(open('gb')) + ' ' + untouched('gb0', stored));
  }
}
eraseSlot('gb0'); eraseSlot('gb1');
writeSlot('gb0', junk(300, false)); writeSlot('gb1', junk(300, true));
print('G both slots ' + what(open('gb')));
// A good log beside garbage: the log wins, every entry kept.
eraseSlot('gb0'); eraseSlot('gb1');
var s = open('gb');
for (var i = 0; i < 5; i++) s.add('id' + i, T + 500);
var other = 'gb' + (1 - (s._gen & 1));
writeSlot(other, junk(400, false));
var r = open('gb');
print('G log beside garbage ' + what(r) + ' ' + (r instanceof mj.StorageRevocationStore ? held(r, 5) : ''));
// Garbage appended after the good log's last line (a torn or foreign tail).
var slot = 'gb' + (r._gen & 1);
var f = S.open(slot, 'a'); f.write(junk(120, false));
r = open('gb');
print('G log with a garbage tail ' + what(r) + ' ' + (r instanceof mj.StorageRevocationStore ? held(r, 5) : ''));
`;

/** Files of other formats where the log would be. */
const foreign = prelude + `var cases = [
  ['json', '{"revoked":[["id0",${T0 + 500}],["id1",${T0 + 500}]],"seq":3}'],
  ['csv', 'jti,exp\\nid0,${T0 + 500}\\nid1,${T0 + 500}\\n'],
  ['lines like ours without a CRC', 'R${T0 + 500} id0\\nR${T0 + 500} id1\\n'],
  ['an older header without a CRC', 'Hmjrl1 0\\nR${T0 + 500} id0\\n'],
  ['a module', 'var x = require("Storage"); exports.x = function () { return 1; };\\n'],
  ['a lone newline', '\\n']
];
for (var c = 0; c < cases.length; c++) {
  eraseSlot('fo0'); eraseSlot('fo1');
  writeSlot('fo0', cases[c][1]);
  var before = slotText('fo0');
  var r = open('fo');
  print('F ' + cases[c][0] + ': ' + what(r) + ' ' + (slotText('fo0') === before ? 'kept' : 'changed') + (r instanceof mj.StorageRevocationStore ? ' ' + held(r, 2) : ''));
}
// Our line format under another header (a future version): the intact entries are salvaged.
eraseSlot('fo0'); eraseSlot('fo1');
writeSlot('fo0', crcLine('Hmjrl2 0') + crcLine('R${T0 + 500} id0') + crcLine('X something new') + crcLine('R${T0 + 500} id1'));
var r = open('fo');
print('F another version: ' + what(r) + (r instanceof mj.StorageRevocationStore ? ' ' + held(r, 2) : ''));
// Entries with a CRC but junk inside: an exp that is not a number, a jti with a space.
eraseSlot('fo0'); eraseSlot('fo1');
writeSlot('fo0', crcLine('Hmjrl1 0') + crcLine('C0 0') + crcLine('Rnever id0') + crcLine('R${T0 + 500} id1') + crcLine('R') + crcLine('S-5') + crcLine('C9 x y'));
r = open('fo');
print('F odd bodies: ' + what(r) + (r instanceof mj.StorageRevocationStore ? ' ' + held(r, 2) + ' ' + (r.add('id2', T + 9) ? 'adds' : 'no') : ''));
`;

/** The size bound: the default (200) and an option, at and just past; more entries on flash than the capacity. */
const capacity = prelude + `var full = function (s, n) {
  var ok = 0, err = '';
  for (var i = 0; i < n; i++) { try { if (s.add('c' + i, T + 1000)) ok++; } catch (e) { err = what(e); } }
  return ok + (err ? ' then ' + err : '');
};
eraseSlot('cd0'); eraseSlot('cd1');
var s = new mj.StorageRevocationStore('cd', { clock: clock });
print('D default: ' + full(s, 200) + ' | 201st: ' + full({ add: function (j, e) { return s.add('x' + j, e); } }, 1) + ' | size ' + s.size());
var r = open('cd', 200);
print('D reopened: ' + what(r));
eraseSlot('co0'); eraseSlot('co1');
s = open('co', 5);
print('D capacity 5: ' + full(s, 5) + ' | 6th: ' + full({ add: function (j, e) { return s.add('y' + j, e); } }, 1));
var big = open('co', 10);
for (var i = 5; i < 10; i++) big.add('c' + i, T + 1000);
var small = open('co', 5);
var kept = 0; for (var i = 0; i < 10; i++) if (small.has('c' + i)) kept++;
var add; try { add = small.add('z', T + 1000) ? 'added' : 'not added'; } catch (e) { add = what(e); }
print('D 10 entries under capacity 5: ' + what(small) + ' holds ' + kept + ', add: ' + add);
T += 2000;
try { add = small.add('z', T + 1000) ? 'added' : 'not added'; } catch (e) { add = what(e); }
print('D once they expire: ' + add + ', size ' + small.size());
var o = [100000, 100001, 0];
for (var i = 0; i < o.length; i++) { try { new mj.StorageRevocationStore('cx', { capacity: o[i], clock: clock }); print('D capacity ' + o[i] + ': ok'); } catch (e) { print('D capacity ' + o[i] + ': ' + what(e)); } }
`;

const check = (name: string, output: string, error: string | undefined) => {
  expect(error, name + ':\n' + output).toBeUndefined();
  expect(output, name).not.toMatch(/UNTYPED|Uncaught|LOW_MEMORY|Execution Interrupted/);
  const lines = output.split('\n');
  const get = (prefix: string) => lines.filter((l) => l.startsWith(prefix));
  if (name === 'truncation') {
    const cuts = /CUTS (\d+) BAD (\d+)(.*)/.exec(output);
    expect(cuts, output).not.toBeNull();
    expect(Number(cuts![1]), output).toBeGreaterThan(100);
    expect(cuts![2], 'cuts that lost an intact entry or kept a torn one: ' + cuts![3]).toBe('0');
  }
  if (name === 'garbage') {
    const g = get('G ');
    expect(g.length, output).toBe(13);
    // Garbage alone: the typed error, the file left alone.
    for (const l of g.slice(0, 10)) expect(l, output).toMatch(/ JWTError ERR_STORE_CORRUPT kept$/);
    expect(g[10]).toBe('G both slots JWTError ERR_STORE_CORRUPT');
    expect(g[11]).toBe('G log beside garbage open 5 11111');
    expect(g[12]).toBe('G log with a garbage tail open 5 11111');
  }
  if (name === 'foreign') {
    expect(get('F ')).toEqual([
      'F json: JWTError ERR_STORE_CORRUPT kept',
      'F csv: JWTError ERR_STORE_CORRUPT kept',
      'F lines like ours without a CRC: JWTError ERR_STORE_CORRUPT kept',
      // A first line that starts like our header is a torn start of a log of ours, not a foreign file: a new log (no intact entry in it to keep).
      'F an older header without a CRC: open 0 changed 00',
      'F a module: JWTError ERR_STORE_CORRUPT kept',
      'F a lone newline: JWTError ERR_STORE_CORRUPT kept',
      'F another version: open 2 11',
      // Lines with a valid CRC are ours whatever they say: an entry whose exp is not a number is counted, never matches, and goes at the next compaction.
      'F odd bodies: open 2 01 adds',
    ]);
  }
  if (name === 'capacity') {
    expect(get('D ')).toEqual([
      'D default: 200 | 201st: 0 then JWTError ERR_STORE_FULL | size 200',
      'D reopened: open 200',
      'D capacity 5: 5 | 6th: 0 then JWTError ERR_STORE_FULL',
      'D 10 entries under capacity 5: open 10 holds 10, add: JWTError ERR_STORE_FULL',
      'D once they expire: added, size 1',
      'D capacity 100000: ok',
      'D capacity 100001: JWTError ERR_OPTIONS_INVALID',
      'D capacity 0: JWTError ERR_OPTIONS_INVALID',
    ]);
  }
};

const SCRIPTS: [string, string][] = [
  ['truncation', truncation],
  ['garbage', garbage],
  ['foreign', foreign],
  ['capacity', capacity],
];

describe('StorageRevocationStore on hostile Storage contents', () => {
  for (const board of boardNames()) {
    it.for(SCRIPTS)('emulator ' + board + ': %s', { timeout: 120000 }, async ([name, script]) => {
      const r = await runDeviceScript(script, { board, time: T0, timeoutMs: 90000, filename: 'store-' + name + '.js' });
      check(name, r.output, r.error);
    });
  }
  const binaries = espruinoBinaries();
  if (!binaries.length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of binaries) {
    it.for(SCRIPTS)('real ' + basename(bin) + ' (' + bin + '): %s', { timeout: 600000 }, async ([name, script]) => {
      const r = await runOnEspruino(bin, script, { timeoutMs: 540000 });
      check(name, r.output, r.error);
    });
  }
});
