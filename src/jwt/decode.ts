/**
 * UNVERIFIED decoding: `decode(token)` and `getUnverifiedHeader(token)`.
 *
 * Nothing here checks a signature or a claim: the result is whatever anyone
 * wrote. Use it only to look at a token (e.g. to choose a key by `kid`, or to
 * debug), never to trust it. The structure checks are the same as `verify`'s
 * (length limit, 3 segments, strict base64url, strict JSON objects).
 */
import { assertBase64url, decodeBinary } from '../codec/base64url';
import { split } from '../jws/compact';
import { parseObject, Header } from '../jws/header';
import { CompleteToken } from './verify';
import { JWTError } from '../errors';
import { isPlainObject } from '../options';

/** Options of `decode` / `getUnverifiedHeader`. */
export interface DecodeOptions {
  maxTokenLength?: number;
}

const maxLength = function (options: DecodeOptions | undefined): number {
  if (options === undefined) return 4096;
  const ok = isPlainObject(options) && Object.keys(options).length <= 1;
  const m = ok ? options.maxTokenLength : undefined;
  if (m === undefined && ok && Object.keys(options).length === 0) return 4096;
  if (typeof m !== 'number' || !isFinite(m) || m < 1 || Math.floor(m) !== m) {
    throw new JWTError('decode: the only option is maxTokenLength, a positive integer', 'ERR_OPTIONS_INVALID');
  }
  return m;
};

/** Decode a JWT WITHOUT verifying it: `{header, payload, signature}`. */
export const decode = function (token: string, options?: DecodeOptions): CompleteToken {
  const seg = split(token, maxLength(options));
  const headerBinary = decodeBinary(seg.header);
  const payloadBinary = decodeBinary(token.substring(seg.header.length + 1, seg.signedLength));
  // Segments that are not used are checked, not decoded (no copies).
  assertBase64url(seg.signature);
  return {
    header: parseObject(headerBinary, 'JOSE header'),
    payload: parseObject(payloadBinary, 'JWT payload'),
    signature: seg.signature,
  };
};

/** The header of a token WITHOUT verifying anything. */
export const getUnverifiedHeader = function (token: string, options?: DecodeOptions): Header {
  const seg = split(token, maxLength(options));
  const headerBinary = decodeBinary(seg.header);
  assertBase64url(token.substring(seg.header.length + 1, seg.signedLength));
  assertBase64url(seg.signature);
  return parseObject(headerBinary, 'JOSE header');
};
