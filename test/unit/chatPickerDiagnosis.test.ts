import { describe, expect, it } from 'vitest';
import { diagnoseChatPicker, diagnosisSummary, type PickerFacts } from '../../src/core/diagnosis/chatPickerDiagnosis';
import { formatText } from '../../src/core/text';

/** A provider and model for which everything we can check is fine. */
const healthy: PickerFacts = {
  providerName: 'OpenAI',
  modelName: 'gpt-5-mini',
  vendorName: 'OpenAI (BYOK)',
  keyStored: true,
  verification: 'current',
  modelListed: true,
  modelEnabled: true,
  modelToolCalling: true,
  editorVersion: '1.139.1',
  chatProviderApi: true,
  aiFeaturesDisabled: false,
  workspaceTrusted: true,
  editorHasModel: true,
  ownModelGroup: true,
};

const shown = (facts: PickerFacts) =>
  diagnoseChatPicker(facts).map((c) => `${c.status}: ${formatText(c.title)}${c.fix ? ` [${formatText(c.fix.label)}]` : ''}`);

describe('"Why isn\'t my model in the chat picker?"', () => {
  it('lists every check in order; what the editor hides from extensions is "cannot check", never passed', () => {
    expect(shown(healthy)).toEqual([
      'passed: Key for OpenAI stored on this machine',
      'passed: OpenAI verified for the current settings',
      'passed: gpt-5-mini is ticked for chat on the Models page',
      'passed: This editor takes chat models from extensions (VS Code 1.139.1)',
      'passed: Chat is turned on (chat.disableAIFeatures is off)',
      'passed: The workspace is trusted',
      'passed: gpt-5-mini can call tools, so every chat mode lists it',
      'passed: The editor has gpt-5-mini from BYOK Models',
      'passed: Chat works without a GitHub account ("OpenAI (BYOK)" is in Chat: Manage Language Models)',
      'unknown: Cannot check: an organisation policy can turn off models from other providers',
      'unknown: Cannot check: gpt-5-mini may be hidden in Chat: Manage Language Models [Open Chat: Manage Language Models]',
    ]);
    expect(formatText(diagnosisSummary(diagnoseChatPicker(healthy)))).toBe('No problem found that BYOK Models can detect; 2 things cannot be checked from here');
  });

  it('a provider never verified: fails with "Verify now"', () => {
    const checks = shown({ ...healthy, verification: 'never', editorHasModel: false });
    expect(checks).toContain('failed: OpenAI is not verified yet: only verified providers offer models [Verify OpenAI now]');
    expect(checks).toContain('failed: The editor does not have gpt-5-mini from BYOK Models yet [Reload the window]');
  });

  it('settings changed since the last Verify, or the last Verify failed: both offer Verify', () => {
    expect(shown({ ...healthy, verification: 'outdated' })[1]).toBe('failed: Settings or key of OpenAI changed since the last Verify [Verify OpenAI now]');
    expect(shown({ ...healthy, verification: 'failed' })[1]).toBe('failed: The last Verify of OpenAI failed [Verify OpenAI now]');
  });

  it('a model not ticked: fails with "Add to chat"', () => {
    expect(shown({ ...healthy, modelEnabled: false })).toContain('failed: gpt-5-mini is not ticked for chat on the Models page [Add gpt-5-mini to chat]');
  });

  it('a key missing on this machine (settings synced from another): fails with the Models page', () => {
    expect(shown({ ...healthy, keyStored: false })[0]).toBe('failed: No key for OpenAI on this machine [Open the Models page]');
  });

  it('chat.disableAIFeatures on: fails with "Turn chat back on"', () => {
    expect(shown({ ...healthy, aiFeaturesDisabled: true })).toContain('failed: Chat is turned off in this editor (chat.disableAIFeatures) [Turn chat back on]');
  });

  it('Restricted Mode: fails with workspace trust', () => {
    expect(shown({ ...healthy, workspaceTrusted: false })).toContain('failed: The workspace is in Restricted Mode: the chat offers only "Auto" [Manage workspace trust]');
  });

  it('a model without tool calling: Agent mode hides it, Ask mode is one click', () => {
    const checks = diagnoseChatPicker({ ...healthy, modelToolCalling: false });
    expect(shown({ ...healthy, modelToolCalling: false })).toContain('failed: gpt-5-mini cannot call tools: Agent mode does not list it [Open gpt-5-mini in Ask mode]');
    expect(formatText(diagnosisSummary(checks))).toBe('1 problem found; 2 things cannot be checked from here');
  });

  it('no group of ours in Chat: Manage Language Models: the sign-in wall, with the set-up fix; unreadable: cannot check', () => {
    expect(shown({ ...healthy, ownModelGroup: false })).toContain(
      'failed: The chat may ask for a GitHub sign-in: "OpenAI (BYOK)" is not in Chat: Manage Language Models [Set up chat without a GitHub account]',
    );
    const unread = diagnoseChatPicker({ ...healthy, ownModelGroup: undefined }).find((c) => c.id === 'byokMode');
    expect(unread?.status).toBe('unknown');
  });

  it('an editor without the provider API names its version', () => {
    expect(shown({ ...healthy, chatProviderApi: false, editorVersion: '1.90.0' })).toContain('failed: This editor (VS Code 1.90.0) cannot take chat models from extensions');
  });

  it('an editor with the provider API but no chat view that shows its models (code-server 4.104) says so after the API check', () => {
    const lines = shown({ ...healthy, chatView: false, editorVersion: '1.104.0' });
    const api = lines.indexOf('passed: This editor takes chat models from extensions (VS Code 1.104.0)');
    expect(lines[api + 1]).toBe('failed: No chat view in this editor shows models from extensions');
    expect(shown(healthy).some((l) => l.includes('No chat view'))).toBe(false);
  });

  it('a model the last Verify did not list says so', () => {
    expect(shown({ ...healthy, modelListed: false, modelEnabled: false }).slice(2, 4)).toEqual([
      'failed: OpenAI did not list gpt-5-mini at the last Verify [Open the Models page]',
      'failed: gpt-5-mini is not ticked for chat on the Models page [Add gpt-5-mini to chat]',
    ]);
  });

  it('for a provider without a model: no model checks', () => {
    const ids = diagnoseChatPicker({ ...healthy, modelName: undefined }).map((c) => c.id);
    expect(ids).toEqual(['key', 'verified', 'api', 'aiFeatures', 'trust', 'byokMode', 'policy', 'hidden']);
  });

  it('a provider the adopted team setup does not allow: the first check names the team setup and its reason', () => {
    const checks = diagnoseChatPicker({ ...healthy, teamDisabled: { teamName: 'Acme platform', reason: 'Acme policy: the audited gateway only' } });
    expect(checks[0]!.id).toBe('team');
    expect(shown({ ...healthy, teamDisabled: { teamName: 'Acme platform', reason: 'Acme policy: the audited gateway only' } })[0]).toBe(
      'failed: The team setup "Acme platform" does not allow OpenAI: chat offers none of its models [Open the Models page]',
    );
    expect(formatText(checks[0]!.detail!)).toBe('Its reason: Acme policy: the audited gateway only. Use a provider it allows, or ask whoever maintains the team file.');
    expect(formatText(diagnosisSummary(checks))).toBe('1 problem found; 2 things cannot be checked from here');
    // A team file without a name or reason still names the team setup as the cause.
    expect(shown({ ...healthy, teamDisabled: {} })[0]).toBe('failed: The team setup does not allow OpenAI: chat offers none of its models [Open the Models page]');
    expect(diagnoseChatPicker(healthy).some((c) => c.id === 'team')).toBe(false);
  });
});
