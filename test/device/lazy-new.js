// @variants !core
// A constructor of a lazy part whose arguments are the first use of the part:
// Espruino makes the object of `new F(args)` before it evaluates args (Node
// after), so the stub must still see a construction when the part loaded in
// between (src/host/lazyparts.mjs).
var mj = require('microjwt');

test('new Stub(new OtherStub()) as the first use of the part', function () {
  var jwt = new mj.MicroJWT('your-very-secure-secret-key-32bytes+', { silent: true, revocationStore: new mj.MemoryRevocationStore() });
  eq(typeof jwt.verifyToken, 'function');
  assert(jwt instanceof mj.MicroJWT, 'instanceof');
  var t = jwt.createToken('u', 'r');
  eq(jwt.verifyToken(t).sub, 'u');
  var again = new mj.MicroJWT('your-very-secure-secret-key-32bytes+', { silent: true });
  assert(again instanceof mj.MicroJWT, 'instanceof after load');
});
