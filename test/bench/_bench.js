// Prepended by test/bench/run.mjs to every bench script (ES5, no hoisting).
// bench(name, fn): runs fn in batches until a batch takes >= 150 ms, then
// twice more, and prints the best per-call time as `BENCH|name|ms|calls`.
var bench = function (name, fn) {
  fn();
  var n = 1;
  var t0;
  var dt;
  for (;;) {
    t0 = getTime();
    for (var i = 0; i < n; i++) fn();
    dt = (getTime() - t0) * 1000;
    if (dt >= 150 || n >= 65536) break;
    n = dt < 10 ? n * 8 : n * 2;
  }
  var best = dt / n;
  for (var r = 0; r < 2; r++) {
    t0 = getTime();
    for (var j = 0; j < n; j++) fn();
    dt = ((getTime() - t0) * 1000) / n;
    if (dt < best) best = dt;
  }
  print('BENCH|' + name + '|' + best.toFixed(4) + '|' + n);
};
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
