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

describe('redact: a provider’s own key mask', () => {
  const key = 'sk-proj-CANARYq7Xv2LmN9pR4sT6uW8yZ0aB1cD3eF5gH7iJ9kL0mNabcd';

  it.each([
    // OpenAI's 401 text in its forms quoted in public reports.
    'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
    'Incorrect API key provided: sk-proj-********************abcd.',
    'Incorrect API key provided: sk-proj-****...****abcd.',
    'Incorrect API key provided: sk-****abcd.',
  ])('keeps a mask that shows no more than the last four characters: %s', (message) => {
    expect(redact(message, [key])).toBe(message);
  });

  it.each([
    ['the whole key', `Incorrect API key provided: ${key}.`],
    ['the key in a JSON body', JSON.stringify({ error: { message: `key ${key} rejected` } })],
    ['the key as a bearer token', `Authorization: Bearer ${key}`],
    ['the key in a query', `GET https://gw.example.com/v1/models?api_key=${key}&x=1`],
    ['the key behind a row of stars', `sk-proj-****${key.slice(8)}`],
    ['its head before a mask', `${key.slice(0, 16)}****abcd`],
    ['its head in another mask style', `sk-proj-${key.slice(8, 14)}****abcd`],
    ['a long tail', `sk-proj-****${key.slice(-12)}`],
    ['the key followed by stars', `${key}****`],
  ])('still removes %s', (_, message) => {
    const out = redact(message, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(key.slice(8, 14));
    expect(out).not.toContain(key.slice(-12));
  });

  it('removes an unknown key in a mask that shows its head', () => {
    expect(redact('Incorrect API key provided: sk-abc1********************wxyz.')).toBe('Incorrect API key provided: [REDACTED].');
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
