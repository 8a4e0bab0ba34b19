// Logger (MicroJWT's SimpleLogger): levels, silent, sink, and no token ever printed.
import { describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { Logger, fingerprint, redact } from '../../src/session/logger';
import { caught } from '../jwt/helpers';

const collect = (options: Record<string, unknown> = {}, name?: string) => {
  const lines: string[] = [];
  const log = new Logger(name, { sink: (l: string) => lines.push(l), ...options });
  log.info('i');
  log.warning('w');
  log.error('e');
  return lines;
};

describe('Logger', () => {
  it('prints "[LEVEL] name: message" at and above its level; silent prints nothing', () => {
    expect(collect({}, 'App')).toEqual(['[INFO] App: i', '[WARNING] App: w', '[ERROR] App: e']);
    expect(collect({ level: 'WARNING' })).toEqual(['[WARNING] MicroJWT: w', '[ERROR] MicroJWT: e']);
    expect(collect({ level: 'error' })).toEqual(['[ERROR] MicroJWT: e']);
    expect(collect({ silent: true })).toEqual([]);
  });

  it('prints through console.log on Node by default', () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      new Logger('X').warning('hello');
      expect(spy).toHaveBeenCalledWith('[WARNING] X: hello');
    } finally {
      spy.mockRestore();
    }
  });

  it('never prints a token: a compact JWS or JWE in a message becomes its fingerprint', () => {
    const jws = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
    const jwe = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..aXY.Y2lwaGVy.dGFn';
    const fp = (t: string) => 'jwt#' + createHash('sha256').update(t).digest('base64url').slice(0, 8);
    expect(fingerprint(jws)).toBe(fp(jws));
    expect(redact('got ' + jws + ' and ' + jwe + '!')).toBe('got ' + fp(jws) + ' and ' + fp(jwe) + '!');
    expect(redact(jws)).toBe(fp(jws));
    expect(redact('eyJ alone, eyJabc.def (one dot), eyJ')).toBe('eyJ alone, eyJabc.def (one dot), eyJ');
    const lines: string[] = [];
    new Logger('L', { sink: (l: string) => lines.push(l) }).info({ toString: () => 'token=' + jws } as never);
    expect(lines).toEqual(['[INFO] L: token=' + fp(jws)]);
  });

  it('refuses bad options with ERR_OPTIONS_INVALID', () => {
    for (const o of [{ level: 'DEBUG' }, { level: 3 }, { silent: 'yes' }, { sink: 'print' }, { lvl: 'INFO' }]) {
      expect(caught(() => new Logger('x', o as never)).code).toBe('ERR_OPTIONS_INVALID');
    }
    expect(caught(() => new Logger(5 as never)).code).toBe('ERR_OPTIONS_INVALID');
  });
});
