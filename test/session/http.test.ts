// bearer() and guard() with fake requests and responses shaped like Espruino's http module.
import { describe, expect, it } from 'vitest';
import { bearer, guard } from '../../src/session/http';
import { MicroJWT } from '../../src/session/microjwt';
import { sign } from '../../src/jwt/sign';
import { caught, SECRET } from '../jwt/helpers';

const req = (headers: Record<string, unknown> | undefined) => ({ method: 'GET', url: '/', headers });
const res = () => {
  const r = { status: 0, headers: {} as Record<string, string>, body: undefined as string | undefined, ended: 0 };
  return Object.assign(r, {
    writeHead: (status: number, headers?: Record<string, string>) => {
      r.status = status;
      r.headers = headers ?? {};
    },
    end: (data?: string) => {
      r.body = data;
      r.ended++;
    },
  });
};
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln';

describe('bearer', () => {
  it('reads the token of an Authorization: Bearer header (name and scheme case-insensitive)', () => {
    expect(bearer(req({ Authorization: 'Bearer ' + TOKEN }))).toBe(TOKEN);
    expect(bearer(req({ authorization: 'bearer ' + TOKEN }))).toBe(TOKEN);
    expect(bearer(req({ AUTHORIZATION: 'BEARER   ' + TOKEN + '  ' }))).toBe(TOKEN);
    expect(bearer(req({ Host: 'x', Authorization: 'Bearer abc+/=' }))).toBe('abc+/=');
    expect(bearer(req({ Authorization: '\t Bearer \t x.y~z== \r\n' }))).toBe('x.y~z==');
  });

  it('null for anything else', () => {
    for (const r of [
      req({}), req(undefined), req({ Authorization: 'Basic dXNlcjpwYXNz' }), req({ Authorization: 'Bearer' }), req({ Authorization: 'Bearer ' }),
      req({ Authorization: 'Bearer a b' }), req({ Authorization: 'Bearer a=b' }), req({ Authorization: 'Bearer "x"' }), req({ Authorization: 'Bearertoken' }),
      req({ Authorization: ['Bearer x'] }), req({ Authorization: 5 }), null, undefined, 'Bearer x', { headers: null },
      req({ Authorization: 'Bearer  ' }), req({ Authorization: ' Bearer \t ' }), req({ Authorization: 'Bearer\tx' }), req({ Authorization: 'Bearer ===' }), req({ Authorization: 'Bearer a=b=' }),
    ]) {
      expect(bearer(r), JSON.stringify(r)).toBeNull();
    }
  });
});

describe('guard', () => {
  it('with a key: 401 + WWW-Authenticate (RFC 6750) for a missing or bad token, else handler(req, res, claims)', () => {
    const calls: unknown[] = [];
    const h = guard({ key: SECRET, algorithms: ['HS256'], audience: 'dev', realm: 'sensors' }, (q, s, claims) => {
      calls.push(claims);
      s.writeHead(200);
      s.end('ok');
    });
    const good = sign({ sub: 'u', aud: 'dev' }, SECRET);
    for (const headers of [{}, { Authorization: 'Bearer ' + sign({ sub: 'u', aud: 'other' }, SECRET) }, { Authorization: 'Bearer junk.junk.junk' }, { Authorization: 'Basic x' }]) {
      const r = res();
      h(req(headers), r);
      expect(r.status).toBe(401);
      expect(r.headers['WWW-Authenticate']).toBe('Bearer realm="sensors", error="invalid_token"');
      expect(r.ended).toBe(1);
    }
    expect(calls).toEqual([]);
    const r = res();
    h(req({ authorization: 'Bearer ' + good }), r);
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok');
    expect(calls).toEqual([{ sub: 'u', aud: 'dev', iat: expect.any(Number) }]);
  });

  it('with a MicroJWT: its verifyToken decides (audience, revocation), without a realm', () => {
    const jwt = new MicroJWT(SECRET, { silent: true });
    const h = guard({ jwt, audience: 'api' }, (q, s, claims) => {
      s.writeHead(200);
      s.end((claims as { sub: string }).sub);
    });
    const t = jwt.createToken('alice', 'admin', null, 'api');
    const ok = res();
    h(req({ Authorization: 'Bearer ' + t }), ok);
    expect([ok.status, ok.body]).toEqual([200, 'alice']);
    jwt.revokeToken(jwt.verifyToken(t, 'api')!.jti as string);
    const no = res();
    h(req({ Authorization: 'Bearer ' + t }), no);
    expect(no.status).toBe(401);
    expect(no.headers['WWW-Authenticate']).toBe('Bearer error="invalid_token"');
    expect(jwt.lastError!.code).toBe('ERR_TOKEN_REVOKED');
  });

  it('checks its options when made', () => {
    const f = () => {};
    for (const [o, fn] of [
      [{ key: SECRET }, f], [{ algorithms: ['HS256'] }, f], [{ key: SECRET, algorithms: ['HS256'], audiance: 'x' }, f], [{ key: SECRET, algorithms: ['HS256'] }, 'f'],
      [{ key: SECRET, algorithms: ['HS256'], realm: 'a"b' }, f], [{ jwt: {} }, f], [{ jwt: new MicroJWT(SECRET, { silent: true }), algorithms: ['HS256'] }, f], ['opts', f],
    ] as [unknown, unknown][]) {
      expect(caught(() => guard(o, fn as never)).code, JSON.stringify(o)).toBe('ERR_OPTIONS_INVALID');
    }
  });
});
