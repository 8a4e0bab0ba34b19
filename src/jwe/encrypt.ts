/**
 * `encrypt(plaintext, key, options)`: a compact JWE (RFC 7516 §7.1).
 *
 * Steps (RFC 7516 §5.1): resolve the key for `alg`/`enc` -> protected
 * header -> CEK and encrypted key (src/jwe/keymanagement.ts) -> a random IV
 * -> content encryption with the ASCII of the encoded protected header as
 * AAD (src/jwe/content.ts) -> five base64url segments. The CEK (unless
 * `dir`) and the IV come from the platform's CSPRNG, new for every token.
 */
import { invalidArgument } from '../errors';
import { encodeBinary } from '../codec/base64url';
import { stringifyJson } from '../codec/json';
import { bytesToBinary, isBytes } from '../codec/bytes';
import { encodeBinary as utf8EncodeBinary } from '../codec/utf8';
import { randomBytes } from '../crypto/index';
import { checkEncryptOptions, EncryptOptions } from './options';
import { buildJweHeader } from './header';
import { resolveJweKey } from './key';
import { wrapNewCek } from './keymanagement';
import { sealContent } from './content';

/**
 * Encrypt `plaintext` (bytes as a binary string) under checked options; `fn`
 * names the public function in errors; `typ`/`cty` go into the header.
 */
export const encryptCore = function (fn: string, plaintext: string, key: unknown, opts: EncryptOptions, typ: string | undefined, cty: string | undefined): string {
  const alg = opts.alg;
  const enc = opts.enc;
  const k = resolveJweKey(key, alg, enc, opts.kid, false);
  let kid = opts.kid;
  if (k.kid !== undefined) kid = k.kid;
  const header = buildJweHeader(fn, alg, enc, kid, typ, cty, opts.header);
  const keys = wrapNewCek(alg, enc, k.binary, header, opts);
  const protectedHeader = encodeBinary(stringifyJson(header));
  const iv = bytesToBinary(randomBytes(enc.length === 7 ? 12 : 16));
  const sealed = sealContent(enc, keys[0], iv, protectedHeader, plaintext, alg !== 'dir');
  return protectedHeader + '.' + encodeBinary(keys[1]) + '.' + encodeBinary(iv) + '.' + encodeBinary(sealed[0]) + '.' + encodeBinary(sealed[1]);
};

/**
 * Encrypt a string (its UTF-8 bytes) or a Uint8Array: returns the compact
 * JWE. Options: `alg`, `enc` (required), `header`, `kid`, `cty`, `p2c`, `p2s`.
 */
export const encrypt = function (plaintext: string | Uint8Array, key: unknown, options: EncryptOptions): string {
  const opts = checkEncryptOptions(options);
  let binary: string;
  if (typeof plaintext === 'string') binary = utf8EncodeBinary(plaintext);
  else if (isBytes(plaintext)) binary = bytesToBinary(plaintext);
  else return invalidArgument('encrypt: the plaintext must be a string or a Uint8Array');
  return encryptCore('encrypt', binary, key, opts, undefined, opts.cty);
};
