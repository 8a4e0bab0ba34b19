// Lazy parts: what a device script never calls costs (almost) no RAM.
//
// On a board, every function object, property and string that a module makes
// while it loads stays in RAM for as long as the module is loaded; function
// bodies loaded from Storage stay in flash. So a source file that declares
// `// @part NAME` in its first lines is not run at load: the build moves every
// top-level statement of the files of part NAME (in bundle order) into one
// loader function, run the first time anything calls into the part. Each
// name of the part that code outside it uses becomes, at load, a small stub
// that runs the loader, then calls the real function (or constructs with it:
// `new` and `instanceof` work through the stub). After loading, the outer
// name holds the real function, so code of the bundle that calls it directly
// pays nothing more; the stub (what the public API object captured at load)
// keeps forwarding.
//
// Rules this enforces for files of a part (the build fails otherwise):
// - code outside the part may use only functions and classes of the part (a
//   value cannot be stubbed);
// - top-level declarations of a part bind plain names (no destructuring).
// A part may declare what it always uses: `// @part jwe needs crypto`. Its
// loader loads those parts first, so a name of theirs that only such parts
// use needs no stub at load (a stub costs a function, the bare name 1 JsVar).
// Why the loader's name holds 0 once it has run, and a stub tests it before
// calling: the interpreter lexes a function's whole body on every call,
// skipped code included, and the loader's body is the whole part; even an
// empty function costs a call (~2 us on the ESP32-like build) and 5 JsVars.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// esbuild's comment before each module's code, relative to the package root.
const MARKER = /^\/\/ (\S+\.[cm]?[tj]s)$/gm;
const PART = /^\s*\/\/ @part ([A-Za-z0-9_]+)(?: needs ([A-Za-z0-9_]+(?:, *[A-Za-z0-9_]+)*))?\s*$/m;

/** The part a source file declares in its first 600 characters and the parts it needs: { part, needs } (part null: none). */
const partOfFile = (root, file, cache) => {
  if (!(file in cache)) {
    const path = join(root, file);
    const head = existsSync(path) ? readFileSync(path, 'utf8').slice(0, 600) : '';
    const m = PART.exec(head);
    cache[file] = { part: m ? m[1] : null, needs: m && m[2] ? m[2].split(/, */) : [] };
  }
  return cache[file];
};

/** Names a top-level statement declares; throws for destructuring. */
const declaredNames = (stmt) => {
  if (stmt.type === 'VariableDeclaration') {
    return stmt.declarations.map((d) => {
      if (d.id.type !== 'Identifier') throw new Error('a part declares a destructured name at offset ' + d.start);
      return d.id.name;
    });
  }
  if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) return [stmt.id.name];
  return [];
};

/** Every identifier `node` reads or writes as a variable (over-approximates: shadowing is ignored, which only adds a stub). */
const referencedNames = (node, out) => {
  if (!node || typeof node.type !== 'string') return out;
  if (node.type === 'Identifier') {
    out.add(node.name);
    return out;
  }
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    // Property names are not variables (unless computed; a shorthand's value is).
    if (key === 'property' && node.type === 'MemberExpression' && !node.computed) continue;
    if (key === 'key' && (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && !node.computed) continue;
    if (key === 'label') continue;
    const v = node[key];
    if (Array.isArray(v)) for (const c of v) referencedNames(c, out);
    else if (v && typeof v.type === 'string') referencedNames(v, out);
  }
  return out;
};

