// MicroJWT tokens are ordinary JWTs signed with the secret as given: jose and
// PyJWT (Python's `jwt`; Debian's python3-jwt) verify them with that secret,
// whether made on Node or on a device (every emulator profile, and the real
// interpreters named in ESPRUINO_BIN). PyJWT checks are skipped, saying so,
// where no python3 on PATH imports jwt.
import { describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MicroJWT } from '../../src/session/microjwt';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';
import { BOARDS, fullScript } from '../jwt/devicerun';

const KEYS: Record<string, string> = {
  HS256: 'your-very-secure-secret-key-32bytes+',
  HS384: 'a-secret-for-hs384-'.padEnd(48, '*'),
  HS512: 'a-secret-for-hs512-'.padEnd(64, '#'),
};

/** The first python3 on PATH that imports PyJWT (pyenv shims may hide the system one). */
const findPython = (): string | undefined => {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    const exe = join(dir, 'python3');
    if (!dir || !existsSync(exe)) continue;
    if (spawnSync(exe, ['-c', 'import jwt'], { encoding: 'utf8' }).status === 0) return exe;
  }
  return undefined;
};
const PY = findPython();

const PY_VERIFY = `
import sys, json, jwt
out = []
for t in json.load(sys.stdin):
    try:
        out.append(jwt.decode(t['token'], t['key'], algorithms=[t['alg']], audience=t.get('aud'), options={'verify_exp': True}))
    except Exception as e:
        out.append({'error': type(e).__name__ + ': ' + str(e)})
print(json.dumps(out))
`;
const pyjwtVerify = (items: { token: string; key: string; alg: string; aud?: string }[]) => {
  const r = spawnSync(PY!, ['-c', PY_VERIFY], { input: JSON.stringify(items), encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
};

const expectAccepted = async (tokens: { alg: string; token: string; aud?: string; sub: string; claims?: Record<string, unknown> }[]) => {
  for (const t of tokens) {
    const key = new TextEncoder().encode(KEYS[t.alg]);
    const { payload, protectedHeader } = await jose.jwtVerify(t.token, key, { algorithms: [t.alg], audience: t.aud });
    expect(protectedHeader.alg).toBe(t.alg);
    expect(payload.sub).toBe(t.sub);
    if (t.claims) expect(payload).toMatchObject(t.claims);
  }
  if (PY) {
    const r = pyjwtVerify(tokens.map((t) => ({ token: t.token, key: KEYS[t.alg], alg: t.alg, aud: t.aud })));
    r.forEach((p, i) => {
      expect(p.error, tokens[i].token).toBeUndefined();
      expect(p.sub).toBe(tokens[i].sub);
      if (tokens[i].claims) expect(p).toMatchObject(tokens[i].claims!);
    });
  }
};

describe('MicroJWT tokens in other libraries', () => {
  it('made on Node: jose' + (PY ? ' and PyJWT' : ' (PyJWT skipped: no python3 on PATH imports jwt)') + ' verify them with the same secret', async () => {
    const tokens = [];
    for (const alg of Object.keys(KEYS)) {
      const jwt = new MicroJWT(KEYS[alg], { algorithm: alg, silent: true });
      tokens.push({ alg, sub: 'user123', aud: 'api.example.com', token: jwt.createToken('user123', 'admin', { scope: 'read:write', 'clé': 'José ☺ 𝄞' }, 'api.example.com'), claims: { role: 'admin', 'clé': 'José ☺ 𝄞' } });
      const pair = jwt.createTokenPair('bob', 'user');
      tokens.push({ alg, sub: 'bob', token: pair.accessToken }, { alg, sub: 'bob', token: pair.refreshToken });
    }
    await expectAccepted(tokens);
    // The other way too: verifyToken accepts what jose makes for it (typ JWT or none).
    const jwt = new MicroJWT(KEYS.HS256, { silent: true });
    const now = Math.floor(Date.now() / 1000);
    const fromJose = await new jose.SignJWT({ role: 'r' }).setProtectedHeader({ alg: 'HS256' }).setSubject('s').setJti('j1').setIssuedAt(now).setExpirationTime(now + 60).sign(new TextEncoder().encode(KEYS.HS256));
    expect(jwt.verifyToken(fromJose)).toMatchObject({ sub: 's', role: 'r' });
  });

  if (!PY) it.skip('PyJWT: skipped, no python3 on PATH imports jwt (Debian: apt-get install python3-jwt)', () => {});

  const device = `var mj = require('microjwt');
var keys = ${JSON.stringify(KEYS)};
var algs = ['HS256', 'HS384', 'HS512'];
for (var i = 0; i < algs.length; i++) {
  var jwt = new mj.MicroJWT(keys[algs[i]], { algorithm: algs[i], silent: true });
  var t = jwt.createToken('user123', 'admin', { scope: 'read:write', n: 42 }, 'api.example.com');
  var p = jwt.createTokenPair('bob', 'user');
  print('TOKEN ' + algs[i] + ' ' + t + ' ' + p.accessToken + ' ' + p.refreshToken);
  test('device verifies its own ' + algs[i], function () { assert(jwt.verifyToken(t, 'api.example.com') !== null, 'verify'); });
}
`;
  const runners: { name: string; run: (src: string) => Promise<{ output: string; error?: string }> }[] = [
    ...BOARDS.map((board) => ({ name: 'emulator ' + board, run: (src: string) => runDeviceScript(src, { board, timeoutMs: 60000 }) })),
    ...espruinoBinaries().map((bin) => ({ name: 'real ' + bin, run: (src: string) => runOnEspruino(bin, src, { timeoutMs: 300000 }) })),
  ];
  for (const { name, run } of runners) {
    it('made on the device (' + name + '): jose' + (PY ? ' and PyJWT' : '') + ' verify them', async () => {
      const r = await run(fullScript(device));
      expect(r.error, r.output).toBeUndefined();
      expect(r.output).toMatch(/3 passed, 0 failed\s*$/);
      const lines = r.output.split('\n').filter((l) => l.startsWith('TOKEN '));
      expect(lines.length).toBe(3);
      const tokens = [];
      for (const l of lines) {
        const [, alg, t, a, rt] = l.trim().split(' ');
        tokens.push({ alg, sub: 'user123', aud: 'api.example.com', token: t, claims: { role: 'admin', scope: 'read:write', n: 42 } }, { alg, sub: 'bob', token: a }, { alg, sub: 'bob', token: rt });
      }
      await expectAccepted(tokens);
    }, 300000);
  }
});
