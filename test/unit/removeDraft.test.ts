import { describe, expect, it } from 'vitest';
import type { ProviderView } from '../../src/protocol/messages';
import { draftFrom, emptyDraft, submission } from '../../src/webview/formSpec';
import { setBundle } from '../../src/webview/l10n';

function gemini(configured: boolean): ProviderView {
  return {
    id: 'gemini',
    kind: 'gemini',
    displayName: 'Google Gemini',
    configured,
    settings: configured ? { baseUrl: 'https://generativelanguage.googleapis.com' } : {},
    secrets: { apiKey: configured ? { present: true, last4: '1111' } : { present: false } },
    missingOnThisMachine: [],
    endpointChanged: false,
    verifying: false,
    enabledModels: [],
  };
}

describe('after "Yes, remove" nothing typed before survives', () => {
  it('a key typed but not saved is not stored by the next Save; the form asks for a key instead', () => {
    setBundle({});
    const saved = gemini(true);
    const draft = draftFrom(saved);
    draft.secrets.apiKey = 'AIza-typed-not-saved-2222';
    draft.values.baseUrl = 'https://gemini-proxy.example';
    // What Save would have sent had the draft outlived the removal.
    expect(submission(gemini(false), draft).secrets).toEqual({ apiKey: 'AIza-typed-not-saved-2222' });

    const cleared = emptyDraft(saved);
    const next = submission(gemini(false), cleared);
    expect(next.secrets).toEqual({});
    expect(next.settings).toEqual({});
    expect(next.errors).toEqual({ apiKey: 'API key is empty.' });
  });

  it('an Azure form starts again with one empty deployment row', () => {
    const azure: ProviderView = { ...gemini(true), id: 'azure', kind: 'azure', displayName: 'Azure OpenAI', settings: { endpoint: 'https://contoso.openai.azure.com', deployments: [{ name: 'gpt-4o' }] } };
    expect(draftFrom(azure).deployments).toEqual([{ name: 'gpt-4o', model: undefined }]);
    expect(emptyDraft(azure)).toEqual({ values: {}, secrets: {}, deployments: [{ name: '', model: undefined }] });
  });
});
