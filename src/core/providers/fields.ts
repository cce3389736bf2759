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
    ),
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
export function guessKeyOwner(key: string): 'openai' | 'anthropic' | 'gemini' | 'aws' | 'openrouter' | undefined {
  const k = key.trim();
  if (k.startsWith('sk-ant-')) return 'anthropic';
  if (k.startsWith('sk-or-')) return 'openrouter';
  if (k.startsWith('sk-')) return 'openai';
  if (k.startsWith('AIza')) return 'gemini';
  if (/^(AKIA|ASIA)[0-9A-Z]{12,}$/.test(k)) return 'aws';
  return undefined;
}
