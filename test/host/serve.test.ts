// `microjwt serve` and its REPL line discipline (src/host/repl.ts): what the
// official CLI and a person at a terminal rely on, each behaviour as measured
// on the 2v29 Linux build's telnet REPL.
import { afterAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { ReplConsole, isIncomplete } from '../../src/host/repl';
import { serve } from '../../src/host/serve';
import type { Served } from '../../src/host/serve';

/** A console over a fake device that evaluates with eval and records what ran. */
const fake = () => {
  let out = '';
  const ran: string[] = [];
  const repl = new ReplConsole((b) => (out += b));
  repl.setTarget({
    run: (code) => {
      ran.push(code);
      if (code.includes('print')) repl.output('printed\n');
      return { ok: true, value: code.trim() === '1+1' ? 2 : undefined };
    },
    inspect: (v) => String(v),
  });
  const take = () => {
    const o = out;
    out = '';
    return o;
  };
  return { repl, ran, take, reset: () => (out = '') };
};

describe('REPL line discipline', () => {
  it('echoes, runs on Enter, prints =result and the prompt', () => {
    const f = fake();
    f.repl.input('1+1\n');
    expect(f.take()).toBe('1+1\r\n=2\r\n>');
    expect(f.ran).toEqual(['1+1']);
  });

  it('0x10: no echo, no =result, a prompt only after output', () => {
    const f = fake();
    f.repl.input('\x10var a=1\n');
    expect(f.take()).toBe('');
    f.repl.input('\x10print(1)\n');
    expect(f.take()).toBe('printed\r\n>');
    expect(f.ran).toEqual(['var a=1', 'print(1)']);
  });

  it('waits for balanced brackets (":" prompt), and ESC + Enter is a newline that does not run', () => {
    const f = fake();
    f.repl.input('function f() {\n');
    expect(f.ran).toEqual([]);
    expect(f.take()).toBe('function f() {\r\n:');
    f.repl.input('return 1; }\n');
    expect(f.ran).toEqual(['function f() {\nreturn 1; }']);
    f.repl.input('\x10var x = 1\x1b\n+ 2\n');
    expect(f.ran[1]).toBe('var x = 1\n+ 2');
    expect(isIncomplete('/* open')).toBe(true);
    expect(isIncomplete('var s = "(";')).toBe(false);
    expect(isIncomplete('var r = /[(]/;')).toBe(false);
  });

  it('ignores escape sequences (the CLI\'s line numbers, cursor keys), telnet NULs, handles CR LF and backspace', () => {
    const f = fake();
    f.repl.input('\x10\x1b[12dvar a\x1b[A=1\r\n');
    f.repl.input('\x10var bb\x7f=2\r\0');
    expect(f.ran).toEqual(['var a=1', 'var b=2']);
  });

  it('Ctrl-C clears the line', () => {
    const f = fake();
    f.repl.input('garbage(\x03\x10var ok=1\n');
    expect(f.ran).toEqual(['var ok=1']);
  });

  it('output while idle erases the prompt line first, then brings it back', () => {
    const f = fake();
    f.repl.prompt();
    f.reset();
    f.repl.output('later\n');
    expect(f.take()).toBe('\r\x1b[Jlater\r\n>');
  });

  it('lines typed while the device restarts wait for it', () => {
    const f = fake();
    f.repl.setTarget(undefined);
    f.repl.input('\x10var a=1\n1+1\n');
    expect(f.ran).toEqual([]);
    f.repl.setTarget({ run: (c) => (f.ran.push(c), { ok: true, value: 7 }), inspect: String });
    expect(f.ran).toEqual(['var a=1', '1+1']);
  });
});

/** A raw console client: send bytes, wait for a pattern. */
const client = async (port: number) => {
  const s = net.connect(port, '127.0.0.1');
  await new Promise<void>((r) => s.on('connect', () => r()));
  let buf = '';
  s.on('data', (d) => (buf += d.toString('latin1')));
  const until = async (re: RegExp, ms = 10000) => {
    const end = Date.now() + ms;
    while (!re.test(buf)) {
      if (Date.now() > end) throw new Error('timeout waiting for ' + re + ' in ' + JSON.stringify(buf));
      await new Promise((r) => setTimeout(r, 10));
    }
    const m = re.exec(buf) as RegExpExecArray;
    buf = buf.slice(m.index + m[0].length);
    return m;
  };
  return { send: (t: string) => s.write(Buffer.from(t, 'latin1')), until, close: () => s.destroy() };
};

describe('microjwt serve', () => {
  const served: Served[] = [];
  afterAll(async () => {
    for (const s of served) await s.close();
  });

  it('answers the CLI\'s probes: the prompt, process.env as the CLI asks it, E.getConsole()', async () => {
    const s = await serve({ board: 'esp32', port: 0 });
    served.push(s);
    const c = await client(s.port);
    await c.until(/>$/);
    c.send('\n');
    await c.until(/\r\n>$/);
    c.send('\x10print("<","<<",JSON.stringify(process.env),">>",">")\n');
    const m = await c.until(/< << (\{.*\}) >> >/);
    expect(JSON.parse(m[1])).toMatchObject({ VERSION: '2v29', BOARD: 'ESP32', MODULES: 'Storage,crypto,http,Wifi' });
    c.send('E.getConsole()\n');
    await c.until(/=\"Telnet\"\r\n>/);
    c.close();
  });

  it('the module is in Storage unless --empty; reset() starts a fresh device on the same Storage', async () => {
    const s = await serve({ board: 'pico', port: 0, empty: true });
    served.push(s);
    const c = await client(s.port);
    c.send('\x10print("has", require("Storage").read("microjwt") !== undefined)\n');
    await c.until(/has false/);
    c.send('\x10var kept = 1; require("Storage").write("note", "hello")\n');
    c.send('\x10reset();\n');
    c.send('\x10print("after", typeof kept, require("Storage").read("note"), require("Storage").read("microjwt") !== undefined)\n');
    await c.until(/after undefined hello false/);
    c.close();
  });

  it('uncaught errors print and the device goes on; timers fire in real time', async () => {
    const s = await serve({ board: 'rp2040', port: 0 });
    served.push(s);
    const c = await client(s.port);
    c.send('throw new Error("boom")\n');
    await c.until(/Uncaught Error: boom\r\n>/);
    const t0 = Date.now();
    c.send('setTimeout(function () { print("tick") }, 300)\n');
    await c.until(/\r\x1b\[Jtick\r\n>/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    c.send('\x10print(typeof require("microjwt").sign)\n');
    await c.until(/function/);
    c.close();
  });

  it('listens on loopback only', async () => {
    const s = await serve({ board: 'pico', port: 0 });
    served.push(s);
    const addresses = Object.values((await import('node:os')).networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a?.address as string);
    for (const a of addresses) {
      const open = await new Promise<boolean>((resolve) => {
        const x = net.connect(s.port, a);
        x.on('connect', () => (x.destroy(), resolve(true)));
        x.on('error', () => resolve(false));
      });
      expect(open, a).toBe(false);
    }
  });
});
