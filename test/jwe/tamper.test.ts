// Tampering: every single-character change of every segment of a token, for
// every alg x enc pair, is refused. In the encrypted key, IV, ciphertext and
// tag it is the one DecryptionError (same message), or DecodeError where the
// segment no longer decodes (non-zero trailing bits, a wrong IV or tag
// length). In the protected header (the AAD) it is DecryptionError, or the
// typed error of a header that no longer parses or no longer passes the
// caller's policy (JSON, alg/enc outside the lists).
import { describe, expect, it } from 'vitest';
import { encrypt } from '../../src/jwe/encrypt';
import { decrypt } from '../../src/jwe/decrypt';
import * as E from '../../src/errors';
import { ALGS, ENCS, keyFor } from './helpers';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Another base64url character: the neighbour in the alphabet (so each bit position gets exercised across positions). */
const other = (c: string, k: number) => ALPHABET.charAt((ALPHABET.indexOf(c) + 1 + k * 31) % 64);

describe('tampering', () => {
  for (const alg of ALGS) {
    it.for(ENCS)(alg + ' / %s: every single-character change of every segment is refused', (enc) => {
      const key = keyFor(alg, enc);
      const token = encrypt('seventeen bytes!!', key, alg.startsWith('PBES2') ? { alg, enc, p2c: 50 } : { alg, enc });
      const opts = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
      expect(decrypt(token, key, opts).plaintext.length).toBe(17);
      const segs = token.split('.');
      const seen: Record<string, number> = {};
      for (let s = 0; s < 5; s++) {
        for (let i = 0; i < segs[s].length; i++) {
          for (let k = 0; k < 2; k++) {
            const t = segs.slice();
            t[s] = t[s].substr(0, i) + other(t[s].charAt(i), k) + t[s].substr(i + 1);
            let err: any;
            try {
              decrypt(t.join('.'), key, opts);
            } catch (e) {
              err = e;
            }
            expect(err, 'segment ' + s + ' char ' + i + ' accepted').toBeDefined();
            const name = err.name + (err.code ? ':' + err.code : '');
            seen[s + ' ' + name] = (seen[s + ' ' + name] || 0) + 1;
            if (err instanceof E.DecryptionError) {
              expect(err.message).toBe('decryption failed');
              expect(err.code).toBe('ERR_JWE_DECRYPTION');
            } else if (s === 0) {
              // The header: no longer JSON/base64url, or alg/enc changed to a name the caller did not list.
              expect(err instanceof E.DecodeError || err instanceof E.InvalidAlgorithmError, 'header char ' + i + ': ' + String(err)).toBe(true);
            } else {
              expect(err, 'segment ' + s + ' char ' + i + ': ' + String(err)).toBeInstanceOf(E.DecodeError);
            }
          }
        }
      }
      // The tag and ciphertext segments mostly fail the tag check itself.
      expect(seen['4 DecryptionError:ERR_JWE_DECRYPTION']).toBeGreaterThan(0);
      expect(seen['3 DecryptionError:ERR_JWE_DECRYPTION']).toBeGreaterThan(0);
    });
  }

  it('adding or removing a character or a segment is a DecodeError, never a decryption attempt', () => {
    const key = keyFor('A128KW', 'A128GCM');
    const token = encrypt('x', key, { alg: 'A128KW', enc: 'A128GCM' });
    const opts = { keyManagementAlgorithms: ['A128KW'], contentEncryptionAlgorithms: ['A128GCM'] };
    const segs = token.split('.');
    for (const bad of [token + '.', '.' + token, segs.slice(0, 4).join('.'), token + 'A', segs[0] + '.' + segs[1] + 'A.' + segs.slice(2).join('.'), token.replace(/\./, '..')]) {
      expect(() => decrypt(bad, key, opts)).toThrow();
      let e: any;
      try {
        decrypt(bad, key, opts);
      } catch (x) {
        e = x;
      }
      expect(e instanceof E.DecodeError || e instanceof E.DecryptionError, String(e)).toBe(true);
    }
  });
});
