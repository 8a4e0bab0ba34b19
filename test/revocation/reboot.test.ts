// Revocations and the last fleet-update seq survive a reboot: in the
// emulator (a second run on the same Storage, every board profile) and on
// the real interpreter (a second process in the same directory: Storage is
// the file espruino.flash there) when ESPRUINO_BIN is set.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';
import { BOARDS } from '../jwt/devicerun';
import { signUpdate, UPDATE_KEY } from './storagerun';

const FUTURE = Math.floor(Date.now() / 1000) + 86400;

const first = (u5: string) => `
var mj = require('microjwt');
var s = new mj.StorageRevocationStore('revs', { capacity: 50 });
s.add('token-1', ${FUTURE});
s.add('t\\xc3\\xa9 2', ${FUTURE});
s.add('dead', 1000);
print('ADDED ' + s.applyUpdate(${JSON.stringify(u5)}, ${JSON.stringify(UPDATE_KEY)}, { algorithms: ['HS256'] }));
print('SIZE ' + s.size());
`;

const second = (u5: string, u6: string) => `
var mj = require('microjwt');
var s = new mj.StorageRevocationStore('revs', { capacity: 50 });
print('HAS ' + s.has('token-1') + ' ' + s.has('t\\xc3\\xa9 2') + ' ' + s.has('u-1') + ' ' + s.has('u-2') + ' ' + s.has('other'));
print('SIZE ' + s.size());
try { s.applyUpdate(${JSON.stringify(u5)}, ${JSON.stringify(UPDATE_KEY)}, { algorithms: ['HS256'] }); print('REPLAY accepted'); }
catch (e) { print('REPLAY ' + (e instanceof mj.InvalidTokenError) + ' ' + e.code); }
print('PRUNED ' + s.prune(Date.now() / 1000));
print('ADDED ' + s.applyUpdate(${JSON.stringify(u6)}, ${JSON.stringify(UPDATE_KEY)}, { algorithms: ['HS256'] }));
var v = mj.verify(mj.sign({ jti: 'fresh' }, ${JSON.stringify(UPDATE_KEY)}), ${JSON.stringify(UPDATE_KEY)}, { algorithms: ['HS256'], revocationStore: s, minClock: 0 });
print('VERIFY accepted');
`;

const third = `
var mj = require('microjwt');
var s = new mj.StorageRevocationStore('revs', { capacity: 50 });
print('HAS ' + s.has('token-1') + ' ' + s.has('u-3') + ' ' + s.has('dead'));
print('SIZE ' + s.size() + ' SEQ ' + s._seq);
try { mj.verify(mj.sign({ jti: 'u-3' }, ${JSON.stringify(UPDATE_KEY)}), ${JSON.stringify(UPDATE_KEY)}, { algorithms: ['HS256'], revocationStore: s }); print('VERIFY accepted'); }
catch (e) { print('VERIFY ' + (e instanceof mj.RevokedTokenError) + ' ' + e.code); }
`;

type Run = (src: string) => Promise<{ output: string; error?: string }>;

const scenario = async (run: Run) => {
  const u5 = await signUpdate(5, [['u-1', FUTURE], ['u-2', FUTURE], ['token-1', FUTURE]]);
  const u6 = await signUpdate(6, [['u-3', FUTURE]]);
  const a = await run(first(u5));
  expect(a.error, a.output).toBeUndefined();
  expect(a.output).toBe('ADDED 2\nSIZE 5\n');
  const b = await run(second(u5, u6));
  expect(b.error, b.output).toBeUndefined();
  expect(b.output).toBe('HAS true true true true false\nSIZE 5\nREPLAY true ERR_UPDATE_REPLAYED\nPRUNED 1\nADDED 1\nVERIFY accepted\n');
  const c = await run(third);
  expect(c.error, c.output).toBeUndefined();
  expect(c.output).toBe('HAS true true false\nSIZE 5 SEQ 6\nVERIFY true ERR_TOKEN_REVOKED\n');
};

describe('StorageRevocationStore across reboots', () => {
  for (const board of BOARDS) {
    it('emulator ' + board, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'microjwt-reboot-'));
      try {
        await scenario((src) => runDeviceScript(src, { board, storageFile: join(dir, 'flash.json'), timeoutMs: 60000 }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  for (const bin of espruinoBinaries()) {
    it('real interpreter ' + bin + ' (second process, same espruino.flash)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'microjwt-reboot-real-'));
      try {
        await scenario((src) => runOnEspruino(bin, src, { cwd: dir, timeoutMs: 120000 }).then((r) => ({ ...r, output: r.output.replace(/\n?>?$/, '\n').replace(/^\n$/, '') })));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 300000);
  }
  if (!espruinoBinaries().length) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
});
