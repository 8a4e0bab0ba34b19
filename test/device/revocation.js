// @variants !core
// Revocation stores on the device: in RAM and in Storage, signed fleet updates.
var mj = require('microjwt');
var K = 'fleet-update-key-0123456789abcdef!!';
var NOW = Date.now() / 1000;
var upd = function (seq, list) { return mj.jws.sign(JSON.stringify({ seq: seq, revoked: list }), K); };

test('MemoryRevocationStore', function () {
  var s = new mj.MemoryRevocationStore({ capacity: 2 });
  assert(s.add('a', NOW + 60), 'add');
  assert(!s.add('a', NOW + 60), 'again');
  assert(s.has('a') && !s.has('b') && !s.has('__proto__'), 'has');
  s.add('old', NOW - 1);
  s.add('c', NOW + 60);
  eq(s.size(), 2);
  throws(function () { s.add('d', NOW + 60); }, mj.JWTError, 'ERR_STORE_FULL');
  eq(s.clear(), 2);
});

test('StorageRevocationStore: add, has, prune, clear, full', function () {
  var s = new mj.StorageRevocationStore('rvt', { capacity: 3 });
  eq(s.size(), 0);
  s.add('a', NOW + 60);
  s.add('\xc3\xa9 b', NOW + 60);
  s.add('dead', NOW - 1);
  assert(s.has('a') && s.has('\xc3\xa9 b') && !s.has('c'), 'has');
  throws(function () { s.add('c', NOW + 60, 1); s.add('d', NOW + 60); }, mj.JWTError, 'ERR_STORE_FULL');
  assert(s.has('c') && !s.has('dead'), 'pruned when full');
  eq(s.clear(NOW + 30), 0);
  eq(s.clear(), 3);
  eq(s.size(), 0);
  throws(function () { new mj.StorageRevocationStore('a name that is far too long for Storage'); }, mj.JWTError, 'ERR_INVALID_ARGUMENT');
});

test('a lookup whose fingerprint starts where the index ends terminates (indexOf quirk)', function () {
  // CRC-32 fingerprints: 'seed' ends with the byte 'probe333' starts with, and
  // with the two 'probe98538' starts with (Espruino's indexOf reports those
  // partial matches even past fromIndex: a naive search loop never ends).
  var s = new mj.StorageRevocationStore('rvq');
  s.add('seed', NOW + 60);
  assert(!s.has('probe333') && !s.has('probe98538') && s.has('seed'), 'has');
  assert(s.add('probe333', NOW + 60) && s.has('probe333'), 'add');
});

test('a reopened store sees every entry (as after a reboot)', function () {
  var s = new mj.StorageRevocationStore('rvr');
  for (var i = 0; i < 30; i++) s.add('jti-' + i, NOW + 600);
  var t = new mj.StorageRevocationStore('rvr');
  eq(t.size(), 30);
  assert(t.has('jti-0') && t.has('jti-29') && !t.has('jti-30'), 'entries');
});

test('applyUpdate: signed, seq increasing, kept in Storage', function () {
  var s = new mj.StorageRevocationStore('rvu');
  eq(s.applyUpdate(upd(7, [['x', NOW + 60], ['y', NOW + 60]]), K, { algorithms: ['HS256'] }), 2);
  throws(function () { s.applyUpdate(upd(7, [['z', NOW + 60]]), K, { algorithms: ['HS256'] }); }, mj.InvalidTokenError, 'ERR_UPDATE_REPLAYED');
  throws(function () { s.applyUpdate(upd(8, [['z', NOW + 60]]), K + 'x', { algorithms: ['HS256'] }); }, mj.InvalidSignatureError);
  var again = new mj.StorageRevocationStore('rvu');
  throws(function () { again.applyUpdate(upd(6, []), K, { algorithms: ['HS256'] }); }, mj.InvalidTokenError, 'ERR_UPDATE_REPLAYED');
  assert(again.has('x') && again.has('y') && !again.has('z'), 'entries');
  eq(again.applyUpdate(upd(8, [['z', NOW + 60], ['x', NOW + 60]]), K, { algorithms: ['HS256'] }), 1);
});

test('verify and MicroJWT refuse revoked tokens from a Storage store', function () {
  var s = new mj.StorageRevocationStore('rvv');
  var jwt = new mj.MicroJWT(K, { silent: true, revocationStore: s });
  var t = jwt.createToken('u', 'r');
  var p = jwt.verifyToken(t);
  jwt.revokeToken(p.jti, p.exp);
  eq(jwt.verifyToken(t), null);
  eq(jwt.lastError.code, 'ERR_TOKEN_REVOKED');
  throws(function () { mj.verify(t, K, { algorithms: ['HS256'], revocationStore: new mj.StorageRevocationStore('rvv') }); }, mj.RevokedTokenError, 'ERR_TOKEN_REVOKED');
});
