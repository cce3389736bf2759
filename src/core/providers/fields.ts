import * as z from '../zodMini';

/** Field schemas shared by providers. Messages name the field, since they are shown next to it. */

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** `https:` anywhere; `http:` only for loopback hosts (local servers, the simulator). */
export function urlField(label: string) {
  return z.pipe(
    z.string().check(
      z.trim(),
      z.minLength(1, `${label} is required.`),
      z.superRefine((value, ctx) => {
        // "localhost:11434/v1" parses as a URL with the scheme "localhost:"; a host without a
        // scheme gets told what is missing (text with spaces is no URL at all: the next check).
        if (!value.includes('://') && !/\s/.test(value)) {
          ctx.addIssue({ code: 'custom', message: `${label} must start with https://, or http:// for a server on this computer (e.g. http://localhost:11434/v1).` });
          return;
        }
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          ctx.addIssue({ code: 'custom', message: `${label} is not a valid URL (expected https://…).` });
          return;
        }
        // A password in the URL would travel in logs and Referer headers; the key has its own field.
        if (url.username || url.password) {
          ctx.addIssue({ code: 'custom', message: `${label} must not contain a user name or password; put the key in its own field.` });
          return;
        }
        // "аpi.openai.com" with a Cyrillic "а" becomes xn--…: a look-alike of another host. The
        // punycode form typed as such is accepted (a deliberate choice, readable as what it is).
        const typedHost = value.slice(value.indexOf('://') + 3).split(/[/?#]/)[0] ?? '';
        if (/[^\x00-\x7F]/.test(typedHost)) {
          ctx.addIssue({ code: 'custom', message: `${label} has a host name with non-Latin letters that can imitate another address; type the address in plain letters.` });
          return;
        }
        if (url.protocol === 'https:') return;
        if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
        ctx.addIssue({
          code: 'custom',
          message:
            url.protocol === 'http:'
              ? `${label} must use https:// (http:// is allowed only for localhost and 127.0.0.1).`
              : `${label} must start with https://.`,
        });
      }),
    ),
    z.transform((value: string) => value.replace(/\/+$/, '')),
  );
}

export const optionalText = z.pipe(
  z.optional(z.string().check(z.trim())),
  z.transform((v: string | undefined) => (v ? v : undefined)),
);

/**
 * A pasted secret: surrounding whitespace and newlines are trimmed (copying from a web page
 * often adds them); whitespace inside is an error because no provider key contains it.
 */
export function secretField(label: string) {
  return z.pipe(
    z.pipe(
      z.string(),
      z.transform((v: string) => v.trim()),
    ),
    z.string().check(
      z.minLength(1, `${label} is empty.`),
      z.regex(/^\S+$/, `${label} contains spaces or line breaks; paste the key alone.`),
      z.regex(/^[^"'`]*$/, `${label} contains quotes; paste the key without them.`),
      // Zero-width and control characters come along from chat apps and PDFs; no key has them.
      z.regex(/^[^\x00-\x20\x7F-\uFFFF]*$/, `${label} contains invisible or non-Latin characters; copy the key again from the provider.`),
    ),
  );
}

/** An id that goes into a header or a URL path (organization, project, tenant, client): no spaces, slashes or quotes. */
export function optionalIdentifier(invalid: { message: string }) {
  return z.pipe(
    z.optional(z.string().check(z.trim(), z.regex(/^[\w.-]*$/, invalid.message))),
    z.transform((v: string | undefined) => (v ? v : undefined)),
  );
}

export const awsRegionField = z
  .string()
  .check(z.trim(), z.regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'Region is not an AWS region (for example us-east-1).'));

export const roleArnField = z
  .string()
  .check(
    z.trim(),
    z.regex(
      /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/,
      'Role ARN is malformed (expected arn:aws:iam::123456789012:role/RoleName).',
    ),
  );

/** Which provider a key looks like it belongs to, for the "looks like another provider's key" warning. */
export type KeyOwner = 'openai' | 'anthropic' | 'gemini' | 'aws' | 'openrouter';

export function guessKeyOwner(key: string): KeyOwner | undefined {
  const k = key.trim();
  if (k.startsWith('sk-ant-')) return 'anthropic';
  if (k.startsWith('sk-or-')) return 'openrouter';
  if (k.startsWith('sk-')) return 'openai';
  if (k.startsWith('AIza')) return 'gemini';
  if (/^(AKIA|ASIA)[0-9A-Z]{12,}$/.test(k)) return 'aws';
  return undefined;
}
