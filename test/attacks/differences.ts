// Where microjwt and jose deliberately give different verdicts on the same
// token, key and options: the ONE list the differential fuzzing (and
// SECURITY.md) refers to. Each entry was found by experiment (jose 6.2.17 on
// Node 20, whose base64url decoding goes through the forgiving `atob`) and
// says why microjwt differs. A disagreement that no entry explains — with
// the error code the entry names — fails the fuzz.
import { member, TokenFeatures } from './features';

export interface FuzzOptions {
  algorithms: string[];
  currentTime: number;
  audience?: string | string[];
  issuer?: string | string[];
  subject?: string;
  typ?: string;
  leeway?: number;
  maxAge?: number;
  requiredClaims?: string[];
  crit?: string[];
  maxTokenLength?: number;
  minKeyLength?: number;
}

export interface DifferenceContext {
  token: string;
  key: Uint8Array;
  options: FuzzOptions;
  features: TokenFeatures;
}

export interface Difference {
  id: string;
  /** Which library refuses what the other accepts. */
  stricter: 'microjwt' | 'jose';
  /** microjwt's error code(s) for it (when microjwt is the stricter one). */
  codes: string[];
  /** Whether the input shows it. */
  applies: (c: DifferenceContext) => boolean;
  why: string;
}

const payloadValue = (c: DifferenceContext): unknown => c.features.payload?.value;
const headerValue = (c: DifferenceContext): unknown => c.features.header?.value;
const json = (c: DifferenceContext, test: (f: NonNullable<TokenFeatures['header']>) => boolean): boolean =>
  (c.features.header !== undefined && test(c.features.header)) || (c.features.payload !== undefined && test(c.features.payload));
const HASH_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

