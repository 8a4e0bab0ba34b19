/**
 * The JWT core's public surface, gathered for src/index.ts: JWT sign/verify,
 * unverified decoding, the JWS layer, JWK helpers and KeySet.
 */
import { sign } from './sign';
import { verify } from './verify';
import { decode, getUnverifiedHeader } from './decode';
import { jwsApi } from '../jws/api';
import { importJWK, exportJWK, thumbprint, generateSecret } from '../jwk/jwk';
import { KeySet } from '../jwk/keyset';

export { sign, verify, decode, getUnverifiedHeader, importJWK, exportJWK, thumbprint, generateSecret, KeySet, jwsApi };
