// Source rewriting that makes V8 run device code the way Espruino 2v29 does.
// Applied by the emulator to every script and Storage module before it runs:
//   - parse as ES5 (anything newer is a syntax error on the device);
//   - refuse the two shapes the Espruino parser gets wrong (see es5check.mjs):
//     a regex literal right after `)`, and a statement starting with a string
//     literal right after `if (...) {...}` without else;
//   - no hoisting: `function f(){}` becomes `var f = function f(){};` in place,
//     so `typeof f` before the declaration is "undefined" as on the device;
//   - `<Builtin>.prototype.<method>` reads become `(void 0)`: Espruino keeps
//     built-in methods out of the prototype objects (instances still have them);
//   - byte-string profiles: string literals with \u escapes above 0xFF are cut
//     to their low byte, as the device's lexer does.
import * as acorn from 'acorn';
import { walk } from './es5check.mjs';

/** A script the emulated interpreter refuses to run (printed like the device would). */
export class DeviceSyntaxError extends Error {}

// Prototypes whose built-in methods are absent on Espruino. Not Object:
// Object.prototype.hasOwnProperty/toString do work there.
const BUILTINS = [
  'Array', 'String', 'Function', 'Number', 'Boolean', 'Date', 'RegExp', 'Error', 'Promise', 'ArrayBuffer', 'DataView',
  'Uint8Array', 'Uint8ClampedArray', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array',
];
const nativeMembers = new Map<string, Set<string>>();
for (const name of BUILTINS) {
  const ctor = (globalThis as Record<string, { prototype: object }>)[name];
  const names = new Set<string>();
  // Own and inherited-from-%TypedArray% members; `constructor` stays (it exists on Espruino).
  for (let p: object | null = ctor.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor') names.add(k);
  }
  nativeMembers.set(name, names);
}

const propName = (m: acorn.MemberExpression): string | undefined => {
  if (!m.computed && m.property.type === 'Identifier') return m.property.name;
  if (m.computed && m.property.type === 'Literal' && typeof m.property.value === 'string') return m.property.value;
  return undefined;
};

interface Edit { start: number; end: number; text: string }

const cache = new Map<string, string>();

/**
 * Returns the rewritten source, or throws DeviceSyntaxError with the message
 * the emulated interpreter reports.
 */
export const prepareDeviceSource = (code: string, byteStrings: boolean): string => {
  const key = (byteStrings ? 'b' : 'u') + code;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const tokens: acorn.Token[] = [];
  let ast: acorn.Program;
  try {
    ast = acorn.parse(code, { ecmaVersion: 5, sourceType: 'script', onToken: tokens, locations: true, allowReturnOutsideFunction: false });
  } catch (e) {
    throw new DeviceSyntaxError('SyntaxError: ' + (e as Error).message + ' (device scripts must be ES5; parsed with ecmaVersion 5)');
  }
  const at = (n: { loc?: acorn.SourceLocation | null }) => 'line ' + n.loc!.start.line + ':' + (n.loc!.start.column + 1);
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].type.label === 'regexp' && tokens[i - 1].type.label === ')') {
      throw new DeviceSyntaxError("SyntaxError: regex literal right after ')' at " + at(tokens[i]) + ' (Espruino 2v29 parser bug, emulated)');
    }
  }
  const edits: Edit[] = [];
  walk(ast, (n: any, parent: any) => {
    const body = n.type === 'Program' || n.type === 'BlockStatement' ? n.body : n.type === 'SwitchCase' ? n.consequent : null;
    if (body) {
      for (let i = 1; i < body.length; i++) {
        const prev = body[i - 1];
        const stmt = body[i];
        if (prev.type === 'IfStatement' && !prev.alternate && stmt.type === 'ExpressionStatement' && (code[stmt.start] === '"' || code[stmt.start] === "'")) {
          throw new DeviceSyntaxError(
            'Error: statement starting with a string literal right after if(...){...} without else at ' + at(stmt) +
              ' is mis-executed by Espruino 2v29 (interpreter bug, emulated by refusing to run)',
          );
        }
      }
    }
    if (n.type === 'FunctionDeclaration') {
      edits.push({ start: n.start, end: n.start, text: 'var ' + n.id.name + ' = ' });
      edits.push({ start: n.end, end: n.end, text: ';' });
    }
    if (n.type === 'MemberExpression' && n.object.type === 'MemberExpression' && propName(n.object) === 'prototype' && n.object.object.type === 'Identifier') {
      const members = nativeMembers.get(n.object.object.name);
      const name = propName(n);
      const isWrite = parent && parent.type === 'AssignmentExpression' && parent.left === n;
      if (members && name !== undefined && members.has(name) && !isWrite) edits.push({ start: n.start, end: n.end, text: '(void 0)' });
    }
    if (byteStrings && n.type === 'Literal' && typeof n.value === 'string' && /[^\x00-\xff]/.test(n.value)) {
      let cut = '';
      for (let i = 0; i < n.value.length; i++) cut += String.fromCharCode(n.value.charCodeAt(i) & 0xff);
      edits.push({ start: n.start, end: n.end, text: JSON.stringify(cut) });
    }
  });
  // Apply back to front, dropping edits inside a range that is replaced whole.
  const replaced = edits.filter((e) => e.end > e.start);
  const kept = edits.filter((e) => !replaced.some((r) => r !== e && r.start <= e.start && e.end <= r.end && r.end - r.start > e.end - e.start));
  kept.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = code;
  for (const e of kept) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (cache.size > 200) cache.clear();
  cache.set(key, out);
  return out;
};
