// The line discipline of Espruino's REPL (its console over USB, serial or
// telnet), close enough for the official `espruino` CLI and the Web IDE:
//   - characters are echoed as typed; Enter runs the line when its brackets are
//     balanced, else it continues with a `:` prompt;
//   - 0x10 turns echo off for the line it is in: nothing is echoed, no `=result`
//     is printed, and the `>` prompt returns only if the line printed
//     something (the CLI sends every line of an upload this way);
//   - ESC + Enter (the CLI's "Alt-Enter") is a newline that does not run;
//     other escape sequences (cursor keys, the CLI's ESC [ <line> d line
//     numbers) are ignored; Ctrl-C clears the line;
//   - output printed while the prompt is idle (a timer, a socket event) first
//     erases the prompt line (`\r ESC [J`), then the prompt comes back.
// Measured against the 2v29 Linux build's telnet REPL; bytes in, bytes out
// (latin1 strings), `\n` printed as `\r\n`.
import * as acorn from 'acorn';

export interface ReplTarget {
  /** Runs one complete input (bytes); echo says whether `=result` may be shown. */
  run(code: string): { ok: true; value: unknown } | { ok: false };
  /** The REPL's `=...` text for a value. */
  inspect(value: unknown): string;
}

/** True while `code` cannot run yet: open brackets, or an unterminated comment. */
export const isIncomplete = (code: string): boolean => {
  let depth = 0;
  try {
    for (const t of acorn.tokenizer(code, { ecmaVersion: 5 })) {
      const l = t.type.label;
      if (l === '(' || l === '[' || l === '{') depth++;
      else if (l === ')' || l === ']' || l === '}') depth--;
    }
  } catch (e) {
    return /Unterminated comment/.test((e as Error).message);
  }
  return depth > 0;
};

export class ReplConsole {
  private line = '';
  private echo = true;
  private escape = '';
  private afterCR = false;
  private running = false;
  private printed = false;
  private idlePrompt = false;
  private target: ReplTarget | undefined;
  private queued: string[] = [];

  /** `send` writes bytes (latin1) to the terminal. */
  constructor(private readonly send: (bytes: string) => void) {}

  /** The device that runs lines; undefined while it restarts (lines then wait). */
  setTarget(target: ReplTarget | undefined): void {
    this.target = target;
    while (this.target && this.queued.length) this.execute(this.queued.shift() as string, false);
  }

  /** Shows the prompt, as after a connect or a reset. */
  prompt(): void {
    this.send('>' + (this.echo ? this.line : ''));
    this.idlePrompt = true;
  }

  /** Device output (bytes, `\n` line ends). */
  output(text: string): void {
    if (!text) return;
    const crlf = text.replace(/\r?\n/g, '\r\n');
    if (this.running) {
      this.printed = true;
      this.send(crlf);
      return;
    }
    // Idle: erase the prompt line, print, bring the prompt back.
    this.send((this.idlePrompt ? '\r\x1b[J' : '') + crlf);
    if (this.idlePrompt) this.prompt();
  }

  /** Bytes typed or sent by a tool. */
  input(bytes: string): void {
    for (let i = 0; i < bytes.length; i++) this.char(bytes.charAt(i));
  }

  private char(c: string): void {
    const code = c.charCodeAt(0);
    if (this.escape) {
      this.escapeChar(c, code);
      return;
    }
    const wasCR = this.afterCR;
    this.afterCR = false;
    if (code === 0x1b) this.escape = '\x1b';
    else if (code === 0x10) this.echo = false;
    else if (code === 0x03) this.cancel();
    else if (code === 0x0d) {
      this.afterCR = true;
      this.enter();
    } else if (code === 0x0a) {
      if (!wasCR) this.enter();
    } else if (code === 0x08 || code === 0x7f) {
      if (this.line.length) {
        this.line = this.line.slice(0, -1);
        if (this.echo) this.send('\x08 \x08');
      }
    } else if (code === 0) {
      // telnet sends CR NUL
    } else {
      this.line += c;
      if (this.echo) this.send(c);
    }
  }

  private escapeChar(c: string, code: number): void {
    const seq = this.escape + c;
    if (seq.length === 2) {
      if (code === 0x0a || code === 0x0d) {
        // Alt-Enter: a newline inside the input.
        this.escape = '';
        this.line += '\n';
        if (this.echo) this.send('\r\n:');
        return;
      }
      if (c === '[' || c === 'O') {
        this.escape = seq;
        return;
      }
      this.escape = '';
      return;
    }
    // CSI / SS3: parameters until a final byte.
    if (seq.charAt(1) === 'O' || (code >= 0x40 && code <= 0x7e)) this.escape = '';
    else this.escape = seq.length > 16 ? '' : seq;
  }

  private cancel(): void {
    this.line = '';
    this.echo = true;
    this.send('\r\n');
    this.prompt();
  }

  private enter(): void {
    if (this.line.trim() !== '' && isIncomplete(this.line)) {
      this.line += '\n';
      if (this.echo) this.send('\r\n:');
      return;
    }
    const code = this.line;
    const echo = this.echo;
    this.line = '';
    this.echo = true;
    if (echo) this.send('\r\n');
    this.idlePrompt = false;
    if (!this.target) this.queued.push(echo ? code : '\x10' + code);
    else this.execute(code, echo);
  }

  private execute(code: string, echo: boolean): void {
    if (code.charAt(0) === '\x10') {
      echo = false;
      code = code.slice(1);
    }
    const target = this.target as ReplTarget;
    this.running = true;
    this.printed = false;
    let r: ReturnType<ReplTarget['run']> = { ok: true, value: undefined };
    try {
      if (code.trim() !== '') r = target.run(code);
    } finally {
      this.running = false;
    }
    if (echo) {
      if (r.ok && code.trim() !== '') this.send('=' + target.inspect(r.value).replace(/\r?\n/g, '\r\n') + '\r\n');
      this.prompt();
    } else if (this.printed) this.prompt();
  }
}
