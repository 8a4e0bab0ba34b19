// Per-board builds (src/host/variants.mjs): each leaves out what its board
// never needs, and says so with a typed error if that code is called anyway.
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VARIANTS, replacementModule } from '../../src/host/variants.mjs';
import { buildDeviceModule } from '../../src/host/devicebuild.mjs';
import { packageRoot, variantModule, moduleFileFor, boardNames, getProfile } from '../../src/host/paths';
import { runDeviceScript } from '../../src/host/emulator';

const root = packageRoot();
const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

describe('per-board builds', () => {
  it('every board profile with a variant runs that build in the emulator', () => {
    for (const b of boardNames()) {
      const v = getProfile(b).variant;
      expect(moduleFileFor(b)).toBe(join(root, v ? 'dist/variants/' + v + '.min.js' : 'dist/microjwt.min.js'));
    }
  });

  it('a build that leaves a module out is smaller than the universal module', () => {
    const universal = statSync(join(root, 'dist/microjwt.min.js')).size;
    for (const name of ['pico', 'esp32']) expect(variantModule(name).length).toBeLessThan(universal - 5000);
    expect(variantModule('puck').length).toBeLessThan(universal);
    // esp32 leaves out every pure primitive, pico keeps pure SHA-512.
    expect(variantModule('esp32').length).toBeLessThan(variantModule('pico').length);
  });

  it('the pure hashes are a lazy part, loaded with the module only where every hash is pure (rp2040)', async () => {
    const lazyPure = async (name: string): Promise<boolean> => (await buildDeviceModule(root, { file: VARIANTS[name].entry, variant: name })).readable.includes('// lazy part pure (');
    for (const name of ['pico', 'esp32', 'puck']) expect(await lazyPure(name), name).toBe(true);
    expect(await lazyPure('rp2040')).toBe(false);
  }, 60000);

  it('left-out code throws NotSupportedError ERR_NOT_IN_BUILD; what the board has works', async () => {
    const script = [
      "var mj = require('microjwt'); var C = mj.crypto; var k = new Uint8Array(16), iv = new Uint8Array(16);",
      "print('native', C.aesCbcEncrypt(k, iv, new Uint8Array(5)).length);",
      "C.useBackend('pure');",
      "try { C.aesCbcEncrypt(k, iv, new Uint8Array(5)); print('pure ok'); } catch (e) { print('pure', e instanceof mj.NotSupportedError, e.code); }",
      "try { C.sha512('abc'); print('sha512 ok'); } catch (e) { print('sha512', e.code); }",
    ].join('\n');
    const esp32 = await runDeviceScript(script, { board: 'esp32' });
    expect(esp32.output.trim().split('\n')).toEqual(['native 16', 'pure true ERR_NOT_IN_BUILD', 'sha512 ERR_NOT_IN_BUILD']);
    const pico = await runDeviceScript(script, { board: 'pico' });
    expect(pico.output.trim().split('\n')).toEqual(['native 16', 'pure true ERR_NOT_IN_BUILD', 'sha512 ok']);
    const rp2040 = await runDeviceScript(script, { board: 'rp2040' });
    expect(rp2040.output.trim().split('\n')).toEqual(['native 16', 'pure ok', 'sha512 ok']);
  });

  it('the rp2040 build never probes a native crypto module: on a board that has one it still runs pure code', async () => {
    const script = "var mj = require('microjwt'); var b = mj.crypto.backend(); print(b.sha256, b.aes, b.pbkdf2Sha256); try { mj.crypto.useBackend('espruino'); } catch (e) { print(e.name); }";
    const onPico = { board: 'pico' };
    const rp2040 = await runDeviceScript(script, { ...onPico, module: utf8(variantModule('rp2040')) });
    expect(rp2040.output.trim().split('\n')).toEqual(['pure pure pure', 'NotSupportedError']);
    // The same board with the universal module uses its native primitives.
    const universal = await runDeviceScript(script, { ...onPico, module: utf8(readFileSync(join(root, 'dist/microjwt.min.js'), 'latin1')) });
    expect(universal.output.trim().split('\n')[0]).toBe('espruino espruino espruino');
  });

  it('the core build holds JWS/JWT only', async () => {
    const r = await runDeviceScript("var mj = require('microjwt'); print(typeof mj.sign, typeof mj.verify, typeof mj.encrypt);", {
      board: 'pico',
      module: utf8(variantModule('core')),
    });
    expect(r.output.trim()).toBe('function function undefined');
    // Its own entry: the JWS/JWT code over a native-only MAC (test/lean/ has its tests).
    expect(VARIANTS.core.entry).toBe('src/lean/index.ts');
  });

  it('the core build fits the whole Storage of every board with a native SHA-256, beside a script', () => {
    // An Espruino Pico keeps 48 KB of Storage, a Puck.js 40 KB (their Espruino
    // board files): the core build is the one that fits there, with at least
    // 4 KB left for the script (the README says how much each board keeps).
    const profiles = JSON.parse(readFileSync(join(root, 'espruino.json'), 'utf8')).boards as Record<string, { storageBytes: number; crypto: string[] | null }>;
    const size = variantModule('core').length;
    const native = Object.keys(profiles).filter((b) => (profiles[b].crypto || []).includes('SHA256'));
    expect(native).toEqual(expect.arrayContaining(['pico', 'puck', 'esp32']));
    for (const b of native) expect(size + 4096, b).toBeLessThanOrEqual(profiles[b].storageBytes);
  });

  it('a module can be left out only when all its values are functions', () => {
    // src/codec/bytes.ts exports a value (ESPRUINO), which a replacement could not stand for.
    expect(() => replacementModule(root, 'src/codec/bytes.ts', 'absent', 'x')).toThrow(/cannot be left out/);
    const text = replacementModule(root, 'src/crypto/pure/aes.ts', 'unsupported', 'pico');
    expect(text).toContain('export const pureAes = function');
    expect(text).toContain('ERR_NOT_IN_BUILD');
    expect(readFileSync(join(root, 'src/crypto/pure/aes.ts'), 'utf8')).toContain('export const pureAes = function');
  });
});
