// StorageFile (require("Storage").open) as the device does it: run by
// test/host/storagefile.test.ts in the emulator and, with ESPRUINO_BIN, on the
// real interpreter; both must print test/host/storagefile.out.
var S = require('Storage');
var f = S.open('sfx', 'w');
var line = function (i) { var s = 'line ' + i + ' '; while (s.length < 60) s += String.fromCharCode(97 + (i + s.length) % 26); return s + '\n'; };
for (var i = 0; i < 40; i++) f.write(line(i));
print('len', f.getLength(), S.open('sfx', 'r').getLength());
var r = S.open('sfx', 'r'); var n = 0, bad = 0, l;
while ((l = r.readLine()) !== undefined) { if (l !== line(n)) bad++; n++; }
print('lines', n, 'bad', bad);
var r2 = S.open('sfx', 'r'); print(JSON.stringify(r2.read(5)), JSON.stringify(r2.read(70).length), JSON.stringify(r2.readLine()));
var a = S.open('sfx', 'a'); a.write('tail'); print('after tail', a.getLength());
var c2 = S.read('sfx\x02'); print('chunk2', c2.length, c2.charCodeAt(c2.length - 1));
var c3 = S.read('sfx\x03'); print('chunk3', c3 === undefined ? 'none' : c3.length);
var big = ''; while (big.length < 1000) big += 'x';
try { S.open('sfy', 'a').write(big); print('big ok'); } catch (e) { print('big err', e.message); }
var e1 = S.open('sfz', 'a'); e1.write('abc'); print(JSON.stringify(S.open('sfz', 'r').read(10)), S.open('sfz','r').read(0));
try { S.open('sfz', 'r').write('x'); } catch (e) { print('write r', e.message); }
try { S.open('sfz', 'a').readLine(); } catch (e) { print('read a', e.message); }
try { S.open('sfz', 'x'); } catch (e) { print('mode x', e.message); }
S.open('sfx', 'r').erase();
print('erased', S.read('sfx\x01'), S.read('sfx\x02'), S.open('sfx','r').readLine());
var w = S.open('sfw', 'a'); var s992 = ''; while (s992.length < 992) s992 += 'y'; w.write(s992); w.write('z\n');
print('exact', S.read('sfw\x01').length, JSON.stringify(S.open('sfw','r').read(2000).substr(990)));
