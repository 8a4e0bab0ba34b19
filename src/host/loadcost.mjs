// Estimated JsVars a module costs on a board when `require` loads it from
// Storage. Used by the emulator's process.memory(), by build.mjs's report and
// by the memory-budget test, so CI sees memory regressions without a real
// interpreter.
//
// Why this model and not bytes: loaded from Storage, function bodies stay in
// flash, and what stays in RAM is what the module makes at load. Measured on
// the 5,100-var Pico-like build (2v29) with E.getSizeOf and trace():
// - a function object is 4 JsVars (itself, its code: a name and a flash
//   string, its scope link) and 1 per named parameter, when made directly in
//   the module's scope; 3 more when made one scope deeper (in a function that
//   runs at load: it then holds a copy of the scope chain, an array of two);
// - each variable of the module's scope is a name: 1 (short, minified);
// - a property is a name and its value: ~2 on average (names of API members are long); a string value adds
//   ~1 per 12 characters, an array ~1 per element.
// test/host/memory.test.ts re-checks the estimate against the real
// interpreter when ESPRUINO_BIN is set.
export const WEIGHTS = { fn: 4, nestedFn: 3, param: 1, binding: 1, prop: 2, elem: 1, str: 1, strChar: 1 / 12, base: 10 };

const isFn = (n) => n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration';

/**
 * Counts of what `code` (a module, run in its own scope as `require` does)
 * makes at load: functions (`fn`, of which `nestedFn` are made inside a
 * function that runs at load, an IIFE), their named parameters, module-scope
 * variables, properties, array elements and string characters.
 */
export const loadFeatures = (code, acorn) => {
  const ast = acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
  const f = { fn: 0, nestedFn: 0, param: 0, binding: 0, prop: 0, elem: 0, str: 0, strChar: 0 };
  for (const s of ast.body) {
    if (s.type === 'VariableDeclaration') f.binding += s.declarations.length;
    else if (s.type === 'FunctionDeclaration') f.binding++;
  }
  const visit = (n, atLoad, depth) => {
    if (!n || typeof n.type !== 'string') return;
    if (atLoad && n.type === 'ConditionalExpression') {
      // Only one branch runs: `V8 ? function… : function…` makes one function
      // on a board. Counted as the costlier branch (an upper bound).
      visit(n.test, atLoad, depth);
      const before = { ...f };
      visit(n.consequent, atLoad, depth);
      const one = { ...f };
      Object.assign(f, before);
      visit(n.alternate, atLoad, depth);
      if (weigh(one) > weigh(f)) Object.assign(f, one);
      return;
    }
    if (atLoad) {
      if (isFn(n)) {
        f.fn++;
        if (depth > 0) f.nestedFn++;
        f.param += n.params.length;
      } else if (n.type === 'Property' || (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression')) f.prop++;
      else if (n.type === 'ArrayExpression') f.elem += n.elements.length;
      else if (n.type === 'Literal' && typeof n.value === 'string') {
        f.str++;
        f.strChar += n.value.length;
      }
    }
    for (const k of Object.keys(n)) {
      const v = n[k];
      const children = Array.isArray(v) ? v : v && typeof v.type === 'string' ? [v] : [];
      for (const c of children) {
        // A function's body runs later, unless the function is called right here (an IIFE).
        const runsNow = !isFn(n) || (k === 'body' && n.__iife);
        if (c && c.type === 'CallExpression' && isFn(c.callee)) c.callee.__iife = true;
        visit(c, atLoad && runsNow, isFn(n) ? depth + 1 : depth);
      }
    }
  };
  for (const s of ast.body) visit(s, true, 0);
  return f;
};

/** Weighted JsVars of feature counts `f` (without the base). */
const weigh = (f) => {
  const w = WEIGHTS;
  return w.fn * f.fn + w.nestedFn * f.nestedFn + w.param * f.param + w.binding * f.binding + w.prop * f.prop + w.elem * f.elem + w.str * f.str + w.strChar * f.strChar;
};

/** Estimated JsVars at load for module text `code` (ES5). */
export const estimateLoadCost = (code, acorn) => Math.round(WEIGHTS.base + weigh(loadFeatures(code, acorn)));
