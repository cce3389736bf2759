import { describe, expect, it } from 'vitest';
import { pickUtilityModel, utilityModelsOffer, utilitySettingValue, type OfferedChatModel, type UtilitySettingsState } from '../../src/core/chat/utilityModels';

const model = (vendor: string, modelId: string): OfferedChatModel => ({ vendor, id: `${vendor.replace('byok-', '')}/${modelId}`, modelId, name: modelId, providerName: vendor });
const openai = ['gpt-4.1', 'gpt-5-mini', 'o4-mini', 'gpt-4o-mini'].map((id) => model('byok-openai', id));
const fresh: UtilitySettingsState = { editorHasUtilityModels: true, byokDefault: undefined, utilityModel: undefined, utilitySmallModel: '' };

describe('the model offered for the chat\'s small tasks', () => {
  it('is a small family and not a reasoning model: gpt-5-mini before o4-mini, never gpt-4.1', () => {
    expect(pickUtilityModel(openai)?.modelId).toBe('gpt-5-mini');
    expect(pickUtilityModel([model('byok-openai', 'o4-mini'), model('byok-openai', 'gpt-4.1')])?.modelId).toBe('o4-mini');
  });

  it('prefers nano, then haiku, then flash; "gemini" is not a "mini"', () => {
    expect(pickUtilityModel([model('byok-gemini', 'gemini-2.5-pro'), model('byok-gemini', 'gemini-2.5-flash')])?.modelId).toBe('gemini-2.5-flash');
    expect(pickUtilityModel([model('byok-anthropic', 'claude-sonnet-4-5'), model('byok-anthropic', 'claude-3-5-haiku-latest')])?.modelId).toBe('claude-3-5-haiku-latest');
    expect(pickUtilityModel([...openai, model('byok-openai', 'gpt-4.1-nano')])?.modelId).toBe('gpt-4.1-nano');
    expect(pickUtilityModel([model('byok-compatible', 'llama3.1:70b'), model('byok-compatible', 'llama3.2:3b')])?.modelId).toBe('llama3.2:3b');
  });

  it('is the first offered model when none is small', () => {
    expect(pickUtilityModel([model('byok-openai', 'gpt-4.1'), model('byok-openai', 'gpt-4o')])?.modelId).toBe('gpt-4.1');
    expect(pickUtilityModel([])).toBeUndefined();
  });
});

describe('the offer', () => {
  it('names both settings on a fresh editor (an empty string counts as not set)', () => {
    expect(utilityModelsOffer(fresh, openai)).toEqual({ missing: ['utilityModel', 'utilitySmallModel'], suggestion: openai[1] });
  });

  it('names only the missing one', () => {
    expect(utilityModelsOffer({ ...fresh, utilityModel: 'byok-openai/openai/gpt-4.1' }, openai)?.missing).toEqual(['utilitySmallModel']);
  });

  it('is not made when both are set, when the user chose the main model, in an editor without utility models, or with no model in chat', () => {
    expect(utilityModelsOffer({ ...fresh, utilityModel: 'a/b', utilitySmallModel: 'a/b' }, openai)).toBeUndefined();
    expect(utilityModelsOffer({ ...fresh, byokDefault: 'mainAgent' }, openai)).toBeUndefined();
    expect(utilityModelsOffer({ ...fresh, editorHasUtilityModels: false }, openai)).toBeUndefined();
    expect(utilityModelsOffer(fresh, [])).toBeUndefined();
  });

  it('writes the value as the chat reads it: vendor, a slash, the chat model id', () => {
    expect(utilitySettingValue(openai[1]!)).toBe('byok-openai/openai/gpt-5-mini');
  });
});