const isCallable = (stmt, name) => {
  if (stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') return true;
  const d = stmt.declarations.find((x) => x.id.name === name);
  const t = d && d.init && d.init.type;
  return t === 'FunctionExpression' || t === 'ArrowFunctionExpression' || t === 'ClassExpression';
};

/** A part statement as it runs inside the loader: declarations of exported names become assignments to the outer names. */
const rewrite = (code, stmt, exported) => {
  const text = code.slice(stmt.start, stmt.end);
  const names = declaredNames(stmt);
  if (!names.some((n) => exported.has(n))) return text;
  if (stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') {
    return stmt.id.name + ' = ' + text.replace(/^(async\s+)?(function|class)/, (m) => m) + ';';
  }
  return stmt.declarations
    .map((d) => {
      const init = d.init ? code.slice(d.init.start, d.init.end) : 'undefined';
      return exported.has(d.id.name) ? d.id.name + ' = ' + init + ';' : stmt.kind + ' ' + d.id.name + ' = ' + init + ';';
    })
    .join('\n');
};

/**
 * Apply the lazy parts to an unminified esbuild bundle `code` (the file
 * markers `// src/x.ts` before each module are how statements are traced to
 * their files). `parse` is acorn's parse. Returns { code, parts } where
 * parts maps a part's name to { files, exported } (for the build report).
 * `eager`: names of parts loaded with the module as ordinary code (a build
 * whose board always needs them, e.g. the pure hashes on a board without
 * native ones, would only pay the loaded part's extra cost per function).
 */
export const applyLazyParts = (root, code, parse, eager = []) => {
  const ast = parse(code, { ecmaVersion: 2020, sourceType: 'script' });
  const markers = [];
  for (let m; (m = MARKER.exec(code)); ) markers.push({ at: m.index, file: m[1] });
  const cache = {};
  const fileAt = (offset) => {
    let file = null;
    for (const mk of markers) if (mk.at <= offset) file = mk.file;
    return file;
  };
  const stmts = ast.body.map((s) => {
    const file = fileAt(s.start);
    const info = file ? partOfFile(root, file, cache) : { part: null, needs: [] };
    const lazy = info.part && !eager.includes(info.part);
    return { node: s, file, part: lazy ? info.part : null, needs: lazy ? info.needs : [] };
  });
  const partNames = [...new Set(stmts.filter((s) => s.part).map((s) => s.part))];
  if (!partNames.length) return { code, parts: {} };

  // What each part needs loaded first (only parts that are lazy in this build).
  const needs = {};
  for (const name of partNames) needs[name] = [...new Set(stmts.filter((s) => s.part === name).flatMap((s) => s.needs))].filter((n) => n !== name && partNames.includes(n));

  const parts = {};
  for (const name of partNames) {
    const own = stmts.filter((s) => s.part === name);
    const declared = new Map();
    for (const s of own) for (const n of declaredNames(s.node)) declared.set(n, s.node);
    // Per name used outside the part: whether some user (eager code, or a
    // part that does not need this one) could call it before it is loaded.
    const used = new Set();
    const early = new Set();
    for (const s of stmts) {
      if (s.part === name) continue;
      const refs = referencedNames(s.node, new Set());
      for (const n of refs) used.add(n);
      if (!s.part || !needs[s.part].includes(name)) for (const n of refs) early.add(n);
    }
    const exported = new Set([...declared.keys()].filter((n) => used.has(n)));
    for (const n of exported) {
      if (!isCallable(declared.get(n), n)) throw new Error('part ' + name + ': "' + n + '" is used outside the part but is not a function or class (only those can load the part on first use)');
    }
    const stubbed = [...exported].filter((n) => early.has(n));
    parts[name] = { files: [...new Set(own.map((s) => s.file))], exported: [...exported], stubbed, statements: own };
  }

  const loader = (name) => {
    const p = parts[name];
    const load = '__load_' + name;
    const first = needs[name].map((n) => '__load_' + n + ' && __load_' + n + '();\n').join('');
    const body = first + p.statements.map((s) => rewrite(code, s.node, new Set(p.exported))).join('\n');
    // A stub refers to itself by the name it stands for (no second name: one
    // JsVar less per stub), read after the loader has run (arguments are
    // evaluated left to right): the real function then. Once run, the
    // loader's name holds 0, so a stub's later calls make no call to it.
    const bare = p.exported.filter((n) => !p.stubbed.includes(n)).map((n) => 'var ' + n + ';\n').join('');
    const stubs = bare + p.stubbed
      .map((n) => 'var ' + n + ' = function () { return __lazyCall(this, ' + load + ' && ' + load + '(), ' + n + ', arguments); };')
      .join('\n');
    // The loader keeps the stubs (what the public API object captured at load)
    // while its body replaces the names, then gives each stub the real
    // prototype, so `instanceof` through the API works, and points the stub's
    // first prototype's `constructor` at the real function: Espruino makes the
    // object of `new F(args)` (with F.prototype as it is then) BEFORE it
    // evaluates args, so in `new Stub(new OtherStubOfThePart())` the part loads
    // in between and `this` still has that first prototype (__lazyCall reads it:
    // the first call of every stub that loads its part is such a case).
    // The stubs are kept on the loader itself: a load that fails part way (on
    // a board, out of memory interrupts the script, no catch runs) leaves
    // some names holding real functions, and the next call, which runs the
    // loader again, still finds the stubs there. Only a load that got to its
    // end sets the loader's name to 0 (the loader, and the array, are then
    // garbage). Setting it first would leave a part that failed to load dead
    // for good: its stubs would call names that are still stubs, forever.
    const keep = p.stubbed.length ? 'var __stubs = ' + load + '.s || (' + load + '.s = [' + p.stubbed.join(', ') + ']);\n' : '';
    // `__stubs` is then dropped: the part's functions keep the loader's scope.
    const protos = p.stubbed.length ? '__lazyLink(__stubs, [' + p.stubbed.join(', ') + ']);\n__stubs = undefined;\n' : '';
    return '\n// lazy part ' + name + ' (' + p.files.join(', ') + ')\nvar ' + load + ' = function () {\n' + keep + body + '\n' + protos + load + ' = 0;\n};\n' + stubs + '\n';
  };

  const helpers =
    '// lazy parts: a stub calls (or constructs with) the real function once its part is loaded\n' +
    // What a loader calls last with its stubs and the real functions (one
    // loop, not two statements per stub written into every loader: Storage
    // on the smallest boards).
    'var __lazyLink = function (stubs, reals) {\n' +
    '  for (var i = 0; i < stubs.length; i++) {\n' +
    '    stubs[i].prototype.constructor = reals[i];\n' +
    '    stubs[i].prototype = reals[i].prototype;\n' +
    '  }\n' +
    '};\n' +
    // One helper for every stub, not the code written into each: a stub is
    // then short (Storage on the smallest boards). Whether the stub was called
    // with `new`: `new` made `self` from the stub's prototype, which is by now
    // the real one (a part loaded earlier), or the stub's first prototype,
    // whose `constructor` the loader has just pointed at the real function.
    'var __lazyCall = function (self, loaded, real, args) {\n' +
    '  if (!(self instanceof real || (self != null && self.constructor === real))) return real.apply(self, args);\n' +
    '  var o = Object.create(real.prototype);\n' +
    '  var r = real.apply(o, args);\n' +
    '  return r !== null && typeof r === "object" ? r : o;\n' +
    '};\n';

  let out = helpers;
  let prev = 0;
  const emitted = new Set();
  for (const s of stmts) {
    if (s.part) {
      out += code.slice(prev, s.node.start);
      if (!emitted.has(s.part)) {
        emitted.add(s.part);
        out += loader(s.part);
      }
    } else {
      out += code.slice(prev, s.node.end);
    }
    prev = s.node.end;
  }
  out += code.slice(prev);
  return { code: out, parts };
};
