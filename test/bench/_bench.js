// Prepended by test/bench/run.mjs to every bench script (ES5, no hoisting).
// bench(name, fn): finds a batch size n whose batch takes >= 60 ms, then
// times five batches of n calls and prints `BENCH|name|median|n|min|max`
// (ms per call). A call slower than 100 ms is timed three times, one call
// each (PBKDF2, pure SHA-512, 2 KB JWE under qemu), so the whole run stays
// within minutes.
// @bench-start (left out of `@load storage` scripts: they do not time, and
// on the 5,100-var build every line of script text held in RAM counts)
var bench = function (name, fn) {
  var t0 = getTime();
  fn();
  var first = (getTime() - t0) * 1000;
  var n = 1;
  var dt;
  var runs = [];
  if (first > 100) {
    runs.push(first);
    for (var s = 0; s < 2; s++) {
      t0 = getTime();
      fn();
      runs.push((getTime() - t0) * 1000);
    }
  } else {
    for (;;) {
      t0 = getTime();
      for (var i = 0; i < n; i++) fn();
      dt = (getTime() - t0) * 1000;
      if (dt >= 60 || n >= 65536) break;
      n = dt < 5 ? n * 8 : n * 2;
    }
    runs.push(dt / n);
    for (var r = 0; r < 4; r++) {
      t0 = getTime();
      for (var j = 0; j < n; j++) fn();
      runs.push(((getTime() - t0) * 1000) / n);
    }
  }
  runs.sort(function (a, b) { return a - b; });
  var digits = runs[0] < 1 ? 4 : runs[0] < 100 ? 3 : 1;
  print('BENCH|' + name + '|' + runs[runs.length >> 1].toFixed(digits) + '|' + n + '|' + runs[0].toFixed(digits) + '|' + runs[runs.length - 1].toFixed(digits));
  return runs[runs.length >> 1];
};
// @bench-end
// @peak-start (only in `@load storage` scripts, the memory ones: PEAK,
// sample and wrap measure the peak JsVars of a call. The natives the library
// calls are wrapped to read process.memory(false).usage before and after
// each call, so a peak is a lower bound that misses only interpreted peaks
// between two native calls.)
var PEAK = [0];
var sample = function () {
  var u = process.memory(false).usage;
  if (u > PEAK[0]) PEAK[0] = u;
};
var wrap = function (obj, name) {
  var f = obj[name];
  if (typeof f !== 'function') return;
  // No named parameters: with them, Espruino's arguments.length is the
  // number declared, not the number passed (measured on 2v29).
  obj[name] = function () {
    sample();
    var n = arguments.length;
    var r = n > 2 ? f(arguments[0], arguments[1], arguments[2]) : n > 1 ? f(arguments[0], arguments[1]) : f(arguments[0]);
    sample();
    return r;
  };
};
// @peak-end
var benchNote = function (text) {
  print('NOTE|' + text);
};
var nativeCrypto = (function () {
  try {
    return require('crypto');
  } catch (e) {
    return null;
  }
})();
var bytes = function (n) {
  var u = new Uint8Array(n);
  for (var i = 0; i < n; i++) u[i] = (i * 37 + 11) & 255;
  return u;
};
benchNote('interpreter ' + process.env.VERSION + ' ' + process.env.BOARD + ', ' + process.memory().total + ' vars');
