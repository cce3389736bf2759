import { text, type LocalizableText } from '../text';

/**
 * "Why isn't my model in the chat picker?": every cause we can detect, in the order a user
 * would fix them. The host gathers the facts; this decides what each says. A cause the
 * editor does not let an extension see is reported as `unknown` with how to check it, never
 * as passed.
 */

export type CheckStatus = 'passed' | 'failed' | 'unknown';

/** One-click fixes the host knows how to run. */
export type FixAction =
  | 'openModels'
  | 'verify'
  | 'enableModel'
  | 'turnOnChat'
  | 'trustWorkspace'
  | 'openInAskMode'
  | 'setUpChat'
  | 'manageLanguageModels'
  | 'reloadWindow';

export interface PickerCheck {
  id: string;
  status: CheckStatus;
  title: LocalizableText;
  detail?: LocalizableText;
  fix?: { action: FixAction; label: LocalizableText };
}

export interface PickerFacts {
  providerName: string;
  /** The model asked about (its name as the picker shows it); undefined: the provider as a whole. */
  modelName?: string;
  /** Every secret the provider's settings need is in this machine's secret storage. */
  keyStored: boolean;
  verification: 'current' | 'failed' | 'outdated' | 'never';
  /** The model is among those the last successful Verify returned. */
  modelListed?: boolean;
  modelEnabled?: boolean;
  /** The model reported (or is documented with) tool calling. */
  modelToolCalling?: boolean;
  editorVersion: string;
  /** `vscode.lm.registerLanguageModelChatProvider` exists. */
  chatProviderApi: boolean;
  /** A chat view shows the API's models (GitHub Copilot Chat, or the editor sets it up); false: none here. */
  chatView?: boolean;
  /** `chat.disableAIFeatures` is on. */
  aiFeaturesDisabled: boolean;
  workspaceTrusted: boolean;
  /** `vscode.lm.selectChatModels` returns the model: the editor has it from us. */
  editorHasModel?: boolean;
  /** The profile's chatLanguageModels.json lists a group of ours; undefined when it could not be read. */
  ownModelGroup?: boolean;
  /** The vendor as "Chat: Manage Language Models" lists it ("OpenAI (BYOK)"). */
  vendorName: string;
  /** The adopted team setup does not allow this provider (its name and reason, when it gives them). */
  teamDisabled?: { teamName?: string; reason?: string };
}

