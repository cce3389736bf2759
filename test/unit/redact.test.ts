import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/errors/redact';
import { guessKeyOwner } from '../../src/core/providers/fields';

describe('redact', () => {
  it('removes known secrets, including the fragments providers echo back', () => {
    const key = 'sk-proj-CANARY0123456789abcdefghij';
    const msg = `401 Incorrect API key provided: ${key.slice(0, 12)}****************${key.slice(-4)}. Also ${key}`;
    const out = redact(msg, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(key.slice(0, 12));
  });

  it('removes key-shaped strings, bearer tokens, signatures and key query parameters', () => {
    const out = redact(
      'GET https://x/v1beta/models?key=AIzaSyA-secret-secret-secret&pageSize=5 Authorization: Bearer eyJhbGciOi.payload.sig ' +
        'Credential=AKIAABCDEFGHIJKLMNOP/20261123/us-east-1/bedrock/aws4_request, Signature=abcdef0123456789 api-key: 0123456789abcdef',
    );
    expect(out).not.toMatch(/AIzaSy|eyJhbGciOi|AKIAABCDEFGHIJKLMNOP|abcdef0123456789|0123456789abcdef/);
    expect(out).toContain('pageSize=5');
  });
});

describe('guessKeyOwner', () => {
  it('recognises the common key shapes', () => {
    expect(guessKeyOwner('sk-ant-api03-x')).toBe('anthropic');
    expect(guessKeyOwner('sk-proj-x')).toBe('openai');
    expect(guessKeyOwner('AIzaSyx')).toBe('gemini');
    expect(guessKeyOwner('sk-or-v1-x')).toBe('openrouter');
    expect(guessKeyOwner('AKIAABCDEFGHIJKLMNOP')).toBe('aws');
    expect(guessKeyOwner('whatever')).toBeUndefined();
  });
});