export const DIFFERENCES: Difference[] = [
  {
    id: 'aud-without-audience-option',
    stricter: 'microjwt',
    codes: ['ERR_JWT_AUDIENCE'],
    applies: (c) => member(payloadValue(c), 'aud') !== undefined && c.options.audience === undefined,
    why: 'A token meant for some audience is refused by a verifier that does not say who it is (PyJWT\'s rule); jose ignores "aud" without the option. Otherwise a token for service A is accepted by service B that forgot the option.',
  },
  {
    id: 'aud-with-non-strings',
    stricter: 'microjwt',
    codes: ['ERR_JWT_AUDIENCE'],
    applies: (c) => {
      const aud = member(payloadValue(c), 'aud');
      return aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string'));
    },
    why: 'RFC 7519 4.1.3: "aud" is a string or an array of strings; jose accepts an array with other members when one string matches.',
  },
  {
    id: 'registered-claim-types',
    stricter: 'microjwt',
    codes: ['ERR_JWT_ISSUER', 'ERR_JWT_SUBJECT', 'ERR_JWT_JTI'],
    applies: (c) => ['iss', 'sub', 'jti'].some((n) => {
      const v = member(payloadValue(c), n);
      return v !== undefined && typeof v !== 'string';
    }),
    why: 'RFC 7519 4.1.1/4.1.2/4.1.7 make iss, sub and jti strings; jose checks them only when the matching option is given. A malformed registered claim is refused whatever the options.',
  },
  {
    id: 'header-member-types',
    stricter: 'microjwt',
    codes: ['ERR_JWT_MALFORMED'],
    applies: (c) => ['kid', 'typ'].some((n) => {
      const v = member(headerValue(c), n);
      return v !== undefined && typeof v !== 'string';
    }),
    why: 'RFC 7515 4.1.4/4.1.9: "kid" and "typ" are strings. A non-string kid would reach key lookup; refusing it early keeps KeySet lookups to string comparisons.',
  },
  {
    id: 'required-claim-null',
    stricter: 'microjwt',
    codes: ['ERR_JWT_CLAIM_MISSING'],
    applies: (c) => (c.options.requiredClaims ?? []).some((n) => member(payloadValue(c), n) === null),
    why: 'A required claim set to null carries nothing (PyJWT treats it as missing); jose only checks presence.',
  },
  {
    id: 'future-iat-with-max-age',
    stricter: 'jose',
    codes: [],
    applies: (c) => {
      const iat = member(payloadValue(c), 'iat');
      return c.options.maxAge !== undefined && typeof iat === 'number' && iat > c.options.currentTime + (c.options.leeway ?? 0);
    },
    why: 'Devices have bad clocks: an "iat" in the future is not an error (PyJWT); jose refuses it under maxTokenAge.',
  },
  {
    id: 'b64-header',
    stricter: 'microjwt',
    codes: ['ERR_JWS_B64'],
    applies: (c) => member(headerValue(c), 'b64') !== undefined || (Array.isArray(member(headerValue(c), 'crit')) && (member(headerValue(c), 'crit') as unknown[]).includes('b64')),
    why: 'RFC 7797 unencoded payloads are not supported at all: a "b64" member other than true, or "b64" in "crit", is refused; jose ignores "b64" outside "crit" and accepts b64:true in it.',
  },
  {
    id: 'crit-duplicates',
    stricter: 'microjwt',
    codes: ['ERR_JWS_CRIT'],
    applies: (c) => {
      const crit = member(headerValue(c), 'crit');
      return Array.isArray(crit) && new Set(crit).size !== crit.length;
    },
    why: 'RFC 7515 4.1.11: "crit" lists each extension once; jose accepts a repeated name that it understands.',
  },
  {
    id: 'json-duplicate-members',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.duplicates),
    why: 'RFC 7515 5.2 / 7519 4: member names must be unique (or the last taken); Espruino\'s parser keeps both and a read sees the first, Node the last, so one verdict everywhere means refusing them.',
  },
  {
    id: 'json-proto-member',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.proto),
    why: '"__proto__" (plain or escaped) sets the prototype in Espruino\'s JSON.parse and aborts its asserting builds when the value is a primitive; refused as a member name everywhere.',
  },
  {
    id: 'json-integer-beyond-2^53',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.bigInteger),
    why: 'Espruino wraps integers beyond 2^63 and rounds past 2^53: such integers cannot mean the same on every platform.',
  },
  {
    id: 'json-long-number',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.longNumber),
    why: 'Espruino\'s lexer reads only 63 chars of a number (1e000...0001 of 64+ chars is 1) and its parseFloat throws on long text; no double needs more than 24 chars, numbers of more than 40 are refused.',
  },
  {
    id: 'json-non-finite-number',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.nonFinite),
    why: '1e400 parses to Infinity: an "exp" of 1e400 would never expire (jose accepts it). A number must be finite.',
  },
  {
    id: 'json-lone-surrogate',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.loneSurrogate),
    why: 'A lone surrogate escape is not Unicode text (RFC 8259 8.2) and has no UTF-8 form on a board.',
  },
  {
    id: 'json-byte-order-mark',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.bom),
    why: 'RFC 8259 8.1: a BOM must not be sent; jose\'s TextDecoder drops it silently.',
  },
  {
    id: 'json-nesting',
    stricter: 'microjwt',
    codes: ['ERR_JSON'],
    applies: (c) => json(c, (f) => f.depth > 32),
    why: 'Espruino\'s JSON.parse recurses: a 1,000-deep payload runs a 5,100-variable board out of memory. More than 32 levels are refused before any native parse.',
  },
  {
    id: 'strict-base64url',
    stricter: 'microjwt',
    codes: ['ERR_BASE64URL'],
    applies: (c) => c.features.lenientBase64,
    why: 'RFC 7515 2 / RFC 4648 5: no padding, no white space, no non-zero spare bits. jose decodes with atob, which accepts all three, so a signature has several spellings there (malleable); here one.',
  },
  {
    id: 'minimum-key-length',
    stricter: 'microjwt',
    codes: ['ERR_KEY_TOO_SHORT'],
    applies: (c) => {
      const alg = member(headerValue(c), 'alg');
      const min = c.options.minKeyLength ?? HASH_BYTES[alg as string] ?? 32;
      return c.key.length < min;
    },
    why: 'RFC 7518 3.2: an HMAC key must be at least the hash size (32/48/64 bytes); jose accepts any non-empty key.',
  },
  {
    id: 'key-that-looks-like-key-text',
    stricter: 'microjwt',
    codes: ['ERR_KEY_TYPE'],
    applies: (c) => {
      const text = Buffer.from(c.key).toString('latin1').replace(/^[\x00-\x20]*/, '');
      return text.startsWith('{') || text.startsWith('-----BEGIN') || /^(ssh-rsa |ssh-ed25519 |ssh-dss |ecdsa-sha2-)/.test(text);
    },
    why: 'A PEM/SSH public key or a JSON text given as an HMAC secret is the algorithm-confusion mistake: refused even as bytes.',
  },
  {
    id: 'max-token-length',
    stricter: 'microjwt',
    codes: ['ERR_JWT_TOO_LONG'],
    applies: (c) => c.token.length > (c.options.maxTokenLength ?? 4096),
    why: 'A device bounds the work and RAM one token can claim before decoding anything (default 4,096 chars); jose has no limit.',
  },
];

/** The documented differences that explain a disagreement, given microjwt's verdict ('ok' or 'Class CODE'). */
export const explain = (c: DifferenceContext, mjVerdict: string): Difference[] => {
  const mjRejected = mjVerdict !== 'ok';
  const code = mjVerdict.split(' ')[1];
  return DIFFERENCES.filter((d) => (mjRejected ? d.stricter === 'microjwt' && d.codes.includes(code) : d.stricter === 'jose') && d.applies(c));
};
