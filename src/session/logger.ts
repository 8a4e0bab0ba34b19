// @part session needs crypto
/**
 * `new Logger(name, {level, silent, sink})`: MicroJWT's SimpleLogger.
 *
 * Levels as the seed: 'ERROR' < 'WARNING' < 'INFO' (default); a message is
 * printed when the logger's level is at least the message's. `silent`
 * prints nothing at all (the seed's module-level logger ignored it). The
 * sink gets one line, `[LEVEL] name: message`; by default Espruino's
 * `print`, or `console.log` on Node.
 *
 * A logger never prints a token: anything in a message that looks like a
 * compact JWS or JWE ("eyJ..." with dots) is replaced by its fingerprint,
 * `jwt#` + 8 base64url characters of its SHA-256. Keys are never handed to
 * a logger by this library.
 */
import { optionsError, checkOptionTable } from '../options';
import { encodeBinary } from '../codec/base64url';
import { bytesToBinary } from '../codec/bytes';
import { sha256 } from '../crypto/index';

export interface LoggerOptions {
  level?: string;
  silent?: boolean;
  sink?: (line: string) => void;
}

export class Logger {
  name: string;
  /** 1 ERROR, 2 WARNING, 3 INFO. */
  level: number;
  silent: boolean;
  _sink: (line: string) => void;

  constructor(name?: string, options?: LoggerOptions) {
    if (name !== undefined && typeof name !== 'string') optionsError('Logger: name must be a string');
    const o = options === undefined ? {} : checkOptionTable<LoggerOptions>('Logger', options, ' level:S silent:B sink:F');
    this.name = name === undefined ? 'MicroJWT' : name;
    this.level = levelOf('Logger', o.level);
    this.silent = !!o.silent;
    this._sink = o.sink || defaultSink();
  }

  info(message: unknown): void {
    this._log(3, 'INFO', message);
  }

  warning(message: unknown): void {
    this._log(2, 'WARNING', message);
  }

  error(message: unknown): void {
    this._log(1, 'ERROR', message);
  }

  _log(n: number, tag: string, message: unknown): void {
    if (this.silent || this.level < n) return;
    this._sink('[' + tag + '] ' + this.name + ': ' + redact(String(message)));
  }
}

/** A level name (case-insensitive, as the seed) as its number; default INFO. */
export const levelOf = function (fn: string, level: string | undefined): number {
  if (level === undefined) return 3;
  const l = level.toUpperCase();
  if (l === 'ERROR') return 1;
  if (l === 'WARNING') return 2;
  if (l === 'INFO') return 3;
  return optionsError(fn + ': the log level must be "INFO", "WARNING" or "ERROR"');
};

const defaultSink = function (): (line: string) => void {
  if (typeof print === 'function') return print as (line: string) => void;
  return function (line: string) {
    if (typeof console !== 'undefined') console.log(line);
  };
};

/** A short fingerprint of a token, safe to log: `jwt#` + 8 base64url characters of its SHA-256. */
export const fingerprint = function (token: unknown): string {
  if (typeof token !== 'string') return 'jwt#-';
  return 'jwt#' + encodeBinary(bytesToBinary(sha256(token))).substr(0, 8);
};

/** `message` with every token-like run ("eyJ" then base64url and at least two dots) replaced by its fingerprint. */
export const redact = function (message: string): string {
  let i = message.indexOf('eyJ');
  while (i >= 0 && i < message.length) {
    // Espruino's multi-char indexOf can report a false match at the end: confirmed here.
    if (message.substr(i, 3) !== 'eyJ') break;
    let j = i;
    let dots = 0;
    for (;;) {
      const c = message.charCodeAt(j);
      if (c === 46) dots++;
      else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95)) break;
      j++;
    }
    if (dots >= 2) {
      const fp = fingerprint(message.substr(i, j - i));
      message = message.substr(0, i) + fp + message.substr(j);
      j = i + fp.length;
    }
    i = message.indexOf('eyJ', j);
  }
  return message;
};
