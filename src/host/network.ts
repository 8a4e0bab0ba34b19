// The host half of the emulator's network (profiles whose espruino.json entry
// lists `http`, and `Wifi` for the ESP32): real TCP sockets on loopback, HTTP/1.1
// framed the way Espruino 2v29's Linux build does it (measured):
//   - a server answers `HTTP/1.1 <code> OK`, then `Server: Espruino 2v29` and
//     `Connection: close`, the script's headers, the body, and closes the
//     connection (no Content-Length unless the script sets one);
//   - a client sends `User-Agent: Espruino 2v29`, `Connection: close`, the
//     script's headers and `Host`, and the body with no Content-Length of its
//     own; it decodes a chunked response.
// The device-side objects are in netprelude.js; events reach them through
// the device's loop (DeviceHandle.post), so each runs like a timer callback.
import vm from 'node:vm';
import net from 'node:net';
import type { DeviceHandle } from './device';
import { installHttp } from './netprelude.js';
import { deviceBytes, isUtf8String } from './utf8model';

type Dispatch = (kind: string, id: number, a?: unknown, b?: unknown, c?: unknown, d?: unknown) => void;

let netScript: vm.Script | undefined;

/** A device value as bytes (latin1): a string's bytes (a UTF-8 string's on the linux profile), or a typed array's. */
const toBytes = (data: unknown): Buffer => {
  if (typeof data === 'string') return Buffer.from(isUtf8String(data) ? deviceBytes(data) : data, 'latin1');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(String(data), 'latin1');
};

const HEAD_END = Buffer.from('\r\n\r\n');

/** Splits an HTTP head into its first line and `Name: value` lines. */
const splitHead = (head: string): { first: string; lines: string } => {
  const all = head.split('\r\n');
  return { first: all[0], lines: all.slice(1).filter((l) => l.length > 0).join('\n') };
};

export const installNetwork = (device: DeviceHandle): void => {
  const modules = device.profile.modules ?? [];
  if (!modules.length) return;
  const sockets = new Map<number, net.Socket>();
  const servers = new Map<number, { server: net.Server; release: () => void }>();
  let dispatch: Dispatch = () => {};
  const post = (kind: string, id: number, a?: unknown, b?: unknown, c?: unknown, d?: unknown) => device.post(() => dispatch(kind, id, a, b, c, d));
  let nextConn = 1e6; // server-side connection ids, apart from the device's own ids

  const serve = (serverId: number, sock: net.Socket) => {
    const id = nextConn++;
    sockets.set(id, sock);
    let buf = Buffer.alloc(0);
    let headDone = false;
    let remaining = 0;
    const finishBody = () => post('end', id);
    sock.on('data', (chunk: Buffer) => {
      if (headDone) {
        const part = chunk.subarray(0, remaining);
        remaining -= part.length;
        if (part.length) post('data', id, part.toString('latin1'));
        if (remaining === 0 && part.length) finishBody();
        return;
      }
      buf = Buffer.concat([buf, chunk]);
      const at = buf.indexOf(HEAD_END);
      if (at < 0) return;
      headDone = true;
      const { first, lines } = splitHead(buf.subarray(0, at).toString('latin1'));
      const [method = '', url = ''] = first.split(' ');
      const len = /^content-length:\s*(\d+)/im.exec(lines);
      remaining = len ? Number(len[1]) : 0;
      post('request', id, serverId, method, url, lines);
      const body = buf.subarray(at + 4, at + 4 + remaining);
      remaining -= body.length;
      if (body.length) post('data', id, body.toString('latin1'));
      if (remaining === 0) finishBody();
    });
    sock.on('error', () => {});
    sock.on('close', () => {
      sockets.delete(id);
      post('close', id);
    });
  };

  const request = (id: number, host: string, port: number, text: unknown) => {
    const release = device.hold();
    const sock = net.connect(port, host === 'localhost' ? '127.0.0.1' : host);
    sockets.set(id, sock);
    let buf = Buffer.alloc(0);
    let headDone = false;
    let chunked = false;
    let failed = false;
    sock.on('connect', () => sock.write(toBytes(text)));
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (!headDone) {
        const at = buf.indexOf(HEAD_END);
        if (at < 0) return;
        headDone = true;
        const { first, lines } = splitHead(buf.subarray(0, at).toString('latin1'));
        const m = /^HTTP\/(\d\.\d) (\d+) ?(.*)$/.exec(first) ?? ['', '1.1', '0', ''];
        chunked = /^transfer-encoding:\s*chunked/im.test(lines);
        post('response', id, m[2], m[3], m[1], lines);
        buf = buf.subarray(at + 4);
      }
      if (!chunked) {
        if (buf.length) post('data', id, buf.toString('latin1'));
        buf = Buffer.alloc(0);
        return;
      }
      // Chunked: pass on each complete chunk.
      for (;;) {
        const eol = buf.indexOf('\r\n');
        if (eol < 0) return;
        const size = parseInt(buf.subarray(0, eol).toString('latin1'), 16);
        if (!(size > 0)) return;
        if (buf.length < eol + 2 + size + 2) return;
        post('data', id, buf.subarray(eol + 2, eol + 2 + size).toString('latin1'));
        buf = buf.subarray(eol + 2 + size + 2);
      }
    });
    sock.on('error', (e) => {
      failed = true;
      post('error', id, e.message);
    });
    sock.on('close', () => {
      sockets.delete(id);
      if (!failed) {
        if (headDone) post('end', id);
        post('close', id);
      }
      release();
    });
  };

  const bridge = {
    listen: (serverId: number, port: number): string => {
      if (servers.has(serverId)) return 'Server already listening';
      const server = net.createServer((sock) => serve(serverId, sock));
      const release = device.hold();
      // On a board the port accepts connections when listen() returns; here
      // the bind comes later, so what the script prints next waits for it.
      const bound = device.gateOutput();
      servers.set(serverId, { server, release });
      server.on('listening', bound);
      server.on('error', (e) => {
        bound();
        device.write('ERROR: http server on port ' + port + ': ' + e.message + '\n');
        servers.delete(serverId);
        release();
      });
      // Loopback only: the emulator is a development tool, not a device on the network.
      server.listen(port, '127.0.0.1');
      return '';
    },
    closeServer: (serverId: number) => {
      const s = servers.get(serverId);
      if (!s) return;
      servers.delete(serverId);
      s.server.close();
      s.release();
    },
    head: (id: number, status: number, headers: string) => {
      sockets.get(id)?.write('HTTP/1.1 ' + status + ' OK\r\nServer: Espruino 2v29\r\nConnection: close\r\n' + toBytes(headers).toString('latin1') + '\r\n', 'latin1');
    },
    send: (id: number, data: unknown) => {
      sockets.get(id)?.write(toBytes(data));
    },
    end: (id: number) => {
      sockets.get(id)?.end();
    },
    request,
  };

  netScript ??= new vm.Script('(' + installHttp.toString() + ')', { filename: 'espruino-http.js' });
  const made = netScript.runInContext(device.context)(bridge) as { http: unknown; Wifi: unknown; dispatch: Dispatch };
  dispatch = made.dispatch;
  if (modules.includes('http')) device.addModule('http', made.http);
  if (modules.includes('Wifi')) device.addModule('Wifi', made.Wifi);
  device.onStop(() => {
    for (const s of servers.values()) s.server.close();
    for (const sock of sockets.values()) sock.destroy();
    servers.clear();
    sockets.clear();
  });
};
