// @part jwe needs crypto, sign
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
import { stringifyJson } from '../codec/jsonstringify';
import { bytesToBinary, isBytes } from '../codec/bytes';
import { encode as utf8Encode } from '../codec/utf8';
import { randomBytes } from '../crypto/index';
import { checkEncryptOptions, EncryptOptions } from './options';
import { buildJweHeader } from './header';
import { resolveJweKey } from './key';
import { wrapNewCek } from './keymanagement';
import { sealContent } from './content';
import { joinJwe } from './compact';

/**
 * Encrypt `plaintext` under checked options; `fn` names the public function
 * in errors; `typ`/`cty` go into the header.
 */
export const encryptCore = function (fn: string, plaintext: Uint8Array, key: unknown, opts: EncryptOptions, typ: string | undefined, cty: string | undefined): string {
  const alg = opts.alg;
  const enc = opts.enc;
  const k = resolveJweKey(key, alg, enc, opts.kid, false);
  const header = buildJweHeader(fn, alg, enc, k.kid === undefined ? opts.kid : k.kid, typ, cty, opts.header);
  const keys = wrapNewCek(alg, enc, k.binary, header, opts);
  const protectedHeader = encodeBinary(stringifyJson(header));
  const iv = bytesToBinary(randomBytes(enc.length === 7 ? 12 : 16));
  const sealed = sealContent(enc, keys[0], iv, protectedHeader, plaintext, alg !== 'dir');
  return joinJwe(protectedHeader, keys[1], iv, sealed[0], sealed[1]);
};

/**
 * Encrypt a string (its UTF-8 bytes) or a Uint8Array: returns the compact
 * JWE. Options: `alg`, `enc` (required), `header`, `kid`, `cty`, `p2c`, `p2s`.
 */
export const encrypt = function (plaintext: string | Uint8Array, key: unknown, options: EncryptOptions): string {
  const opts = checkEncryptOptions(options);
  if (typeof plaintext !== 'string' && !isBytes(plaintext)) return invalidArgument('encrypt: the plaintext must be a string or a Uint8Array');
  return encryptCore('encrypt', typeof plaintext === 'string' ? utf8Encode(plaintext) : plaintext, key, opts, undefined, opts.cty);
};
