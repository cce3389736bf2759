import { timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SimRequest } from '../types';
import { identityFor, type KnownIdentity } from './keys';

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

export interface SignedBy {
  accessKeyId: string;
  region: string;
  service: string;
}

export type SignatureCheck =
  | { ok: true; identity: KnownIdentity }
  | { ok: false; reason: 'unknown_key' | 'bad_signature' | 'expired_token' | 'malformed' };

/** Reads the credential scope from the authorization header (before the signature is checked). */
export function signedBy(req: SimRequest): SignedBy | undefined {
  const m = AUTH.exec(String(req.headers.authorization ?? ''));
  return m ? { accessKeyId: m[1]!, region: m[3]!, service: m[4]! } : undefined;
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * `@smithy/signature-v4` has no verify API, so the request is re-signed with the secret we know
 * and the signatures compared. Over HTTP/2 the SDK signs `:authority` instead of `host`.
 */
export async function checkSignature(req: SimRequest): Promise<SignatureCheck> {
  const m = AUTH.exec(String(req.headers.authorization ?? ''));
  if (!m) return { ok: false, reason: 'malformed' };
  const [, accessKeyId, , region, service, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string, string];
  const identity = identityFor(accessKeyId);
  if (!identity) return { ok: false, reason: 'unknown_key' };
  const token = header(req, 'x-amz-security-token');
  if (!identity.anySessionToken && identity.sessionToken !== token) return { ok: false, reason: 'unknown_key' };

  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) headers[name] = header(req, name) ?? '';
  const amzDate = header(req, 'x-amz-date') ?? '';
  const d = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!d) return { ok: false, reason: 'malformed' };
  const signingDate = new Date(`${d[1]}-${d[2]}-${d[3]}T${d[4]}:${d[5]}:${d[6]}Z`);
  // AWS refuses signatures more than 5 minutes off the server clock.
  if (Math.abs(Date.now() - signingDate.getTime()) > 5 * 60_000) return { ok: false, reason: 'bad_signature' };

  const query: Record<string, string> = {};
  for (const [k, v] of req.query) query[k] = v;
  const signer = new SignatureV4({
    service,
    region,
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
    credentials: { accessKeyId, secretAccessKey: identity.secret, sessionToken: token },
  });
  const resigned = await signer.sign(
    new HttpRequest({ method: req.method, protocol: 'http:', hostname: 'sim', path: req.path, query, headers, body: req.body }),
    { signingDate, signingRegion: region, signingService: service },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1] ?? '';
  const same = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!same) return { ok: false, reason: 'bad_signature' };
  if (identity.expiresAt !== undefined && identity.expiresAt < Date.now()) return { ok: false, reason: 'expired_token' };
  return { ok: true, identity };
}
