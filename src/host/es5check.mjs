// Static checks for code that must run on the Espruino interpreter.
// Used by build.mjs on dist/ and by the emulator on every script it loads.
// Each rule is a measured interpreter fact (../shared/espruino-notes.md).

/** Globals that exist on an Espruino board (or are feature-detected host globals). */
export const DEVICE_GLOBALS = new Set([
  // ES5 core that Espruino implements
  'Object', 'Array', 'String', 'Number', 'Boolean', 'Math', 'JSON', 'Date', 'RegExp', 'Function',
  'Error', 'TypeError', 'SyntaxError', 'ReferenceError', 'InternalError',
  'ArrayBuffer', 'DataView', 'Uint8Array', 'Uint8ClampedArray', 'Int8Array', 'Uint16Array', 'Int16Array',
  'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'Promise',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'undefined', 'NaN', 'Infinity', 'arguments',
  // Espruino's own
  'E', 'atob', 'btoa', 'require', 'module', 'exports', 'getTime', 'setTime', 'print', 'console', 'process',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
]);

/** TypeScript helpers that rely on what Espruino lacks (prototype methods, Symbol, hoisting). */
const BANNED_HELPERS = new Set(['__spreadArray', '__extends', '__values', '__read', '__generator', '__awaiter', '__spread', '__makeTemplateObject']);

const isFunction = (n) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/** Calls visit(node, parent, fnScope) for every node; fnScope is the nearest enclosing function (or Program). */
export const walk = (node, visit, parent = null, fnScope = node) => {
  visit(node, parent, fnScope);
  const scope = isFunction(node) ? node : fnScope;
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'range') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, visit, node, scope);
    } else if (v && typeof v.type === 'string') {
      walk(v, visit, node, scope);
    }
  }
};

/** True when `node` (an Identifier) is a reference, not a property name or label. */
export const isReference = (node, parent) => {
  if (!parent) return true;
  if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
  if (parent.type === 'Property' && parent.key === node && !parent.computed) return parent.shorthand;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  return true;
};

/**
 * Returns a list of problems (empty when the code is fine):
 * - not ES5 (acorn ecmaVersion 5);
 * - a global the device does not have;
 * - a TypeScript helper that fails on Espruino;
 * - a function declaration referenced before it (no hoisting on Espruino);
 * - a regex literal right after `)` (a syntax error there);
 * - a statement starting with a string literal right after `if (…) {…}` without
 *   `else` (mis-executed by the interpreter; minifiers emit it);
 * - a string literal with a character above 0xFF (boards cut it to its low
 *   byte: "\u2019" becomes "\x19"), e.g. from a minifier folding an expression.
 */
export const checkDeviceCode = (code, acorn) => {
  const problems = [];
  let ast;
  const tokens = [];
  try {
    ast = acorn.parse(code, { ecmaVersion: 5, sourceType: 'script', onToken: tokens, locations: true });
  } catch (e) {
    return ['not ES5: ' + e.message];
  }
  const where = (n) => 'line ' + n.loc.start.line + ':' + n.loc.start.column;

  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].type.label === 'regexp' && tokens[i - 1].type.label === ')') {
      problems.push('regex literal right after ")" at ' + where(tokens[i]) + ' (Espruino syntax error)');
    }
  }

  const declared = new Set();
  walk(ast, (n) => {
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') declared.add(n.id.name);
    if (isFunction(n)) {
      if (n.id) declared.add(n.id.name);
      for (const p of n.params) if (p.type === 'Identifier') declared.add(p.name);
    }
    if (n.type === 'CatchClause' && n.param) declared.add(n.param.name);
  });

  const functionDecls = []; // [name, declNode, scope]
  walk(ast, (n, parent, scope) => {
    if (n.type === 'FunctionDeclaration') functionDecls.push([n.id.name, n, scope]);
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && BANNED_HELPERS.has(n.id.name)) {
      problems.push('TypeScript helper ' + n.id.name + ' at ' + where(n) + ' (fails on Espruino: avoid the syntax that needs it)');
    }
    if (n.type === 'Identifier' && isReference(n, parent) && !declared.has(n.name) && !DEVICE_GLOBALS.has(n.name)) {
      problems.push('global "' + n.name + '" at ' + where(n) + ' does not exist on Espruino');
    }
    if (n.type === 'Literal' && typeof n.value === 'string' && /[^\u0000-\u00ff]/.test(n.value)) {
      problems.push('string literal with a character above 0xFF at ' + where(n) + ' (cut to one byte on boards)');
    }
    const body = n.type === 'Program' || n.type === 'BlockStatement' ? n.body : n.type === 'SwitchCase' ? n.consequent : null;
    if (body) {
      for (let i = 1; i < body.length; i++) {
        const prev = body[i - 1];
        const stmt = body[i];
        if (prev.type === 'IfStatement' && !prev.alternate && stmt.type === 'ExpressionStatement' && code[stmt.start] !== undefined && /["']/.test(code[stmt.start])) {
          problems.push('statement starting with a string literal after if-without-else at ' + where(stmt) + ' (mis-executed by Espruino)');
        }
      }
    }
  });

  // No hoisting: a function declaration must come before every use in its own scope
  // that runs at that scope's top level (uses inside nested functions run later).
  for (const [name, decl, scope] of functionDecls) {
    walk(scope, (n, parent, s) => {
      if (s === scope && n.type === 'Identifier' && n.name === name && n !== decl.id && isReference(n, parent) && n.start < decl.start) {
        problems.push('function ' + name + ' used at ' + where(n) + ' before its declaration at ' + where(decl) + ' (Espruino does not hoist)');
      }
    });
  }
  return [...new Set(problems)];
};
