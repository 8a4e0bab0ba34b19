// An independent look at a token, for explaining verdicts: what its
// segments and JSON texts contain, found WITHOUT microjwt's own code (a
// lenient base64 decode and a small JSON walker written for the tests), so
// a difference is attributed to what the token holds, not to what microjwt
// happened to say.

export interface JsonFeatures {
  /** Node's JSON.parse accepts the text (after a BOM, as jose's TextDecoder drops one). */
  parses: boolean;
  value?: unknown;
  bom: boolean;
  invalidUtf8: boolean;
  duplicates: boolean;
  proto: boolean;
  /** An integer literal beyond ±2^53. */
  bigInteger: boolean;
  /** A number literal of more than 40 chars. */
  longNumber: boolean;
  /** A number that is not finite as a double (1e400). */
  nonFinite: boolean;
  loneSurrogate: boolean;
  depth: number;
}

export interface TokenFeatures {
  segments: string[];
  /** Some segment is not canonical unpadded base64url, yet a forgiving decoder (atob, as jose uses) reads it. */
  lenientBase64: boolean;
  header?: JsonFeatures;
  payload?: JsonFeatures;
}

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** What a forgiving base64 decoder (WHATWG atob after '-'/'_' mapping, as jose does on Node 20) makes of a segment, or undefined. */
export const forgivingDecode = (s: string): Buffer | undefined => {
  if (s.includes('+') || s.includes('/')) return undefined;
  try {
    return Buffer.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), 'latin1');
  } catch {
    return undefined;
  }
};

const canonical = (s: string): boolean => ALPHABET.test(s) && s.length % 4 !== 1 && Buffer.from(s, 'base64url').toString('base64url') === s;

/** JSON features of UTF-8 bytes. */
export const jsonFeatures = (bytes: Buffer): JsonFeatures => {
  const f: JsonFeatures = {
    parses: false, bom: false, invalidUtf8: false, duplicates: false, proto: false,
    bigInteger: false, longNumber: false, nonFinite: false, loneSurrogate: false, depth: 0,
  };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    f.invalidUtf8 = true;
    return f;
  }
  if (text.charCodeAt(0) === 0xfeff) {
    f.bom = true;
    text = text.slice(1);
  }
  try {
    f.value = JSON.parse(text);
    f.parses = true;
  } catch {
    return f;
  }
  // A small walker over text that JSON.parse accepted: containers, member names, numbers, escapes.
  const stack: (Set<string> | null)[] = [];
  let i = 0;
  let expectName = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? new Set() : null);
      f.depth = Math.max(f.depth, stack.length);
      expectName = c === '{';
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      expectName = stack[stack.length - 1] !== null;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const raw = text.slice(i, j + 1);
      const value = JSON.parse(raw) as string;
      if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) f.loneSurrogate = true;
      if (expectName) {
        const names = stack[stack.length - 1] as Set<string>;
        if (names.has(value)) f.duplicates = true;
        names.add(value);
        if (value === '__proto__') f.proto = true;
        expectName = false;
      }
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i)) as RegExpExecArray;
      const lit = m[0];
      if (lit.length > 40) f.longNumber = true;
      if (!m[1] && !m[2] && (BigInt(lit) > 2n ** 53n || BigInt(lit) < -(2n ** 53n))) f.bigInteger = true;
      if (!Number.isFinite(Number(lit))) f.nonFinite = true;
      i += lit.length;
    } else {
      i++;
    }
  }
  return f;
};

/** Features of a compact token (header and payload only when there are 3 segments that decode). */
export const tokenFeatures = (token: string): TokenFeatures => {
  const segments = token.split('.');
  const out: TokenFeatures = { segments, lenientBase64: false };
  for (const s of segments) if (!canonical(s) && forgivingDecode(s) !== undefined) out.lenientBase64 = true;
  if (segments.length === 3) {
    const h = forgivingDecode(segments[0]);
    const p = forgivingDecode(segments[1]);
    if (h) out.header = jsonFeatures(h);
    if (p) out.payload = jsonFeatures(p);
  }
  return out;
};

/** Own member `name` of a parsed JSON object, or undefined. */
export const member = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, name) ? (value as Record<string, unknown>)[name] : undefined;
