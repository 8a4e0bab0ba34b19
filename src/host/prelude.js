// The Espruino runtime as seen from inside the emulator's vm context.
//
// This function is NOT called in Node's realm: emulator.ts stringifies it and
// evaluates it inside each fresh context, so every object, array and error it
// makes belongs to the sandbox (instanceof, Object.getPrototypeOf and
// Object.prototype comparisons in device code then behave). It talks to the
// host only through `H`, passing primitives: byte strings (one char per byte)
// for binary data, numbers, and names.
//
// Keep it self-contained (no imports, no outer variables): only its source text
// travels into the context. Each quirk below is a measured 2v29 fact (see
// ../shared/espruino-notes.md and the probes in the README's emulator section).
export function installEspruino(H) {
  var g = globalThis;
  var P = H.profile; // { bytes, crypto: [..] | null, board, jsVars, blocksize }
  var O = g.Object;
  var A = g.Array;
  var S = g.String;
  var RD = g.Date;
  var Err = g.Error;
  var TypeErr = g.TypeError;
  var SynErr = g.SyntaxError;
  var RefErr = g.ReferenceError;
  var Refl = g.Reflect;
  var BigI = g.BigInt;
  var WSet = g.WeakSet;
  var U8 = g.Uint8Array;
  var fcc = S.fromCharCode;
  var strIndexOf = S.prototype.indexOf;
  var strReplace = S.prototype.replace;
  var strSubstr = S.prototype.substr;
  var objToString = O.prototype.toString;
  var hasOwn = O.prototype.hasOwnProperty;
  var arraySlice = A.prototype.slice;
  var arrayFilter = A.prototype.filter;
  var rPow = g.Math.pow;
  var rAssign = O.assign;
  var rStringify = g.JSON.stringify;
  var TA = O.getPrototypeOf(U8);

  var def = function (obj, name, value) {
    O.defineProperty(obj, name, { value: value, writable: true, configurable: true, enumerable: false });
  };
  var del = function (obj, names) {
    for (var i = 0; i < names.length; i++) delete obj[names[i]];
  };

  // ---- globals and members Espruino 2v29 does not have (probed with typeof)
  var keep = ('Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean String Date Promise RegExp Error ' +
    'ReferenceError SyntaxError TypeError globalThis JSON Math ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array ' +
    'Int32Array Float32Array Float64Array Uint8ClampedArray DataView decodeURIComponent encodeURIComponent eval isFinite isNaN').split(' ');
  var names = O.getOwnPropertyNames(g);
  for (var i = 0; i < names.length; i++) if (keep.indexOf(names[i]) < 0) delete g[names[i]];
  del(O, ['freeze', 'isFrozen', 'seal', 'isSealed', 'preventExtensions', 'isExtensible', 'is', 'getOwnPropertySymbols', 'groupBy', 'hasOwn']);
  del(O.prototype, ['__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);
  del(A, ['from', 'of', 'fromAsync']);
  del(A.prototype, ['lastIndexOf', 'copyWithin', 'flat', 'flatMap', 'at', 'reduceRight', 'entries', 'keys', 'values', 'findLast', 'findLastIndex', 'toReversed', 'toSorted', 'toSpliced', 'with', 'toLocaleString']);
  del(TA, ['from', 'of']);
  del(TA.prototype, ['lastIndexOf', 'at', 'copyWithin', 'findLast', 'findLastIndex', 'toReversed', 'toSorted', 'with', 'entries', 'keys', 'values', 'reduceRight', 'toLocaleString']);
  del(g.ArrayBuffer, ['isView']);
  del(g.ArrayBuffer.prototype, ['slice', 'resize', 'transfer', 'transferToFixedLength']);
  del(S, ['raw', 'fromCodePoint']);
  del(S.prototype, ['codePointAt', 'normalize', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight', 'at', 'localeCompare', 'matchAll', 'search',
    'isWellFormed', 'toWellFormed', 'toLocaleLowerCase', 'toLocaleUpperCase', 'anchor', 'big', 'blink', 'bold', 'fixed', 'fontcolor',
    'fontsize', 'italics', 'link', 'small', 'strike', 'sub', 'sup']);
  del(g.Number, ['isFinite', 'isInteger', 'isNaN', 'isSafeInteger', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER', 'EPSILON', 'parseInt', 'parseFloat']);
  del(g.Number.prototype, ['toPrecision', 'toExponential', 'toLocaleString']);
  // Number.MAX_SAFE_INTEGER and EPSILON cannot be deleted: swap in a Number
  // function that shares the prototype and has only what the device has.
  var RN = g.Number;
  var N = function Number(v) {
    var x = arguments.length ? +v : 0;
    return this instanceof N ? O(x) : x;
  };
  N.prototype = RN.prototype;
  def(RN.prototype, 'constructor', N);
  ['MAX_VALUE', 'MIN_VALUE', 'NaN', 'NEGATIVE_INFINITY', 'POSITIVE_INFINITY'].forEach(function (k) { N[k] = RN[k]; });
  g.Number = N;
  del(g.Math, ['imul', 'trunc', 'clz32', 'fround', 'log2', 'log10', 'hypot', 'cbrt', 'expm1', 'log1p', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']);
  del(g.Promise, ['race', 'allSettled', 'any', 'withResolvers', 'try']);
  del(Err, ['captureStackTrace', 'stackTraceLimit']);
  del(Err.prototype, ['name']);
  del(TypeErr.prototype, ['name']);
  del(SynErr.prototype, ['name']);
  del(RefErr.prototype, ['name']);
  g.global = g;

  // ---- bytes: every binary value crosses to the host as a byte string
  // On the linux profile a string with a char above 0xFF is a UTF-8 string
  // (code points 0x80..0xFF as U+F780..U+F7FF: see utf8model.ts); natives
  // see its UTF-8 bytes (H.utf8), and H.fromUtf8 makes one from bytes.
  var isU = function (s) { return /[^\x00-\xff]/.test(s); };
  var maskString = function (s) {
    if (!isU(s)) return s;
    if (!P.bytes) return H.utf8(s); // Linux build: Unicode strings are UTF-8 inside
    return strReplace.call(s, /[^\x00-\xff]/g, function (c) { return fcc(c.charCodeAt(0) & 255); });
  };
  var bytesOf = function (x) {
    if (typeof x === 'string') return maskString(x);
    if (x === undefined || x === null) return '';
    if (typeof x === 'number' || typeof x === 'boolean') return fcc(x & 255);
    if (x instanceof g.ArrayBuffer) x = new U8(x);
    var out = '';
    var n = x.length >>> 0;
    for (var i = 0; i < n; i++) out += fcc(x[i] & 255);
    return out;
  };
  var toU8 = function (bin) {
    var u = new U8(bin.length);
    for (var i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    return u;
  };
  var toAB = function (bin) { return toU8(bin).buffer; };

  // ---- printing, in the shape Espruino's print() uses (approximately)
  var isError = function (v) { return objToString.call(v) === '[object Error]'; };
  var errType = function (e) {
    for (var p = O.getPrototypeOf(e); p; p = O.getPrototypeOf(p)) {
      if (p === TypeErr.prototype) return 'TypeError';
      if (p === SynErr.prototype) return 'SyntaxError';
      if (p === RefErr.prototype) return 'ReferenceError';
      if (g.InternalError && p === g.InternalError.prototype) return 'InternalError';
    }
    return 'Error';
  };
  var quote = function (s) { return g.JSON.stringify(s); };
  var fmt = function (v, depth) {
    if (typeof v === 'string') return depth ? quote(v) : v;
    if (typeof v === 'function') return S(v);
    if (v === null || typeof v !== 'object') return S(v);
    if (depth > 6) return '...';
    if (isError(v)) return errType(v) + ': ' + S(v);
    if (v instanceof g.ArrayBuffer) return fmt(new U8(v), depth) + '.buffer';
    if (v instanceof TA) {
      var name = O.getPrototypeOf(v).constructor.name;
      return 'new ' + name + '([' + arraySlice.call(v).join(', ') + '])';
    }
    var parts = [];
    if (A.isArray(v)) {
      for (var i = 0; i < v.length; i++) parts.push(fmt(v[i], depth + 1));
      return '[ ' + parts.join(', ') + ' ]';
    }
    var keys = O.keys(v);
    for (var k = 0; k < keys.length; k++) parts.push(quote(keys[k]) + ': ' + fmt(v[keys[k]], depth + 1));
    return '{ ' + parts.join(', ') + ' }';
  };
  var print = function print() {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) parts.push(fmt(arguments[i], 0));
    H.write(maskString(parts.join(' ')) + '\n');
  };
  g.print = print;
  g.console = { log: print };

  // ---- interpreter quirks
  // String#indexOf/includes/replace(string): a match is also reported where the
  // start of the needle matches the end of the string ("abc".indexOf("cd") === 2),
  // unless the needle is longer than the string. fromIndex is clamped to
  // length - needle.length + 1, so that match comes back even from beyond it
  // ("abcab".indexOf("abx", 4) === 3: jswrap_string_indexOf, measured).
  var buggyIndexOf = function (s, needle, from) {
    var h = s.length;
    var n = needle.length;
    if (n > h) return -1;
    var i = +from || 0;
    i = i < 0 ? 0 : Math.floor(i);
    if (n > 0 && i > h - n + 1) i = h - n + 1;
    if (i >= h) return -1; // also "".indexOf("") === -1
    var r = strIndexOf.call(s, needle, i);
    if (r >= 0) return r;
    for (i = Math.max(i, h - n + 1); i < h; i++) {
      var j = 0;
      while (i + j < h && s.charCodeAt(i + j) === needle.charCodeAt(j)) j++;
      if (i + j === h) return i;
    }
    return -1;
  };
  def(S.prototype, 'indexOf', function indexOf(search, from) { return buggyIndexOf(S(this), S(search), from); });
  def(S.prototype, 'includes', function includes(search, from) { return buggyIndexOf(S(this), S(search), from) >= 0; });
  def(S.prototype, 'replace', function replace(pattern, replacement) {
    var s = S(this);
    if (pattern instanceof g.RegExp) return strReplace.call(s, pattern, replacement);
    var needle = S(pattern);
    var at = buggyIndexOf(s, needle, 0);
    if (at < 0) return s;
    var found = strSubstr.call(s, at, needle.length);
    var rep = typeof replacement === 'function' ? S(replacement(found, at, s)) : S(replacement);
    return strSubstr.call(s, 0, at) + rep + strSubstr.call(s, at + needle.length);
  });
  if (!P.bytes) {
    // Measured on the Unicode build: charCodeAt gives code points (one for a
    // supplementary char, which V8 holds as two units); substr, substring and
    // slice count a UTF-8 string's BYTES ("aéc".substring(1, 3) is "é") and
    // return a UTF-8 string; toUpperCase/toLowerCase change ASCII letters
    // only and return the bytes as a byte string; a property is found by its
    // name's bytes ({"é": 1}.hasOwnProperty("\xC3\xA9") is true).
    var nCharCodeAt = S.prototype.charCodeAt;
    def(S.prototype, 'charCodeAt', function charCodeAt(i) {
      'use strict';
      var c = nCharCodeAt.call(this, i);
      if (c < 0xd800) return c;
      if (c >= 0xf780 && c <= 0xf7ff) return c - 0xf700;
      if (c <= 0xdbff) {
        var lo = nCharCodeAt.call(this, (+i || 0) + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) return 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
      }
      return c;
    });
    // A negative index counts from the end in CHARS, then is used as a byte
    // index ("éab".slice(-2) is "\xA9ab", measured).
    var chars = function (s) { return s.length - (s.match(/[\ud800-\udbff][\udc00-\udfff]/g) || []).length; };
    ['substr', 'substring', 'slice'].forEach(function (name) {
      var nativeFn = S.prototype[name];
      def(S.prototype, name, function (a, b) {
        'use strict';
        var s = S(this);
        if (!isU(s)) return nativeFn.call(s, a, b);
        if (name !== 'substring' && a < 0) a = Math.max(0, chars(s) + Math.ceil(a));
        if (name === 'slice' && b < 0) b = Math.max(0, chars(s) + Math.ceil(b));
        return H.fromUtf8(nativeFn.call(H.utf8(s), a, b));
      });
    });
    ['toUpperCase', 'toLowerCase'].forEach(function (name) {
      var nativeFn = S.prototype[name];
      var letters = name === 'toUpperCase' ? /[a-z]+/g : /[A-Z]+/g;
      def(S.prototype, name, function () {
        'use strict';
        return strReplace.call(maskString(S(this)), letters, function (m) { return nativeFn.call(m); });
      });
    });
    var keyOf = function (k) { return typeof k === 'string' && isU(k) ? H.utf8(k) : k; };
    def(O.prototype, 'hasOwnProperty', function hasOwnProperty(k) { 'use strict'; return hasOwn.call(this, keyOf(k)); });
    // The transform wraps computed property names (o[k], k in o) in this (transform.ts KEY_FUNCTION).
    def(g, '__espruinoKey__', keyOf);
    // `x += y` (transform.ts APPEND_FUNCTION): the result keeps the kind of x,
    // so a byte string gets a UTF-8 string's bytes (s = ""; s += "é" is the
    // byte string C3 A9, measured), where `x + y` is UTF-8 if either is.
    def(g, '__espruinoAppend__', function (a, b) {
      if (typeof a !== 'string') return a + b;
      var t = '' + b;
      return isU(t) && !isU(a) ? a + H.utf8(t) : a + t;
    });
  }
  // Character codes are bytes (also on the Linux build).
  def(S, 'fromCharCode', function fromCharCode() {
    var out = '';
    for (var i = 0; i < arguments.length; i++) out += fcc(arguments[i] & 255);
    return out;
  });
  // Function#apply takes at most 256 arguments.
  def(g.Function.prototype, 'apply', function apply(thisArg, args) {
    if (args !== undefined && args !== null && args.length > 256) {
      throw new Err('Array passed to Function.apply is too big! Maximum 256 arguments, got ' + args.length);
    }
    return Refl.apply(this, thisArg, args === undefined || args === null ? [] : args);
  });
  // Math.pow is exact only for small integer exponents (measured: 0..9).
  def(g.Math, 'pow', function pow(a, b) {
    a = +a;
    b = +b;
    if (b === Math.floor(b) && b >= 0 && b < 10) {
      var r = 1;
      for (var i = 0; i < b; i++) r *= a;
      return r;
    }
    if (!(a > 0) || !isFinite(a) || !isFinite(b)) return rPow(a, b);
    return Math.exp(b * Math.log(a));
  });
  // Uint8Array#slice (and filter) give a plain Array.
  def(TA.prototype, 'slice', function slice(begin, end) { return arraySlice.call(this, begin, end); });
  def(TA.prototype, 'filter', function filter(fn, thisArg) { return arrayFilter.call(this, fn, thisArg); });
  // Object.assign refuses arrays and strings as sources.
  def(O, 'assign', function assign(target) {
    for (var i = 1; i < arguments.length; i++) {
      var src = arguments[i];
      if (A.isArray(src)) throw new TypeErr('Expecting Object, got Array');
      if (typeof src === 'string') throw new TypeErr('Expecting Object, got String');
    }
    return Refl.apply(rAssign, O, arraySlice.call(arguments));
  });
  // Error#toString: "<native type>: message", ignoring `name`; objects that only
  // inherit from Error.prototype get "[object Object]".
  def(Err.prototype, 'toString', function toString() {
    if (!isError(this)) return '[object Object]';
    var m = this.message;
    return m === undefined || m === '' ? errType(this) : errType(this) + ': ' + m;
  });
  // Object.prototype.toString.call(x) is String(x)-like: "" for [], "1,2" for a
  // Uint8Array, the source for a function; only objects give "[object Object]".
  var fnToString = g.Function.prototype.toString;
  var arrayJoin = A.prototype.join;
  def(O.prototype, 'toString', function toString() {
    'use strict';
    var t = this;
    if (t === null || t === undefined || (typeof t !== 'object' && typeof t !== 'function')) return S(t);
    if (typeof t === 'function') return fnToString.call(t);
    if (A.isArray(t) || t instanceof TA) return arrayJoin.call(t);
    if (t instanceof RD || isError(t)) return t.toString();
    return '[object Object]';
  });
  var InternalError = function InternalError(message) {
    if (!(this instanceof InternalError)) return new InternalError(message);
    this.message = message;
  };
  InternalError.prototype = O.create(Err.prototype);
  def(InternalError.prototype, 'constructor', InternalError);
  g.InternalError = InternalError;

  // ---- JSON, with Espruino's parser: lenient, first duplicate key wins, and
  // "__proto__" sets the prototype (a primitive value aborts the interpreter).
  // `jsKeys`: Storage.readJSON, which also takes identifier and integer member
  // names unquoted (what writeJSON writes; JSON.parse refuses them, measured).
  var jsonParse = function (text, jsKeys) {
    text = P.bytes ? S(text) : maskString(S(text)); // Unicode build: a UTF-8 string is parsed as its bytes (measured)
    var i = 0;
    var n = text.length;
    var fail = function (m) { throw new SynErr(m); };
    var skip = function () {
      for (;;) {
        var c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13) i++;
        else return;
      }
    };
    var str = function () {
      var q = text.charAt(i++);
      var out = '';
      for (;;) {
        if (i >= n) fail('Expecting valid value, got UNFINISHED STRING');
        var c = text.charAt(i++);
        if (c === q) return out;
        if (c !== '\\') { out += c; continue; }
        if (i >= n) fail('Expecting valid value, got UNFINISHED STRING');
        var e = text.charAt(i++);
        if (e === 'n') out += '\n';
        else if (e === 't') out += '\t';
        else if (e === 'r') out += '\r';
        else if (e === 'b') out += '\b';
        else if (e === 'f') out += '\f';
        else if (e === 'v') out += '\v';
        else if (e === '0') out += '\0';
        else if (e === 'x') { out += fcc(parseInt(text.substr(i, 2), 16) & 255); i += 2; }
        else if (e === 'u') {
          var code = parseInt(text.substr(i, 4), 16);
          i += 4;
          if (P.bytes) out += fcc(code & 255);
          else {
            // Unicode build: an escape >= 0x80 is its UTF-8 bytes (a member
            // name "\u00e9" is the byte string C3 A9, measured); a value is
            // decoded as a whole below. A surrogate pair is one code point.
            var u = code >= 0x80 && code <= 0xff ? fcc(0xf700 + code) : fcc(code);
            if (code >= 0xd800 && code <= 0xdbff && text.substr(i, 2) === '\\u') {
              var low = parseInt(text.substr(i + 2, 4), 16);
              if (low >= 0xdc00 && low <= 0xdfff) {
                u += fcc(low);
                i += 6;
              }
            }
            out += H.utf8(u);
          }
        } else out += e;
      }
    };
    var NUM = /-?[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?/y;
    var num = function () {
      NUM.lastIndex = i;
      var s = NUM.exec(text)[0];
      if (s === '' || s === '-' || s === '.') fail("Expecting valid value, got '" + text.charAt(i) + "'");
      i += s.length;
      var v = RN(s);
      if (/^-?[0-9]+$/.test(s)) {
        // Integers are 64-bit on the device: from 2^63 they wrap; there is no -0.
        if (Math.abs(v) >= 9223372036854775808) v = RN(BigI.asIntN(64, BigI(s)));
        return v === 0 ? 0 : v;
      }
      return v;
    };
    var obj = function () {
      i++;
      var o = {};
      for (;;) {
        skip();
        if (i >= n) fail("Got EOF expected '}'");
        if (text.charAt(i) === '}') { i++; return o; }
        var q = text.charAt(i);
        var bare = jsKeys && q !== '"' && q !== "'" ? /^(?:[A-Za-z_$][A-Za-z0-9_$]*|[0-9]+)/.exec(text.substr(i, 256)) : null;
        if (!bare && q !== '"' && q !== "'") fail('Got ' + q + ' expected STRING');
        var key = bare ? bare[0] : str();
        if (bare) i += key.length;
        skip();
        if (text.charAt(i) !== ':') fail(i >= n ? "Got EOF expected ':'" : "Got '" + text.charAt(i) + "' expected ':'");
        i++;
        var val = value();
        if (key === '__proto__') {
          if (val !== null && typeof val === 'object') O.setPrototypeOf(o, val);
          else throw H.fatal('JSON.parse: "__proto__" with a primitive value (the asserting interpreter build aborts here)');
        } else if (!hasOwn.call(o, key)) {
          o[key] = val;
        }
        skip();
        var c = text.charAt(i);
        if (c === ',') { i++; continue; }
        if (c === '}') { i++; return o; }
        fail(i >= n ? "Got EOF expected '}'" : "Got '" + c + "' expected '}'");
      }
    };
    var arr = function () {
      i++;
      var a = [];
      for (;;) {
        skip();
        if (i >= n) fail("Got EOF expected ','");
        if (text.charAt(i) === ']') { i++; return a; }
        a.push(value());
        skip();
        var c = text.charAt(i);
        if (c === ',') { i++; continue; }
        if (c === ']') { i++; return a; }
        fail(i >= n ? "Got EOF expected ','" : "Got '" + c + "' expected ','");
      }
    };
    // Measured on the Unicode Linux build: a string VALUE with a valid UTF-8
    // sequence in its bytes becomes a UTF-8 string (member names stay bytes;
    // "\xE9" alone stays a byte string).
    var utf8Value = function (s) { return P.bytes ? s : H.fromUtf8(s); };
    var value = function () {
      skip();
      if (i >= n) fail('Expecting valid value, got EOF');
      var c = text.charAt(i);
      if (c === '{') return obj();
      if (c === '[') return arr();
      if (c === '"' || c === "'") return utf8Value(str());
      if (c === '-' || c === '.' || (c >= '0' && c <= '9')) return num();
      var m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.substr(i, 64));
      if (m) {
        i += m[0].length;
        if (m[0] === 'true') return true;
        if (m[0] === 'false') return false;
        if (m[0] === 'null') return null;
        fail('Expecting valid value, got ' + (m[0] === 'undefined' ? 'undefined' : 'ID'));
      }
      fail("Expecting valid value, got '" + c + "'");
    };
    return value(); // trailing junk is ignored, as on the device
  };
  def(g.JSON, 'parse', function parse(text) { return jsonParse(text); });
  // stringify: replacer ignored, a `constructor` key dropped, typed arrays as
  // arrays, and every char >= 0x80 escaped as \u00XX (bytes) as the device does.
  def(g.JSON, 'stringify', function stringify(value, replacer, indent) {
    var s = rStringify(value, function (k, v) {
      if (k === 'constructor' && !A.isArray(this)) return undefined;
      if (v instanceof TA) return arraySlice.call(v);
      return v;
    }, indent);
    if (typeof s !== 'string') return s;
    return strReplace.call(s, /[^\x00-\x7f]/g, function (c) {
      var code = c.charCodeAt(0);
      if (P.bytes) code &= 255;
      else if (code >= 0xf780 && code <= 0xf7ff) code -= 0xf700; // a UTF-8 string's U+0080..U+00FF
      return '\\u' + ('000' + code.toString(16).toUpperCase()).slice(-4);
    });
  });

  // Storage.writeJSON writes JS notation, not JSON (measured on 2v29): member
  // names that are identifiers unquoted ({kty:"oct","b-c":1}), and bytes >=
  // 0x80 of byte strings as \xXX. Espruino reads it back; other JSON parsers
  // do not.
  var jsNotation = function (v) {
    if (v === null || typeof v !== 'object') {
      var t = g.JSON.stringify(v);
      // Byte strings (every string on a board) as \xXX; a UTF-8 string (linux profile) keeps \u00XX.
      return typeof v === 'string' && !/[^\x00-\xff]/.test(v) ? strReplace.call(t, /\\u00([89A-F][0-9A-F])/g, '\\x$1') : t;
    }
    var parts = [];
    if (A.isArray(v) || v instanceof TA) {
      for (var i = 0; i < v.length; i++) parts.push(v[i] === undefined || typeof v[i] === 'function' ? 'null' : jsNotation(v[i]));
      return '[' + parts.join(',') + ']';
    }
    var keys = Object.keys(v);
    for (var j = 0; j < keys.length; j++) {
      var k = keys[j];
      if (v[k] === undefined || typeof v[k] === 'function' || k === 'constructor') continue;
      parts.push((/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : jsNotation(k)) + ':' + jsNotation(v[k]));
    }
    return '{' + parts.join(',') + '}';
  };

  // ---- time: getTime() seconds (float); Date follows setTime()
  g.getTime = function getTime() { return H.now() / 1000; };
  g.setTime = function setTime(t) { H.setTime(+t); };
  var D = function Date(a) {
    if (!(this instanceof D)) return new RD(H.now()).toString();
    if (arguments.length === 0) return new RD(H.now());
    if (arguments.length === 1) {
      if (typeof a === 'string') return new RD(D.parse(a));
      return new RD(a);
    }
    return Refl.construct(RD, arraySlice.call(arguments));
  };
  D.prototype = RD.prototype;
  def(RD.prototype, 'constructor', D);
  D.now = function now() { return H.now(); };
  D.parse = function parse(s) {
    var t = RD.parse(s);
    return t !== t ? 0 : t; // Date.parse('garbage') is 0 on the device
  };
  g.Date = D;

  // ---- Espruino's own API
  var concatBytes = function (args) {
    var out = '';
    for (var i = 0; i < args.length; i++) out += bytesOf(args[i]);
    return out;
  };
  // typeof E is "function" on the device.
  var E = function E() {};
  E.toString = function toString() {
    // Unicode build: one string argument comes back as it is, UTF-8 or not (measured).
    if (!P.bytes && arguments.length === 1 && typeof arguments[0] === 'string') return arguments[0];
    return concatBytes(arguments);
  };
  E.toUint8Array = function toUint8Array() { return toU8(concatBytes(arguments)); };
  E.toArrayBuffer = function toArrayBuffer(s) { return toAB(bytesOf(s)); };
  E.hwRand = function hwRand() { return H.rand(); };
  E.getSizeOf = function getSizeOf(v) { return sizeOf(v, false); };
  // Standard CRC-32 over the bytes (each element's low byte for arrays), an unsigned result.
  var crcTable;
  E.CRC32 = function CRC32(data) {
    if (!crcTable) {
      crcTable = [];
      for (var n = 0; n < 256; n++) {
        var c = n;
        for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c >>> 0;
      }
    }
    var b = bytesOf(data);
    var crc = 0xffffffff;
    for (var i = 0; i < b.length; i++) crc = crcTable[(crc ^ b.charCodeAt(i)) & 255] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
  // Unicode helpers: on byte-string builds they exist but throw. On the linux
  // profile a string is UTF-8 when it has a char above 0xFF (utf8model.ts; an
  // all-ASCII UTF-8 string cannot be told from a byte string: see README).
  // Measured on the 2v29 board-like build (no ESPR_UNICODE_SUPPORT): asUTF8
  // throws, isUTF8 answers false, fromUTF8 undefined.
  var noUnicode = function () { throw new Err('Unicode not supported on this build'); };
  E.isUTF8 = P.bytes ? function isUTF8() { return false; } : function isUTF8(s) { return isU(S(s)); };
  E.asUTF8 = P.bytes ? noUnicode : function asUTF8(s) { return H.fromUtf8(bytesOf(s)); };
  E.fromUTF8 = P.bytes ? function fromUTF8() { return undefined; } : function fromUTF8(s) { return bytesOf(s); };
  g.E = E;
  // atob: no '-'/'_', white space skipped, any other invalid character counts as 0
  // (the device accepts anything), a trailing partial group gives fewer bytes.
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  g.atob = function atob(s) {
    s = bytesOf(s);
    var out = '';
    var acc = 0;
    var count = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c === '=') break;
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      var v = strIndexOf.call(B64, c);
      acc = (acc << 6) | (v < 0 ? 0 : v);
      count++;
      if (count === 4) {
        out += fcc((acc >> 16) & 255, (acc >> 8) & 255, acc & 255);
        acc = 0;
        count = 0;
      }
    }
    if (count === 2) out += fcc((acc >> 4) & 255);
    if (count === 3) out += fcc((acc >> 10) & 255, (acc >> 2) & 255);
    return out;
  };
  g.btoa = function btoa(data) {
    if (P.bytes || typeof data !== 'string' || !isU(data)) return H.btoa(bytesOf(data));
    // Unicode build bug (measured): the output is sized from the CHAR count,
    // so a UTF-8 string's base64 is cut to 4 * ceil(chars / 3) characters
    // (btoa("été") is "w6l0", the bytes C3 A9 74 only).
    var b64 = H.btoa(H.utf8(data));
    return strSubstr.call(b64, 0, 4 * Math.ceil(chars(data) / 3));
  };

  // JsVar estimate: one variable per value / property name, strings and typed
  // arrays in blocks of `blocksize` bytes. Approximate (see README).
  var isSmall = function (v) { return v === null || v === undefined || typeof v === 'boolean' || (typeof v === 'number' && v === (v | 0)); };
  var sizeOf = function (v, codeInFlash, seen) {
    seen = seen || new WSet();
    var bs = P.blocksize;
    if (typeof v === 'string') return 1 + Math.max(0, Math.ceil((v.length - 8) / bs));
    if (typeof v === 'function') return codeInFlash ? 2 : 2 + Math.ceil(S(v).length / bs);
    if (v === null || typeof v !== 'object') return 1;
    if (seen.has(v)) return 0;
    seen.add(v);
    if (v instanceof g.ArrayBuffer) return 1 + Math.ceil(v.byteLength / bs);
    if (v instanceof TA) return 2 + Math.ceil(v.byteLength / bs);
    var total = 1;
    var keys = O.keys(v);
    for (var i = 0; i < keys.length; i++) {
      var x = v[keys[i]];
      total += 1 + (keys[i].length > 8 ? Math.ceil((keys[i].length - 8) / bs) : 0) + (isSmall(x) ? 0 : sizeOf(x, codeInFlash, seen));
    }
    return total;
  };

  var modules = {};
  var cryptoModule = null;
  var makeCrypto = function () {
    var c = {};
    var list = P.crypto;
    var has = function (name) { return list.indexOf(name) >= 0; };
    ['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'].forEach(function (alg) {
      if (has(alg)) {
        def(c, alg, function (data) {
          if (data === undefined) return undefined;
          return toAB(H.hash(alg, bytesOf(data)));
        });
      }
    });
    var typeName = function (v) {
      if (v === null) return 'null';
      if (A.isArray(v)) return 'Array';
      var t = typeof v;
      return t.charAt(0).toUpperCase() + t.substr(1);
    };
    if (has('PBKDF2')) {
      def(c, 'PBKDF2', function PBKDF2(passphrase, salt, options) {
        var keySize = 4;
        var iterations = 1;
        var hasher = 'SHA1';
        if (options !== undefined && (options === null || typeof options !== 'object' || A.isArray(options))) {
          H.write('ERROR: Options should be an object or undefined, got ' + typeName(options) + '\n');
        } else if (options) {
          if (typeof options.keySize === 'number' && options.keySize >= 1) keySize = Math.floor(options.keySize);
          if (typeof options.iterations === 'number' && options.iterations >= 1) iterations = Math.floor(options.iterations);
          if (options.hasher !== undefined) {
            hasher = S(options.hasher);
            if (!/^SHA[0-9]+$/.test(hasher) || !has(hasher)) throw new Err('Unknown Hasher "' + hasher + '"');
          }
        }
        return toAB(H.pbkdf2(bytesOf(passphrase), bytesOf(salt), iterations, keySize * 4, hasher));
      });
    }
    if (has('AES')) {
      var aes = function (encrypt, data, key, options) {
        var mode = 'CBC';
        var iv = '';
        if (options && typeof options === 'object') {
          if (options.mode !== undefined) mode = S(options.mode);
          if (options.iv !== undefined) iv = bytesOf(options.iv);
        }
        if (['CBC', 'ECB', 'CFB', 'CTR', 'OFB'].indexOf(mode) < 0) throw new Err('Unknown Crypto mode "' + mode + '"');
        var r = H.aes(encrypt, mode, bytesOf(data), bytesOf(key), iv);
        if (r.error !== undefined) {
          H.write('ERROR: ' + r.error + '\n'); // printed, not thrown, as on the device
          return undefined;
        }
        return toAB(r.ok);
      };
      // Native members are not enumerable (Object.keys(require('crypto')) is []); AES is a function.
      var AES = function AES() {};
      def(AES, 'encrypt', function encrypt(data, key, options) { return aes(true, data, key, options); });
      def(AES, 'decrypt', function decrypt(data, key, options) { return aes(false, data, key, options); });
      def(c, 'AES', AES);
    }
    return c;
  };

  // Storage: names are cut to 28 characters (measured: longer names are
  // silently truncated); write(name, data, offset, size) as on the device.
  var sname = function (name) {
    name = S(name);
    return name.length > 28 ? name.substr(0, 28) : name;
  };
  var Storage = {
    read: function read(name, offset, length) {
      var d = H.sRead(sname(name));
      if (d === undefined) return undefined;
      offset = offset ? Math.floor(+offset) : 0;
      return length === undefined ? d.substr(offset) : d.substr(offset, Math.floor(+length));
    },
    readJSON: function readJSON(name, noExceptions) {
      var d = H.sRead(sname(name));
      if (d === undefined) return undefined;
      try {
        return jsonParse(d, true);
      } catch (e) {
        if (noExceptions) return undefined;
        throw e;
      }
    },
    readArrayBuffer: function readArrayBuffer(name) {
      var d = H.sRead(sname(name));
      return d === undefined ? undefined : toAB(d);
    },
    write: function write(name, data, offset, size) {
      name = sname(name);
      var bytes = bytesOf(data);
      offset = offset ? Math.floor(+offset) : 0;
      size = size ? Math.floor(+size) : 0;
      var file;
      if (offset === 0) {
        var len = size || bytes.length;
        if (len === 0) throw new Err("Can't create zero length file");
        if (bytes.length > len) throw new Err('Too much data for file size');
        file = '';
        for (var i = 0; i < len; i++) file += '\xff';
      } else {
        file = H.sRead(name);
        if (file === undefined) throw new Err('Unable to find or create file');
        if (offset + bytes.length > file.length) throw new Err('Too much data for file size');
      }
      H.sWrite(name, file.substr(0, offset) + bytes + file.substr(offset + bytes.length));
      return true;
    },
    writeJSON: function writeJSON(name, data) { return Storage.write(name, jsNotation(data)); },
    erase: function erase(name) { H.sErase(sname(name)); },
    eraseAll: function eraseAll() { H.sEraseAll(); },
    compact: function compact() {},
    list: function list(regex) {
      var all = jsonParse(H.sList());
      if (regex === undefined) return all;
      var re = regex instanceof g.RegExp ? regex : new g.RegExp(S(regex));
      return arrayFilter.call(all, function (n) { return re.test(n); });
    },
    getFree: function getFree() { return H.sStats().freeBytes; },
    getStats: function getStats() { return jsonParse(rStringify(H.sStats())); },
  };

  // StorageFile (Storage.open): append-only files stored as chunks named
  // name + '\x01', '\x02', ... of a fixed size, padded with 0xFF, which marks
  // the end of the data (as jswrap_storage.c does). 992 bytes per chunk, as
  // on the Linux builds (1 KB flash pages); real boards use up to 4064. A
  // write that fills a chunk is two flash writes (the rest of this chunk,
  // then the next chunk), as on the device; one write may not exceed a chunk.
  var SF_CHUNK = 992;
  var sfName = function (name, chunk) { return name + fcc(chunk); };
  var sfFirstFF = function (d) { var i = strIndexOf.call(d, '\xff'); return i < 0 ? d.length : i; };
  var StorageFile = function StorageFile() {};
  var sfErase = function (f) {
    for (var c = 1; H.sRead(sfName(f.name, c)) !== undefined; c++) H.sErase(sfName(f.name, c));
    f.chunk = 1;
    f.offset = 0;
    f.mode = 0;
  };
  var sfRead = function (f, len) {
    if (f.mode !== 'r') throw new Err("Can't read in this mode");
    var line = len < 0;
    var out;
    if (len === 0) return out;
    for (;;) {
      var d = H.sRead(sfName(f.name, f.chunk));
      if (d === undefined) return out;
      if (f.offset >= d.length) {
        if (f.chunk === 255) return out;
        f.chunk++;
        f.offset = 0;
        continue;
      }
      var end = sfFirstFF(d);
      if (f.offset >= end) return out;
      var take = d.substr(f.offset, end - f.offset);
      if (line) {
        var nl = strIndexOf.call(take, '\n');
        if (nl >= 0) take = take.substr(0, nl + 1);
      } else if (take.length > len) take = take.substr(0, len);
      f.offset += take.length;
      out = (out || '') + take;
      if (line ? take.charAt(take.length - 1) === '\n' : (len -= take.length) === 0) return out;
      if (f.offset < d.length) return out;
    }
  };
  def(StorageFile.prototype, 'read', function read(len) { return sfRead(this, Math.max(0, +len | 0)); });
  def(StorageFile.prototype, 'readLine', function readLine() { return sfRead(this, -1); });
  def(StorageFile.prototype, 'getLength', function getLength() {
    var n = 0;
    for (var c = 1; ; c++) {
      var d = H.sRead(sfName(this.name, c));
      if (d === undefined) return n;
      var end = sfFirstFF(d);
      n += end;
      if (end < d.length) return n;
    }
  });
  def(StorageFile.prototype, 'write', function write(data) {
    if (this.mode !== 'w' && this.mode !== 'a') throw new Err("Can't write in this mode");
    var b = bytesOf(S(data));
    if (!b.length) return;
    var create = function (f, name, part) {
      var tooMuch = part.length > SF_CHUNK;
      // Too much data: the chunk is made, empty, and the file closed (measured).
      var file = tooMuch ? '' : part;
      while (file.length < SF_CHUNK) file += '\xff';
      H.sWrite(name, file);
      if (tooMuch) {
        f.mode = 0;
        throw new Err('Too much data for file size');
      }
      f.offset = part.length;
    };
    var name = sfName(this.name, this.chunk);
    var d = H.sRead(name);
    if (d === undefined) return create(this, name, b);
    var room = d.length - this.offset;
    if (b.length < room) {
      H.sWrite(name, d.substr(0, this.offset) + b + d.substr(this.offset + b.length));
      this.offset += b.length;
      return;
    }
    H.sWrite(name, d.substr(0, this.offset) + b.substr(0, room));
    this.offset = d.length;
    if (this.chunk === 255) throw new Err('File too big!');
    this.chunk++;
    create(this, sfName(this.name, this.chunk), b.substr(room));
  });
  def(StorageFile.prototype, 'erase', function erase() { sfErase(this); });
  def(Storage, 'open', function open(name, mode) {
    mode = S(mode);
    if (mode !== 'r' && mode !== 'w' && mode !== 'a') throw new Err('Invalid mode ' + rStringify(mode));
    var f = new StorageFile();
    f.name = S(name).substr(0, 27);
    f.chunk = 1;
    f.offset = 0;
    f.mode = mode;
    if (mode === 'w') {
      sfErase(f);
      f.mode = mode;
    }
    if (mode === 'a') {
      var d = H.sRead(sfName(f.name, 1));
      while (d !== undefined && d.charAt(d.length - 1) !== '\xff' && f.chunk < 255) d = H.sRead(sfName(f.name, ++f.chunk));
      if (d !== undefined) f.offset = sfFirstFF(d);
    }
    return f;
  });

  var cached = {};
  g.Modules = {
    addCached: function addCached(name, source) { cached[S(name)] = P.bytes ? S(source) : maskString(S(source)); },
    removeCached: function removeCached(name) { delete cached[S(name)]; delete modules[S(name)]; },
    getCached: function getCached() { return O.keys(modules); },
  };
  // Built-in modules the host adds for some profiles (http, Wifi: see network.ts).
  var natives = {};
  g.require = function require(name) {
    name = S(name);
    if (hasOwn.call(modules, name)) return modules[name];
    if (hasOwn.call(natives, name)) return natives[name];
    if (name === 'Storage') return Storage;
    if (name === 'crypto' && P.crypto) return cryptoModule || (cryptoModule = makeCrypto());
    var source = hasOwn.call(cached, name) ? cached[name] : H.sRead(name);
    if (source === undefined || name === 'crypto') throw new Err('Module "' + name + '" not found');
    var fn = H.compileModule(name, source);
    if (typeof fn === 'string') throw new SynErr(fn);
    var module = { exports: {} };
    fn.call(module.exports, module.exports, module);
    modules[name] = module.exports;
    return module.exports;
  };

  // ---- timers: queued, run by the host after the script (virtual time)
  var timers = [];
  var nextId = 1;
  var addTimer = function (fn, ms, args, repeat) {
    var t = { id: nextId++, at: H.now() + Math.max(0, +ms || 0), ms: Math.max(1, +ms || 0), fn: fn, args: args, repeat: repeat };
    timers.push(t);
    return t.id;
  };
  var clearTimer = function (id) {
    timers = arrayFilter.call(timers, function (t) { return t.id !== id; });
  };
  g.setTimeout = function setTimeout(fn, ms) { return addTimer(fn, ms, arraySlice.call(arguments, 2), false); };
  g.setInterval = function setInterval(fn, ms) { return addTimer(fn, ms, arraySlice.call(arguments, 2), true); };
  g.clearTimeout = function clearTimeout(id) { clearTimer(id); };
  g.clearInterval = function clearInterval(id) { clearTimer(id); };

  var processObj = {
    env: { VERSION: '2v29', BOARD: P.board, CONSOLE: 'EMULATOR', MODULES: P.crypto ? 'Storage,crypto' : 'Storage' },
    version: '2v29',
    memory: function memory() {
      var usage = H.baseUsage();
      var ns = O.getOwnPropertyNames(g);
      for (var i = 0; i < ns.length; i++) if (builtins.indexOf(ns[i]) < 0) usage += 1 + sizeOf(g[ns[i]], true);
      var ks = O.keys(modules);
      for (var k = 0; k < ks.length; k++) usage += sizeOf(modules[ks[k]], true);
      var total = P.jsVars || Math.max(4096, usage * 2);
      return { free: total - usage, usage: usage, total: total, history: 0, gc: 0, gctime: 0, blocksize: P.blocksize };
    },
  };
  g.process = processObj;
  var builtins = O.getOwnPropertyNames(g);

  // What the host needs from inside: error text, timers, memory.
  return {
    describe: function (e) {
      if (e !== null && typeof e === 'object' && e instanceof Err) return 'Uncaught ' + maskString(S(e));
      return 'Uncaught ' + fmt(e, 1);
    },
    runTimer: function () {
      if (!timers.length) return false;
      var next = timers[0];
      for (var i = 1; i < timers.length; i++) if (timers[i].at < next.at) next = timers[i];
      var due = next.at;
      if (next.repeat) next.at += next.ms;
      else clearTimer(next.id);
      H.advanceTo(due);
      Refl.apply(next.fn, g, next.args);
      return true;
    },
    memory: function () { return processObj.memory(); },
    // For the REPL and the network layer (serve.ts, repl.ts, network.ts).
    nextTimer: function () {
      var at = -1;
      for (var i = 0; i < timers.length; i++) if (at < 0 || timers[i].at < at) at = timers[i].at;
      return at;
    },
    inspect: function (v) { return maskString(fmt(v, 1)); },
    addModule: function (name, exports) {
      natives[name] = exports;
      processObj.env.MODULES += ',' + name;
    },
    // A global the host adds counts as built in (process.memory() leaves it out).
    addGlobal: function (name, value) {
      g[name] = value;
      builtins.push(name);
    },
  };
}
