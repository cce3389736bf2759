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

/**
 * A provider's own mask of a key that shows at most its last four characters, as OpenAI's 401
 * says it ("Incorrect API key provided: sk-proj-****abcd", "sk-proj-********…Qx7T"): it tells the
 * user which key was sent and reveals no more than the page's "ends with abcd".
 */
const PROVIDER_MASK = /\bsk-(?:proj-|svcacct-|admin-)?(?=[*.]*\*{3})[*.]{3,}[A-Za-z0-9_-]{0,4}(?![A-Za-z0-9_*.-]*[A-Za-z0-9_-])/g;

export function redact(input: string, knownSecrets: readonly (string | undefined)[] = []): string {
  // Kept aside while the patterns run (they would take the mask for a key), then put back.
  const masks: string[] = [];
  let out = input.replace(PROVIDER_MASK, (mask) => `\u0000${masks.push(mask) - 1}\u0000`);
  const secrets = knownSecrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  for (const secret of secrets) {
    out = out.split(secret).join(MASK);
    // Providers echo a masked key such as "sk-abcd****wxyz": remove long leading fragments too.
    if (secret.length >= 16) {
      out = out.split(secret.slice(0, 12)).join(MASK);
      out = out.split(secret.slice(-12)).join(MASK);
    }
  }
  if (MAY_MATCH.test(out)) {
    for (const pattern of PATTERNS) {
      out = out.replace(pattern, (match, prefix?: unknown) => (typeof prefix === 'string' && prefix.length < match.length ? prefix + MASK : MASK));
    }
  }
  return masks.length ? out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => masks[Number(i)]!) : out;
}
