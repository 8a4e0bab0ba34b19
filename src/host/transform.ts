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
//     to their low byte, as the device's lexer does;
//   - the Unicode (linux) profile: a string literal with a raw non-ASCII char
//     or a \u escape >= 0x80 is a UTF-8 string on the device, written here in
//     the form utf8model.ts describes; used as a property name (object
//     literal key, o["..."], "..." in o) it becomes its UTF-8 bytes, since the
//     device finds properties by their bytes and JSON.parse names members with
//     byte strings; a computed name (o[k], k in o) goes through
//     KEY_FUNCTION, which turns a UTF-8 string into its bytes at run time;
//     `x += y` becomes `x = APPEND_FUNCTION(x, y)`, since on the device `+=`
//     keeps the kind of its left side (a byte string gets the UTF-8 bytes).
//     Regex literals get the same char mapping.
import * as acorn from 'acorn';
import { walk } from './es5check.mjs';
import { PUA_OFFSET, deviceBytes } from './utf8model';

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
  const ctor = (globalThis as unknown as Record<string, { prototype: object }>)[name];
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

/** A JS string literal for `s` that survives any source encoding. */
const jsString = (s: string): string => {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c ? s.charAt(i) : '\\u' + c.toString(16).padStart(4, '0');
  }
  return out + '"';
};

const SIMPLE_ESCAPES: Record<string, number> = { b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/**
 * The value of a string literal on the Unicode build, from its source text:
 * the literal is UTF-8 when it has a raw non-ASCII char or a \u escape >= 0x80
 * (measured: "\u00e9" is UTF-8, "\u0041" and "\xE9" are not); in a UTF-8
 * literal a \x escape is a code point too ("é\xC3" prints "éÃ").
 * Returns undefined for a byte-string literal (V8's value is right).
 */
const unicodeLiteral = (raw: string, value: string): string | undefined => {
  const units: number[] = [];
  let utf8 = false;
  const hex = (at: number, len: number) => parseInt(raw.substr(at, len), 16);
  for (let i = 1; i < raw.length - 1; i++) {
    const ch = raw.charAt(i);
    if (ch !== '\\') {
      const c = raw.charCodeAt(i);
      if (c >= 0x80) utf8 = true;
      units.push(c);
      continue;
    }
    const e = raw.charAt(++i);
    if (e === 'x') {
      units.push(hex(i + 1, 2));
      i += 2;
    } else if (e === 'u') {
      const c = hex(i + 1, 4);
      if (c >= 0x80) utf8 = true;
      units.push(c);
      i += 4;
    } else if (SIMPLE_ESCAPES[e] !== undefined) {
      units.push(SIMPLE_ESCAPES[e]);
    } else if (e >= '0' && e <= '7') {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(raw.charAt(i + 1)) && parseInt(digits + raw.charAt(i + 1), 8) <= 0xff) digits += raw.charAt(++i);
      units.push(parseInt(digits, 8));
    } else if (e === '\r') {
      if (raw.charAt(i + 1) === '\n') i++;
    } else if (e !== '\n' && e !== '\u2028' && e !== '\u2029') {
      const c = raw.charCodeAt(i);
      if (c >= 0x80) utf8 = true;
      units.push(c);
    }
  }
  if (!utf8) return undefined;
  // Cross-check with the parser's own reading; on any doubt keep V8's value.
  let plain = '';
  let model = '';
  for (const c of units) {
    plain += String.fromCharCode(c);
    model += String.fromCharCode(c >= 0x80 && c <= 0xff ? PUA_OFFSET + c : c);
  }
  return plain === value ? model : undefined;
};

/** Global the prelude defines on the linux profile: a property name as the device compares it (its bytes). */
export const KEY_FUNCTION = '__espruinoKey__';

/** Global the prelude defines on the linux profile: `a += b` as the device does it. */
export const APPEND_FUNCTION = '__espruinoAppend__';

/** Is `n` used as a property name (the device looks those up by their bytes)? */
const isKeyPosition = (n: any, parent: any): boolean =>
  !!parent &&
  ((parent.type === 'Property' && parent.key === n) ||
    (parent.type === 'MemberExpression' && parent.computed && parent.property === n) ||
    (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.left === n));

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
    if (!byteStrings && n.type === 'Literal' && typeof n.value === 'string') {
      const v = unicodeLiteral(n.raw, n.value);
      if (v !== undefined) edits.push({ start: n.start, end: n.end, text: jsString(isKeyPosition(n, parent) ? deviceBytes(v) : v) });
    }
    if (!byteStrings && n.type === 'MemberExpression' && n.computed && n.property.type !== 'Literal') {
      edits.push({ start: n.property.start, end: n.property.start, text: KEY_FUNCTION + '(' });
      edits.push({ start: n.property.end, end: n.property.end, text: ')' });
    }
    if (!byteStrings && n.type === 'BinaryExpression' && n.operator === 'in' && n.left.type !== 'Literal') {
      edits.push({ start: n.left.start, end: n.left.start, text: KEY_FUNCTION + '(' });
      edits.push({ start: n.left.end, end: n.left.end, text: ')' });
    }
    if (!byteStrings && n.type === 'AssignmentExpression' && n.operator === '+=' && n.left.type === 'Identifier') {
      const op = code.indexOf('+=', n.left.end);
      if (op >= 0 && op < n.right.start) {
        edits.push({ start: op, end: op + 2, text: '= ' + APPEND_FUNCTION + '(' + n.left.name + ', ' });
        edits.push({ start: n.end, end: n.end, text: ')' });
      }
    }
    if (!byteStrings && n.type === 'Literal' && n.regex && /[\x80-\xff]/.test(n.regex.pattern)) {
      const pattern = n.regex.pattern.replace(/[\x80-\xff]/g, (c: string) => String.fromCharCode(PUA_OFFSET + c.charCodeAt(0)));
      edits.push({ start: n.start, end: n.end, text: '/' + pattern + '/' + n.regex.flags });
    }
  });
  // Apply back to front, dropping edits inside a range that is replaced whole.
  const replaced = edits.filter((e) => e.end > e.start);
  // (An insertion at either end of a replaced range stays: it wraps the new text.)
  const inside = (e: Edit, r: Edit) =>
    e.end > e.start ? r.start <= e.start && e.end <= r.end && r.end - r.start > e.end - e.start : r.start < e.start && e.start < r.end;
  const kept = edits.filter((e) => !replaced.some((r) => r !== e && inside(e, r)));
  kept.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = code;
  for (const e of kept) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (cache.size > 200) cache.clear();
  cache.set(key, out);
  return out;
};
