// @part jwe needs crypto, sign
/**
 * `decrypt(jwe, keyOrKeySet, options)`: the plaintext of a compact JWE.
 *
 * Order (RFC 7516 §5.2): length limit -> 5 segments -> protected header
 * (strict, `alg`/`enc` from the caller's lists, `crit`, no `zip`) -> strict
 * base64url of every segment, IV and tag of exactly the `enc`'s lengths ->
 * the key for `alg`/`enc` (a KeySet picks by the header's `kid`) -> the CEK
 * (a failed unwrap continues with a random one) -> tag check, then
 * decryption. Everything up to the key is parsing and policy (`DecodeError`,
 * `InvalidAlgorithmError`, `InvalidKeyError`, ...); every failure after it is
 * the one `DecryptionError`.
 */
import { DecodeError } from '../errors';
import { decodeBinary } from '../codec/base64url';
import { Header, HeaderInfo } from '../jws/header';
import { checkDecryptOptions, DecryptOptions } from './options';
import { decodeSegment, splitJwe } from './compact';
import { readJweHeader } from './header';
import { resolveJweKey } from './key';
import { unwrapCek } from './keymanagement';
import { cekBytes, openContent } from './content';

/** What a decrypted JWE yields internally. */
export interface DecryptedJwe {
  /** The protected header: its bytes and the parsed object (not kept anywhere else). */
  info: HeaderInfo;
  plaintext: Uint8Array;
}

/** Decrypt a compact JWE under `key` (a key or a KeySet); options already checked. */
export const decryptCore = function (token: unknown, key: unknown, opts: DecryptOptions): DecryptedJwe {
  const dot = splitJwe(token, opts.maxTokenLength === undefined ? 4096 : opts.maxTokenLength);
  const t = token as string;
  const aad = t.substr(0, dot[0]);
  const info = readJweHeader(aad, opts);
  const header = info.header;
  const alg = header.alg as string;
  const enc = header.enc as string;
  const encryptedKey = decodeBinary(t.substring(dot[0] + 1, dot[1]));
  const iv = decodeBinary(t.substring(dot[1] + 1, dot[2]));
  const tag = decodeBinary(t.substr(dot[3] + 1));
  // The ciphertext straight from the token into bytes (the largest segment: no full-size copies).
  const ciphertext = decodeSegment(t, dot[2] + 1, dot[3]);
  // GCM: 12-byte IV, 16-byte tag; CBC-HS: 16-byte IV, tag half the CEK.
  const gcm = enc.length === 7;
  if (iv.length !== (gcm ? 12 : 16) || tag.length !== (gcm ? 16 : cekBytes(enc) >> 1)) {
    throw new DecodeError('the IV or tag has the wrong length for ' + enc, 'ERR_JWT_MALFORMED');
  }
  const k = resolveJweKey(key, alg, enc, header.kid as string | undefined, true);
  const cek = unwrapCek(alg, enc, k.binary, header, encryptedKey, opts.maxPBES2Count === undefined ? 10000 : opts.maxPBES2Count);
  return { info: info, plaintext: openContent(enc, cek, iv, aad, ciphertext, tag, alg !== 'dir') };
};

/** Result of `decrypt`. */
export interface DecryptResult {
  header: Header;
  plaintext: Uint8Array;
}

/**
 * Decrypt a compact JWE: `{header, plaintext}` (`plaintext` a Uint8Array;
 * `utf8.decode` gives text). `keyManagementAlgorithms` and
 * `contentEncryptionAlgorithms` are required.
 */
export const decrypt = function (jwe: string, key: unknown, options: DecryptOptions): DecryptResult {
  const d = decryptCore(jwe, key, checkDecryptOptions(options));
  return { header: d.info.header, plaintext: d.plaintext };
};
