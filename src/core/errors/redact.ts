/**
 * Removes secrets from text before it is shown or logged: every known secret value (and its
 * longer fragments, since providers echo keys partially), plus anything shaped like a key,
 * bearer token, SigV4 signature or `key=` query parameter.
 */
const PATTERNS: RegExp[] = [
  /\bsk-(?:proj-|ant-(?:api\d\d-)?|or-v1-)?[A-Za-z0-9_*\-]{8,}/g,
  /\bAIza[0-9A-Za-z_\-]{10,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{12,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=\-]{8,}/gi,
  /([?&](?:key|api-key|api_key|access_token|X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential)=)[^&\s"']+/gi,
  /((?:Signature|Credential)=)[^,\s"']+/g,
  /((?:api-key|x-api-key|x-goog-api-key|authorization|x-amz-security-token)["']?\s*[:=]\s*["']?)[^\s"',}]{6,}/gi,
];

const MASK = '[REDACTED]';
/** Text without any of these can match no pattern: most strings (model names, labels) skip the patterns. */
const MAY_MATCH = /sk-|AIza|AKIA|ASIA|bearer|=|api-key|authorization|x-amz-security-token/i;

export function redact(input: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let out = input;
  const secrets = knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  for (const secret of secrets) {
    out = out.split(secret).join(MASK);
    // Providers echo a masked key such as "sk-abcd****wxyz": remove long leading fragments too.
    if (secret.length >= 16) {
      out = out.split(secret.slice(0, 12)).join(MASK);
      out = out.split(secret.slice(-12)).join(MASK);
    }
  }
  if (!MAY_MATCH.test(out)) return out;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, prefix?: unknown) => (typeof prefix === 'string' && prefix.length < match.length ? prefix + MASK : MASK));
  }
  return out;
}
