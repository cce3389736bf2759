/**
 * Finds values in a JSON document that look like secrets, so a team or configuration file that
 * carries one is refused as a whole. It looks at shapes, never at what a field is called alone:
 * known key prefixes, hex and base64-like runs, and long high-entropy tokens, in every string of
 * every field (names included). A finding names where it is, never the value.
 */

/** Field names that only ever hold secrets: any non-empty value under them is refused. */
const SECRET_FIELD_NAME = /^(api[-_]?key|secret|client[-_]?secret|password|passwd|token|access[-_]?token|session[-_]?token|secret[-_]?access[-_]?key|access[-_]?key[-_]?id|authorization|bearer|private[-_]?key|extra[-_]?headers)$/i;

/** Vendor key shapes, anywhere inside a string (a key in a URL's query string counts too). */
const KEY_SHAPES: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/, // OpenAI, Anthropic (sk-ant-), OpenRouter (sk-or-), many gateways
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key ids
  /\bAIza[0-9A-Za-z_-]{30,}/, // Google API keys
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWTs (bearer tokens, Entra tokens)
  /\b(gh[pousr]|github_pat|xox[abpr]|glpat)[-_][A-Za-z0-9_-]{16,}/, // GitHub, Slack, GitLab tokens
  /\bBearer\s+\S{8,}/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /(^|[^0-9a-fA-F-])[0-9a-fA-F]{32,}([^0-9a-fA-F-]|$)/, // Azure keys are 32 hex digits; GUIDs have dashes
];

/** Bits per character of a token: random keys sit near log2 of their alphabet, words and ids far below. */
function entropy(token: string): number {
  const counts = new Map<string, number>();
  for (const c of token) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / token.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A run of key alphabet characters (base64 and url-safe base64) long and random enough to be a key. */
function highEntropyToken(value: string): boolean {
  // Separators that ids, model names, hosts and paths use; base64's "/" and "+" stay inside a token.
  for (const token of value.split(/[\s.:,;@?&#=_\-"'()[\]{}<>|\\]+/)) {
    if (token.length < 24) continue;
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((c) => c.test(token)).length;
    if (classes >= 2 && /[0-9]/.test(token) && entropy(token) >= 3.8) return true;
  }
  return false;
}

export function looksLikeSecret(value: string): boolean {
  return KEY_SHAPES.some((shape) => shape.test(value)) || highEntropyToken(value);
}

/** Paths ("providers.openai.baseUrl") of every value that looks like a secret, in document order. */
export function secretLikePaths(document: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string[], fieldName: string | undefined): void => {
    const at = path.join('.') || '(top level)';
    if (typeof value === 'string') {
      if ((fieldName !== undefined && SECRET_FIELD_NAME.test(fieldName) && value.trim() !== '') || looksLikeSecret(value)) found.push(at);
      return;
    }
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, [...path, String(i)], fieldName));
    if (value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value)) {
        if (looksLikeSecret(name)) found.push([...path, '(a field name)'].join('.'));
        visit(child, [...path, name], name);
      }
    }
  };
  visit(document, [], undefined);
  return found;
}
