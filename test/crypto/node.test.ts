// The node backend's MAC closure (src/crypto/node.ts, the JWS hot path on
// Node) against node:crypto's own HMAC: it hashes from buffers it keeps and
// reuses, so every call must give the right MAC whatever came before it:
// longer and shorter messages, the growth past its first buffer and past the
// 16 KB it keeps, every key length (longer than a block: hashed first).
import { describe, expect, it } from 'vitest';
import nodeCrypto from 'node:crypto';
import { nodeBackend } from '../../src/crypto/node';
import * as adapter from '../../src/crypto/adapter';
import * as cryptoIndex from '../../src/crypto/index';

const NODE = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;
const HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
const rnd = (n: number) => new Uint8Array(nodeCrypto.randomBytes(n));
const want = (h: keyof typeof NODE, k: Uint8Array, binary: string) => nodeCrypto.createHmac(NODE[h], k).update(Buffer.from(binary, 'latin1')).digest().toString('latin1');

describe('node backend: createHmac closure', () => {
  const node = nodeBackend();

  it('is there on Node', () => {
    expect(node).not.toBeNull();
  });

  for (const h of HASHES) {
    it('HMAC-' + h + ': one closure over many messages, in an order that grows and shrinks its buffers', () => {
      // Lengths around the first buffer (block + 512), the 16 KB kept, and back down:
      // a stale tail of a longer message must never be hashed.
      // Runs of one length too (the closure reuses its view of the buffer for them).
      const lengths = [0, 1, 55, 56, 63, 64, 300, 447, 448, 511, 512, 513, 1000, 5000, 16383 - 128, 16384, 16385, 40000, 3, 0, 250, 20000, 250, 250, 250, 251, 250];
      for (const kl of [0, 1, 16, 32, 63, 64, 65, 127, 128, 129, 200]) {
        const k = rnd(kl);
        const mac = node!.createHmac(h, k);
        for (const n of lengths) {
          const d = Buffer.from(rnd(n)).toString('latin1');
          expect(mac(d), h + ' key ' + kl + ' data ' + n).toBe(want(h, k, d));
          // As the verifier calls it: the whole token and the signing input's length.
          expect(mac(d + '.signature-and-more', n), h + ' key ' + kl + ' prefix ' + n).toBe(want(h, k, d));
        }
      }
    });
  }

  it('two closures (two keys) used in turn keep their own key blocks', () => {
    const k1 = rnd(32);
    const k2 = rnd(32);
    const m1 = node!.createHmac('SHA-256', k1);
    const m2 = node!.createHmac('SHA-256', k2);
    for (let i = 0; i < 20; i++) {
      const d = Buffer.from(rnd(i * 37)).toString('latin1');
      expect(m1(d)).toBe(want('SHA-256', k1, d));
      expect(m2(d)).toBe(want('SHA-256', k2, d));
    }
  });

  it('the key is copied: changing the caller\'s bytes later does not change the MAC', () => {
    const k = rnd(32);
    const kept = new Uint8Array(k);
    const mac = node!.createHmac('SHA-256', k);
    k.fill(0);
    expect(mac('abc')).toBe(want('SHA-256', kept, 'abc'));
  });

  it('is what the adapter hands the JWS path on Node (macFor, cached and once)', () => {
    expect(cryptoIndex.backend().hmacSha256).toBe('node');
    for (const h of HASHES) {
      const k = Buffer.from(rnd(40)).toString('latin1');
      const d = Buffer.from(rnd(300)).toString('latin1');
      const kb = new Uint8Array(Buffer.from(k, 'latin1'));
      expect(adapter.macFor(h, k)(d)).toBe(want(h, kb, d));
      expect(adapter.macFor(h, k, true)(d)).toBe(want(h, kb, d));
    }
  });
});
