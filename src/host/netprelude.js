// Espruino's `http` module (and the ESP32 `Wifi` module, as a stub) as seen
// from inside the emulator's vm context. Like prelude.js, this function is
// stringified by network.ts and evaluated in each device's context, so every
// object it makes belongs to the device. The sockets are the host's
// (network.ts); this side holds the objects device code sees, and `N`, the
// host bridge, passes only primitives: ids, numbers, byte strings.
//
// Shapes measured on the 2v29 Linux build: request events `data`, `end`,
// `close`; `req.headers` keeps the names as sent; a client response's
// `statusCode` is a string; objects have `on`/`emit`.
export function installHttp(N) {
  var O = Object;
  var nextId = 1;
  var servers = {};
  var conns = {};

  // Event methods, as Espruino gives every object (listeners kept out of sight).
  var LISTENERS = '\xffon';
  var events = {
    on: function (name, fn) {
      if (!O.prototype.hasOwnProperty.call(this, LISTENERS)) O.defineProperty(this, LISTENERS, { value: {}, enumerable: false });
      var l = this[LISTENERS];
      (l[name] = l[name] || []).push(fn);
      return this;
    },
    emit: function (name, a, b) {
      var l = this[LISTENERS] && this[LISTENERS][name];
      if (!l) return;
      l = l.slice();
      for (var i = 0; i < l.length; i++) l[i].call(this, a, b);
    },
    removeAllListeners: function (name) {
      if (!this[LISTENERS]) return;
      if (name === undefined) O.defineProperty(this, LISTENERS, { value: {}, enumerable: false });
      else delete this[LISTENERS][name];
    },
  };
  var emitter = function (proto) {
    var o = O.create(proto || null);
    return o;
  };
  var withEvents = function (methods) {
    var p = {};
    var k;
    for (k in events) O.defineProperty(p, k, { value: events[k], enumerable: false, writable: true });
    for (k in methods) O.defineProperty(p, k, { value: methods[k], enumerable: false, writable: true });
    return p;
  };

  var parseHeaders = function (lines) {
    var h = {};
    var list = lines ? lines.split('\n') : [];
    for (var i = 0; i < list.length; i++) {
      var c = list[i].indexOf(':');
      if (c > 0 && !O.prototype.hasOwnProperty.call(h, list[i].substr(0, c))) h[list[i].substr(0, c)] = list[i].substr(c + 1).trim();
    }
    return h;
  };
  var headerText = function (headers) {
    var out = '';
    if (headers) for (var k in headers) out += k + ': ' + headers[k] + '\r\n';
    return out;
  };

  // ---- server side: http.createServer(cb).listen(port)
  var ServerProto = withEvents({
    listen: function (port) {
      var err = N.listen(this._id, +port);
      if (err) throw new Error(err);
      return this;
    },
    close: function () {
      N.closeServer(this._id);
    },
  });
  var RequestProto = withEvents({
    read: function () {
      var d = this._buf;
      this._buf = '';
      return d;
    },
    available: function () { return this._buf.length; },
  });
  var ResponseProto = withEvents({
    setHeader: function (name, value) {
      this.headers[name] = value;
    },
    writeHead: function (status, headers) {
      if (this._sent) return;
      if (headers) for (var k in headers) this.headers[k] = headers[k];
      this._sent = true;
      N.head(this._conn, +status, headerText(this.headers));
    },
    write: function (data) {
      if (!this._sent) this.writeHead(200);
      if (data !== undefined) N.send(this._conn, typeof data === 'string' ? data : E.toString(data));
      return true;
    },
    end: function (data) {
      if (data !== undefined) this.write(data);
      else if (!this._sent) this.writeHead(200);
      N.end(this._conn);
    },
  });
  var createServer = function (cb) {
    var s = emitter(ServerProto);
    O.defineProperty(s, '_id', { value: nextId++ });
    servers[s._id] = { server: s, cb: cb };
    return s;
  };

  // ---- client side: http.request(options, cb), http.get(options, cb)
  var ClientRequestProto = withEvents({
    write: function (data) {
      this._body += typeof data === 'string' ? data : E.toString(data);
      return true;
    },
    end: function (data) {
      if (data !== undefined) this.write(data);
      var o = this._options;
      var path = o.path || '/';
      var head = (o.method || 'GET') + ' ' + path + ' HTTP/1.1\r\nUser-Agent: Espruino 2v29\r\nConnection: close\r\n' +
        headerText(o.headers) + 'Host: ' + o.host + (o.port ? ':' + o.port : '') + '\r\n\r\n';
      N.request(this._conn, o.host, +(o.port || 80), head + this._body);
    },
  });
  var ResponseInProto = withEvents({});
  var parseUrl = function (u) {
    var m = /^([a-z]+):\/\/([^\/:]+)(:([0-9]+))?(\/.*)?$/.exec(u);
    if (!m) throw new Error('Not a valid URL: ' + u);
    return { protocol: m[1] + ':', host: m[2], port: m[4] ? +m[4] : 80, path: m[5] || '/', method: 'GET' };
  };
  var request = function (options, cb) {
    var o = typeof options === 'string' ? parseUrl(options) : options;
    var r = emitter(ClientRequestProto);
    O.defineProperty(r, '_options', { value: o });
    O.defineProperty(r, '_body', { value: '', writable: true });
    O.defineProperty(r, '_conn', { value: nextId++ });
    conns[r._conn] = { client: r, cb: cb };
    return r;
  };

  var http = {
    createServer: createServer,
    request: request,
    get: function (options, cb) {
      var r = request(options, cb);
      r.end();
      return r;
    },
  };

  // Host events, in the device's loop (network.ts posts them).
  var dispatch = function (kind, id, a, b, c, d) {
    var k = conns[id];
    if (kind === 'request') {
      // id: connection, a: server id, b: method, c: url, d: header lines
      var s = servers[a];
      if (!s) return;
      var req = emitter(RequestProto);
      req.method = b;
      req.url = c;
      req.headers = parseHeaders(d);
      O.defineProperty(req, '_buf', { value: '', writable: true });
      var res = emitter(ResponseProto);
      res.headers = {};
      O.defineProperty(res, '_conn', { value: id });
      O.defineProperty(res, '_sent', { value: false, writable: true });
      conns[id] = { req: req, res: res };
      if (s.cb) s.cb(req, res);
    } else if (kind === 'response') {
      // a: status, b: message, c: version, d: header lines
      if (!k) return;
      var r = emitter(ResponseInProto);
      r.headers = parseHeaders(d);
      r.httpVersion = c;
      r.statusCode = a;
      r.statusMessage = b;
      k.res = r;
      if (k.cb) k.cb(r);
    } else if (kind === 'data') {
      var target = k && (k.req || k.res);
      if (target) target.emit('data', a);
    } else if (kind === 'end') {
      var t = k && (k.req || k.res);
      if (t) t.emit('end');
    } else if (kind === 'close') {
      if (!k) return;
      delete conns[id];
      if (k.req) k.req.emit('close');
      if (k.res) k.res.emit('close');
    } else if (kind === 'error') {
      if (k && k.client) {
        delete conns[id];
        k.client.emit('error', new Error(a));
      }
    }
  };

  // ---- Wifi (ESP32): a stub that connects at once and says so.
  var status = 'off';
  var Wifi = emitter(withEvents({}));
  var later = function (fn, a, b) { if (typeof fn === 'function') setTimeout(function () { fn(a, b); }, 0); };
  Wifi.connect = function (ssid, options, cb) {
    if (typeof options === 'function') cb = options;
    status = 'connected';
    print('Wifi (emulated): connected to "' + ssid + '" at once; sockets use the host\'s loopback (127.0.0.1)');
    later(cb, null);
    var w = this;
    setTimeout(function () { w.emit('connected', { ip: '127.0.0.1' }); }, 0);
  };
  Wifi.disconnect = function (cb) { status = 'off'; later(cb); };
  Wifi.getIP = function (cb) {
    var ip = { ip: '127.0.0.1', netmask: '255.0.0.0', gw: '127.0.0.1', mac: '02:00:00:00:00:01' };
    later(cb, null, ip);
    return ip;
  };
  Wifi.getStatus = function () { return { station: status, ap: 'disabled', mode: status === 'off' ? 'off' : 'sta' }; };
  Wifi.setHostname = function (name, cb) { later(cb); };
  Wifi.save = function () {};
  Wifi.startAP = function (ssid, options, cb) { later(typeof options === 'function' ? options : cb, null); };
  Wifi.stopAP = function (cb) { later(cb); };
  Wifi.scan = function (cb) { later(cb, []); };

  return { http: http, Wifi: Wifi, dispatch: dispatch };
}
