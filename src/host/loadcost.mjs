// Estimated JsVars a module costs on a board when `require` loads it from
// Storage. Used by the emulator's process.memory(), by build.mjs's report and
// by the memory-budget test, so CI sees memory regressions without a real
// interpreter.
//
// Why this model and not bytes: loaded from Storage, function bodies stay in
// flash. Measured on the 5,100-var board-like build (2v29): a 12 KB function
// body costs 18 JsVars, while each function object made at load costs several
// (more with named parameters), each property ~2, each string value by its
// length. The weights below are a non-negative least-squares fit of per-module
// costs measured on that build (median error ~14% per module, exact in total
// at the time of fitting); test/host/memory.test.ts re-checks them against
// the real interpreter when ESPRUINO_BIN is set.
export const WEIGHTS = { fn: 10.8, prop: 2.5, elem: 1, strChar: 0.1, base: 40 };

const isFn = (n) => n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration';

/** The function whose body runs at load: the module itself, or an IIFE wrapping it. */
const loadScope = (ast) => {
  const only = ast.body.length === 1 && ast.body[0].type === 'ExpressionStatement' ? ast.body[0].expression : null;
  return only && only.type === 'CallExpression' && isFn(only.callee) ? only.callee.body : ast;
};

/** Counts of what `code` makes at load; IIFE bodies run at load too. */
export const loadFeatures = (code, acorn) => {
  const ast = acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
  const f = { fn: 0, prop: 0, elem: 0, strChar: 0 };
  const visit = (n, atLoad) => {
    if (!n || typeof n.type !== 'string') return;
    if (atLoad) {
      if (isFn(n)) f.fn++;
      else if (n.type === 'Property' || (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression')) f.prop++;
      else if (n.type === 'ArrayExpression') f.elem += n.elements.length;
      else if (n.type === 'Literal' && typeof n.value === 'string') f.strChar += n.value.length;
    }
    for (const k of Object.keys(n)) {
      const v = n[k];
      const children = Array.isArray(v) ? v : v && typeof v.type === 'string' ? [v] : [];
      for (const c of children) {
        // A function's body runs later, unless the function is called right here (an IIFE).
        const runsNow = !isFn(n) || (k === 'body' && n.__iife);
        if (c && c.type === 'CallExpression' && isFn(c.callee)) c.callee.__iife = true;
        visit(c, atLoad && runsNow);
      }
    }
  };
  visit(loadScope(ast), true);
  return f;
};

/** Estimated JsVars at load for module text `code` (ES5). */
export const estimateLoadCost = (code, acorn) => {
  const f = loadFeatures(code, acorn);
  return Math.round(WEIGHTS.base + WEIGHTS.fn * f.fn + WEIGHTS.prop * f.prop + WEIGHTS.elem * f.elem + WEIGHTS.strChar * f.strChar);
};
