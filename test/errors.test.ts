import { describe, expect, it } from 'vitest';
import * as E from '../src/errors';
import microjwt from '../src/index';

describe('errors', () => {
  it('builds the PyJWT hierarchy with working instanceof, names and codes', () => {
    const sig = new E.InvalidSignatureError('bad sig');
    for (const parent of [E.InvalidSignatureError, E.DecodeError, E.InvalidTokenError, E.JWTError, Error]) {
      expect(sig).toBeInstanceOf(parent);
    }
    expect(sig).not.toBeInstanceOf(E.ExpiredSignatureError);
    expect(sig.name).toBe('InvalidSignatureError');
    expect(sig.code).toBe('ERR_JWS_SIGNATURE');
    expect(String(sig)).toBe('InvalidSignatureError: bad sig');
    expect(sig.stack).toContain('bad sig');
  });

  it('carries a given code and claim', () => {
    const e = new E.MissingRequiredClaimError('aud missing', undefined, 'aud');
    expect(e.code).toBe('ERR_JWT_CLAIM_MISSING');
    expect(e.claim).toBe('aud');
    const k = new E.InvalidKeyError('short', 'ERR_KEY_TOO_SHORT');
    expect(k.code).toBe('ERR_KEY_TOO_SHORT');
    expect(k).toBeInstanceOf(E.JWTError);
    expect(k).not.toBeInstanceOf(E.InvalidTokenError);
  });

  it('exports every class by name, also as microjwt.errors.X', () => {
    const names = Object.keys(E).filter((n) => /Error$/.test(n));
    expect(names.length).toBeGreaterThanOrEqual(17);
    const api = microjwt as unknown as Record<string, any>;
    for (const name of names) {
      expect(new api[name]('m').name).toBe(name);
      expect(api.errors[name]).toBe(api[name]);
    }
  });
});
