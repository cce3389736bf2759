import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/core/text';
import { looksLikeSecret, secretLikePaths } from '../../src/core/teamSetup/secretShapes';
import { parseTeamFile, type TeamSetup } from '../../src/core/teamSetup/teamFile';

const valid = {
  $schema: 'https://example.com/byok-team.schema.json',
  version: 1,
  name: 'Acme platform',
  allowedProviders: ['azure', 'bedrock', 'compatible'],
  allowedReason: 'Company policy: audited gateways only',
  providers: {
    azure: { endpoint: 'https://acme-openai.openai.azure.com/', deployments: [{ name: 'gpt-4o-prod', model: 'gpt-4o' }], apiVersion: '2024-10-21', models: ['gpt-4o-prod'] },
    bedrock: { region: 'eu-central-1', authMode: 'role', roleArn: 'arn:aws:iam::123456789012:role/ByokTeamBedrockAccess', models: ['anthropic.claude-3-5-sonnet-20241022-v2:0'] },
    compatible: [{ name: 'Acme gateway', baseUrl: 'https://llm-gateway.acme.example/v1', headerNames: ['X-Acme-Team'], models: ['gpt-4o-mini', 'claude-sonnet-4'] }],
  },
};

function parsed(file: unknown): TeamSetup {
  const result = parseTeamFile(JSON.stringify(file));
  if (!result.ok) throw new Error(formatText(result.reason));
  return result.setup;
}

function refusal(file: unknown): string {
  const result = parseTeamFile(typeof file === 'string' ? file : JSON.stringify(file));
  expect(result.ok).toBe(false);
  return result.ok ? '' : formatText(result.reason);
}

describe('the team file', () => {
  it('a valid file gives each provider only the settings it names, its models and header names', () => {
    const setup = parsed(valid);
    expect(setup).toMatchObject({ name: 'Acme platform', allowedProviders: ['azure', 'bedrock', 'compatible'], allowedReason: 'Company policy: audited gateways only' });
    expect(setup.providers.map((p) => p.kind)).toEqual(['azure', 'bedrock', 'compatible']);
    const bedrock = setup.providers.find((p) => p.kind === 'bedrock')!;
    // Defaults of the provider's schema (roleSource, endpoints) are not added: a member's own choice stays.
    expect(bedrock.settings).toEqual({ region: 'eu-central-1', authMode: 'role', roleArn: 'arn:aws:iam::123456789012:role/ByokTeamBedrockAccess' });
    const gateway = setup.providers.find((p) => p.kind === 'compatible')!;
    expect(gateway).toMatchObject({ name: 'Acme gateway', settings: { name: 'Acme gateway', baseUrl: 'https://llm-gateway.acme.example/v1' }, headerNames: ['X-Acme-Team'], models: ['gpt-4o-mini', 'claude-sonnet-4'] });
  });

  it('another version is refused, saying which versions are read', () => {
    expect(refusal({ ...valid, version: 2 })).toBe('The team file has version 2; this version of BYOK Models reads version 1.');
    expect(refusal({ providers: {} })).toBe('The team file has version none; this version of BYOK Models reads version 1.');
  });

  it('invalid JSON, unknown fields and invalid settings are refused with where the problem is', () => {
    expect(refusal('{ "version": 1, ')).toBe('The team file is not valid JSON.');
    expect(refusal({ ...valid, colour: 'blue' })).toMatch(/^The team file is not valid: /);
    expect(refusal({ version: 1, providers: { openai: { baseUrl: 'http://gateway.example.com/v1' } } })).toBe(
      'The team file is not valid: providers.openai.baseUrl: Base URL must use https:// (http:// is allowed only for localhost and 127.0.0.1).',
    );
    expect(refusal({ version: 1, providers: { openai: { externalId: 'x' } } })).toBe('The team file is not valid: providers.openai.externalId: not a setting of OpenAI');
    expect(refusal({ version: 1, providers: { azure: { endpoint: 'https://a.openai.azure.com' } } })).toMatch(/providers\.azure\.deployments/);
    expect(refusal({ version: 1, providers: { compatible: [{ name: 'A', baseUrl: 'https://a.example/v1' }, { name: 'a', baseUrl: 'https://b.example/v1' }] } })).toMatch(/appears twice/);
  });

  it.each([
    ['an OpenAI key as a base URL query', { openai: { baseUrl: 'https://gw.example.com/v1?key=sk-proj-AbCdEf0123456789XyZ' } }],
    ['an Anthropic key in a model list', { anthropic: { models: ['sk-ant-api03-AbCdEf0123456789XyZabc'] } }],
    ['an AWS access key id', { bedrock: { region: 'us-east-1', profile: 'AKIAIOSFODNN7EXAMPLE' } }],
    ['a Google key', { gemini: { baseUrl: 'https://generativelanguage.googleapis.com/v1beta?key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW' } }],
    ['an Azure key (32 hex digits) as a deployment model', { azure: { endpoint: 'https://a.openai.azure.com', deployments: [{ name: 'd', model: '0123456789abcdef0123456789abcdef' }] } }],
    ['a long random token as a header name', { compatible: [{ name: 'G', baseUrl: 'https://g.example/v1', headerNames: ['Xq7Rt9LmP2vW8kZ3nB6cH1jY4dF5gS0a'] }] }],
    ['an apiKey field', { openai: { apiKey: 'my-key' } }],
  ])('a file with %s is refused as a whole, naming where', (_what, providers) => {
    const message = refusal({ version: 1, providers });
    expect(message).toMatch(/^The team file was refused: it contains something that looks like a secret \(providers\./);
    expect(message).toContain('Each member adds their own key on the Models page.');
  });

  it('the refusal never quotes the secret itself', () => {
    const key = 'sk-proj-CANARYcanary0123456789';
    expect(refusal({ version: 1, providers: { openai: { baseUrl: `https://gw.example.com/v1?key=${key}` } } })).not.toContain('CANARY');
  });

  it('a secret is refused even in a file of another version (it must not be shared either way)', () => {
    expect(refusal({ version: 7, token: 'sk-live-AbCdEf0123456789XyZabc' })).toMatch(/looks like a secret \(token\)/);
  });

  it('ordinary values are not taken for secrets: model ids, ARNs, hosts, GUIDs, deployment names', () => {
    for (const value of [
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
      'arn:aws:iam::123456789012:role/ByokTeamBedrockAccessRole',
      'https://acme-openai-swedencentral.openai.azure.com/openai/deployments/gpt-4o-2024-08-06/chat/completions?api-version=2025-04-01-preview',
      '72f988bf-86f1-41af-91ab-2d7cd011db47',
      'gpt-4o-mini-2024-07-18',
      'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'qwen2.5-coder:32b-instruct-q4_K_M',
    ]) {
      expect(looksLikeSecret(value), value).toBe(false);
    }
    expect(secretLikePaths(valid)).toEqual([]);
  });

  it("the README's example is a valid team file", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /### Team setups[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    const setup = parsed(JSON.parse(example ?? 'null'));
    expect(setup.providers.map((p) => p.name ?? p.kind)).toEqual(['azure', 'Acme gateway']);
  });
});
