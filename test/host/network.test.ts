// The emulator's `http` module (esp32 and linux profiles) and the ESP32 `Wifi`
// stub, driven with Node's fetch over real loopback sockets; with ESPRUINO_BIN,
// the same device script on the real Linux interpreters, whose `http` is the
// reference (src/host/network.ts lists the measured framing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { runDeviceScript } from '../../src/host/emulator';
import { espruinoBinaries, runOnEspruino } from '../../src/host/real';

/** A free TCP port on loopback. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

const waitForPort = async (port: number, ms = 20000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nothing listens on ' + port);
};

// Serves 3 requests, then closes; fetches from a host server once.
const deviceScript = (port: number, upstream: number) => `
var http = require('http');
var served = 0;
var server = http.createServer(function (req, res) {
  var body = '';
  req.on('data', function (d) { body += d; });
  req.on('end', function () {
    served++;
    if (req.url === '/echo') {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Seen': req.headers['X-Test'] || 'none' });
      res.write('{"method":"' + req.method + '",');
      res.end('"len":' + body.length + ',"body":' + JSON.stringify(body) + '}');
    } else if (req.url === '/fetch') {
      http.get('http://127.0.0.1:${upstream}/up?x=1', function (r) {
        var got = '';
        r.on('data', function (d) { got += d; });
        r.on('close', function () {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end('upstream ' + r.statusCode + ' ' + typeof r.statusCode + ' ' + r.headers['X-Up'] + ' ' + got);
        });
      });
    } else {
      res.writeHead(404, {});
      res.end('no ' + req.url);
    }
    if (served === 3) server.close();
  });
});
server.listen(${port});
print('listening on ${port}');
`;

describe('emulated http (esp32 and linux profiles)', () => {
  let upstream: http.Server;
  let upstreamPort = 0;
  beforeAll(async () => {
    // A host server the device fetches from: chunked (Node's default) body.
    upstream = http.createServer((req, res) => {
      res.writeHead(200, { 'X-Up': 'yes' });
      res.write('hello ');
      res.end(req.url + ' ' + (req.headers['user-agent'] ?? ''));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    upstreamPort = (upstream.address() as net.AddressInfo).port;
  });
  afterAll(() => {
    upstream.close();
  });

  const drive = async (port: number) => {
    const a = await fetch('http://127.0.0.1:' + port + '/echo', { method: 'POST', headers: { 'X-Test': 'abc', 'Content-Type': 'application/json' }, body: '{"u":"x\u00e9"}' });
    expect(a.status).toBe(201);
    expect(a.headers.get('server')).toBe('Espruino 2v29');
    expect(a.headers.get('x-seen')).toBe('abc');
    expect(a.headers.get('content-type')).toBe('application/json');
    // The device sees bytes: "é" is two, and its JSON.stringify escapes each byte >= 0x80.
    expect(await a.json()).toEqual({ method: 'POST', len: 11, body: '{"u":"x\u00c3\u00a9"}' });
    const b = await fetch('http://127.0.0.1:' + port + '/fetch');
    expect(b.status).toBe(200);
    expect(await b.text()).toBe('upstream 200 string yes hello /up?x=1 Espruino 2v29');
    const c = await fetch('http://127.0.0.1:' + port + '/nothing');
    expect(c.status).toBe(404);
    expect(await c.text()).toBe('no /nothing');
  };

  for (const board of ['esp32', 'linux']) {
    it(board + ': a server and a client on loopback; the run ends when the server closes', async () => {
      const port = await freePort();
      const run = runDeviceScript(deviceScript(port, upstreamPort), { board });
      await waitForPort(port);
      await drive(port);
      const r = await run;
      expect(r.error, r.output).toBeUndefined();
      expect(r.output).toBe('listening on ' + port + '\n');
    }, 30000);
  }

  it('pico and rp2040 have no http module', async () => {
    for (const board of ['pico', 'rp2040', 'puck']) {
      const r = await runDeviceScript("try { require('http'); print('has http'); } catch (e) { print(String(e)); }", { board });
      expect(r.output, board).toBe('Error: Module "http" not found\n');
    }
  });

  it('esp32 Wifi: a stub that connects at once and says so; linux has none', async () => {
    const r = await runDeviceScript(
      "var w = require('Wifi'); w.connect('lab', { password: 'x' }, function (err) { print('cb', err, JSON.stringify(w.getIP()), w.getStatus().station); });",
      { board: 'esp32' },
    );
    expect(r.output).toContain('Wifi (emulated): connected to "lab" at once');
    expect(r.output).toContain('cb null {"ip":"127.0.0.1","netmask":"255.0.0.0","gw":"127.0.0.1","mac":"02:00:00:00:00:01"} connected');
    const l = await runDeviceScript("try { require('Wifi'); } catch (e) { print(String(e)); }", { board: 'linux' });
    expect(l.output).toBe('Error: Module "Wifi" not found\n');
  });

  it('a handler that throws prints Uncaught and the device keeps serving', async () => {
    const port = await freePort();
    const script = `var n = 0; var s = require('http').createServer(function (req, res) { n++; if (n === 1) throw new Error('boom'); res.writeHead(200, {}); res.end('ok'); s.close(); }); s.listen(${port});`;
    const run = runDeviceScript(script, { board: 'esp32' });
    await waitForPort(port);
    // Never answered (the handler threw): given up after a second.
    await expect(fetch('http://127.0.0.1:' + port + '/', { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
    const second = await fetch('http://127.0.0.1:' + port + '/');
    expect(await second.text()).toBe('ok');
    const r = await run;
    expect(r.output).toContain('Uncaught Error: boom');
  }, 30000);

  const bins = espruinoBinaries();
  if (bins.length === 0) it.skip('real interpreter: skipped, ESPRUINO_BIN is not set', () => {});
  for (const bin of bins) {
    it('the same script on the real interpreter ' + bin, async () => {
      const port = await freePort();
      // The Linux build does not exit after an http client request (measured),
      // so the run ends at its time limit once the requests are done.
      const run = runOnEspruino(bin, deviceScript(port, upstreamPort), { timeoutMs: 20000 });
      await waitForPort(port);
      await drive(port);
      const r = await run;
      expect(r.output).toContain('listening on ' + port);
      expect(r.output).not.toContain('Uncaught');
    }, 60000);
  }
});