export function diagnoseChatPicker(f: PickerFacts): PickerCheck[] {
  const model = f.modelName;
  const checks: PickerCheck[] = [];
  // The team's rule comes first: nothing else the user fixes brings the models back.
  if (f.teamDisabled) checks.push(teamCheck(f.providerName, f.teamDisabled));
  checks.push(
    f.keyStored
      ? { id: 'key', status: 'passed', title: text('Key for {0} stored on this machine', f.providerName) }
      : {
          id: 'key',
          status: 'failed',
          title: text('No key for {0} on this machine', f.providerName),
          detail: text('Settings Sync carries settings, never keys: enter the key on the Models page.'),
          fix: { action: 'openModels', label: text('Open the Models page') },
        },
  );
  checks.push(verificationCheck(f));
  if (model !== undefined) {
    if (f.modelListed === false) {
      checks.push({
        id: 'listed',
        status: 'failed',
        title: text('{0} did not list {1} at the last Verify', f.providerName, model),
        detail: text('The key may have no access to it, or the model was retired or renamed.'),
        fix: { action: 'openModels', label: text('Open the Models page') },
      });
    }
    checks.push(
      f.modelEnabled
        ? { id: 'enabled', status: 'passed', title: text('{0} is ticked for chat on the Models page', model) }
        : {
            id: 'enabled',
            status: 'failed',
            title: text('{0} is not ticked for chat on the Models page', model),
            fix: { action: 'enableModel', label: text('Add {0} to chat', model) },
          },
    );
  }
  checks.push(
    f.chatProviderApi
      ? { id: 'api', status: 'passed', title: text('This editor takes chat models from extensions (VS Code {0})', f.editorVersion) }
      : {
          id: 'api',
          status: 'failed',
          title: text('This editor (VS Code {0}) cannot take chat models from extensions', f.editorVersion),
          detail: text('Update the editor: the language model provider API needs VS Code 1.104 or later.'),
        },
  );
  if (f.chatProviderApi && f.chatView === false) {
    checks.push({
      id: 'chatView',
      status: 'failed',
      title: text('No chat view in this editor shows models from extensions'),
      detail: text('They appear in the model picker of GitHub Copilot Chat, which is not installed here.'),
    });
  }
  checks.push(
    f.aiFeaturesDisabled
      ? {
          id: 'aiFeatures',
          status: 'failed',
          title: text('Chat is turned off in this editor (chat.disableAIFeatures)'),
          fix: { action: 'turnOnChat', label: text('Turn chat back on') },
        }
      : { id: 'aiFeatures', status: 'passed', title: text('Chat is turned on (chat.disableAIFeatures is off)') },
  );
  checks.push(
    f.workspaceTrusted
      ? { id: 'trust', status: 'passed', title: text('The workspace is trusted') }
      : {
          id: 'trust',
          status: 'failed',
          title: text('The workspace is in Restricted Mode: the chat offers only "Auto"'),
          fix: { action: 'trustWorkspace', label: text('Manage workspace trust') },
        },
  );
  if (model !== undefined && f.modelToolCalling !== undefined) {
    checks.push(
      f.modelToolCalling
        ? { id: 'tools', status: 'passed', title: text('{0} can call tools, so every chat mode lists it', model) }
        : {
            id: 'tools',
            status: 'failed',
            title: text('{0} cannot call tools: Agent mode does not list it', model),
            detail: text('Ask mode lists it. Agent mode (the chat’s default) needs a model with tool calling.'),
            fix: { action: 'openInAskMode', label: text('Open {0} in Ask mode', model) },
          },
    );
  }
  if (model !== undefined && f.editorHasModel !== undefined) {
    checks.push(
      f.editorHasModel
        ? { id: 'offered', status: 'passed', title: text('The editor has {0} from BYOK Models', model) }
        : {
            id: 'offered',
            status: 'failed',
            title: text('The editor does not have {0} from BYOK Models yet', model),
            detail: text('Usually one of the causes above; a model added a moment ago can need a window reload.'),
            fix: { action: 'reloadWindow', label: text('Reload the window') },
          },
    );
  }
  checks.push(
    f.ownModelGroup === undefined
      ? {
          id: 'byokMode',
          status: 'unknown',
          title: text('Cannot check whether the chat asks for a GitHub sign-in'),
          detail: text('Open "Chat: Manage Language Models": if "{0}" is not listed there, add it with "Add Models…".', f.vendorName),
          fix: { action: 'setUpChat', label: text('Set up chat without a GitHub account') },
        }
      : f.ownModelGroup
        ? { id: 'byokMode', status: 'passed', title: text('Chat works without a GitHub account ("{0}" is in Chat: Manage Language Models)', f.vendorName) }
        : {
            id: 'byokMode',
            status: 'failed',
            title: text('The chat may ask for a GitHub sign-in: "{0}" is not in Chat: Manage Language Models', f.vendorName),
            fix: { action: 'setUpChat', label: text('Set up chat without a GitHub account') },
          },
  );
  checks.push({
    id: 'policy',
    status: 'unknown',
    title: text('Cannot check: an organisation policy can turn off models from other providers'),
    detail: text(
      'Signed in to GitHub with a Copilot Business or Enterprise account? Its policy for bring-your-own-key models decides; ask an administrator, or sign out of GitHub (Accounts menu) to chat with your own keys.',
    ),
  });
  checks.push({
    id: 'hidden',
    status: 'unknown',
    title: model !== undefined ? text('Cannot check: {0} may be hidden in Chat: Manage Language Models', model) : text('Cannot check: models may be hidden in Chat: Manage Language Models'),
    detail: text('Open it and find the model under "{0}": a hidden model shows a crossed-out eye; click it to show the model again.', f.vendorName),
    fix: { action: 'manageLanguageModels', label: text('Open Chat: Manage Language Models') },
  });
  return checks;
}

function teamCheck(providerName: string, team: NonNullable<PickerFacts['teamDisabled']>): PickerCheck {
  return {
    id: 'team',
    status: 'failed',
    title: team.teamName
      ? text('The team setup "{0}" does not allow {1}: chat offers none of its models', team.teamName, providerName)
      : text('The team setup does not allow {0}: chat offers none of its models', providerName),
    detail: team.reason
      ? text('Its reason: {0}. Use a provider it allows, or ask whoever maintains the team file.', team.reason)
      : text('Use a provider it allows, or ask whoever maintains the team file.'),
    fix: { action: 'openModels', label: text('Open the Models page') },
  };
}

function verificationCheck(f: PickerFacts): PickerCheck {
  const fix = { action: 'verify' as const, label: text('Verify {0} now', f.providerName) };
  switch (f.verification) {
    case 'current':
      return { id: 'verified', status: 'passed', title: text('{0} verified for the current settings', f.providerName) };
    case 'never':
      return { id: 'verified', status: 'failed', title: text('{0} is not verified yet: only verified providers offer models', f.providerName), fix };
    case 'outdated':
      return { id: 'verified', status: 'failed', title: text('Settings or key of {0} changed since the last Verify', f.providerName), fix };
    case 'failed':
      return { id: 'verified', status: 'failed', title: text('The last Verify of {0} failed', f.providerName), detail: text('The Models page shows why and how to fix it.'), fix };
  }
}

/** The line above the checks: how many problems, or that none we can see. */
export function diagnosisSummary(checks: readonly PickerCheck[]): LocalizableText {
  const failed = checks.filter((c) => c.status === 'failed').length;
  const unknown = checks.filter((c) => c.status === 'unknown').length;
  if (failed === 1) return text('1 problem found; {0} things cannot be checked from here', unknown);
  if (failed > 1) return text('{0} problems found; {1} things cannot be checked from here', failed, unknown);
  return text('No problem found that BYOK Models can detect; {0} things cannot be checked from here', unknown);
}
