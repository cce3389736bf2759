import type { z } from 'zod/mini';
import { azureDeploymentSchema, azureSettingsSchema } from '../core/providers/azure/definition';
import { compatibleSettingsSchema, parseExtraHeaders } from '../core/providers/compatible/definition';
import { awsRegionField, guessKeyOwner, roleArnField, secretField, urlField } from '../core/providers/fields';
import type { ProviderKind } from '../core/providers/kinds';
import { providerDefinitions } from '../core/providers/registry';
import { MAX_SECRET_LENGTH, type ProviderView } from '../protocol/messages';
import { lookup, t } from './l10n';

/**
 * What each provider's form shows, and the page-side checks. Pure (no DOM) so it is unit-tested;
 * the checks use core's own zod schemas, so the page and the host give the same messages.
 */

export interface FieldSpec {
  /** Settings key, or secret field id when `secret`. */
  id: string;
  label: string;
  secret?: boolean;
  multiline?: boolean;
  /** Left out of the settings when empty, so the schema's default applies. */
  optional?: boolean;
  readonly?: boolean;
  placeholder?: string;
}

export interface ChoiceSpec {
  id: 'authMode' | 'roleSource';
  label: string;
  options: { value: string; label: string }[];
}

export type FormItem =
  | { type: 'field'; field: FieldSpec }
  | { type: 'choice'; choice: ChoiceSpec }
  | { type: 'deployments' }
  | { type: 'externalId' };

export interface Draft {
  /** Text of every non-secret field and choice, by settings key. */
  values: Record<string, string>;
  /** Secrets as typed; never filled from the host. */
  secrets: Record<string, string>;
  deployments: { name: string; model?: string }[];
}

const field = (f: FieldSpec): FormItem => ({ type: 'field', field: f });
const apiKey = (optional = false): FormItem => field({ id: 'apiKey', label: t('API key'), secret: true, optional });
const baseUrl = (placeholder?: string): FormItem => field({ id: 'baseUrl', label: t('Base URL'), optional: !!placeholder, placeholder });

function awsKeys(): FormItem[] {
  return [
    field({ id: 'accessKeyId', label: t('Access key ID'), secret: true }),
    field({ id: 'secretAccessKey', label: t('Secret access key'), secret: true }),
    field({ id: 'sessionToken', label: t('Session token'), secret: true, optional: true }),
  ];
}

/** The form of a provider for the auth mode the draft has chosen. */
export function formItems(kind: ProviderKind, values: Record<string, string>): FormItem[] {
  switch (kind) {
    case 'openai':
      return [
        apiKey(),
        baseUrl('https://api.openai.com/v1'),
        field({ id: 'organization', label: t('Organization'), optional: true }),
        field({ id: 'project', label: t('Project'), optional: true }),
      ];
    case 'anthropic':
      return [apiKey(), baseUrl('https://api.anthropic.com')];
    case 'gemini':
      return [apiKey(), baseUrl('https://generativelanguage.googleapis.com')];
    case 'azure': {
      const entra = values.authMode === 'entraId';
      return [
        {
          type: 'choice',
          choice: {
            id: 'authMode',
            label: t('Authentication'),
            options: [
              { value: 'apiKey', label: t('API key') },
              { value: 'entraId', label: t('Microsoft Entra ID') },
            ],
          },
        },
        field({ id: 'endpoint', label: t('Endpoint'), placeholder: 'https://my-resource.openai.azure.com' }),
        field({ id: 'apiVersion', label: t('API version'), optional: true, placeholder: '2024-10-21' }),
        { type: 'deployments' },
        ...(entra
          ? [
              field({ id: 'tenantId', label: t('Tenant ID'), optional: true }),
              field({ id: 'clientId', label: t('Client ID'), optional: true }),
              field({ id: 'clientSecret', label: t('Client secret'), secret: true, optional: true }),
            ]
          : [apiKey()]),
      ];
    }
    case 'bedrock': {
      const mode = values.authMode || 'accessKeys';
      const items: FormItem[] = [
        {
          type: 'choice',
          choice: {
            id: 'authMode',
            label: t('Authentication'),
            options: [
              { value: 'accessKeys', label: t('Access keys') },
              { value: 'profile', label: t('Profile (SSO)') },
              { value: 'role', label: t('IAM role') },
            ],
          },
        },
        field({ id: 'region', label: t('Region'), optional: true, placeholder: 'us-east-1' }),
      ];
      if (mode === 'accessKeys') items.push(...awsKeys());
      if (mode === 'profile') items.push(field({ id: 'profile', label: t('Profile'), optional: true }));
      if (mode === 'role') {
        const source = values.roleSource || 'defaultChain';
        items.push(field({ id: 'roleArn', label: t('Role ARN'), optional: true, placeholder: 'arn:aws:iam::123456789012:role/BedrockAccess' }));
        items.push({
          type: 'choice',
          choice: {
            id: 'roleSource',
            label: t('Credentials that assume the role'),
            options: [
              { value: 'defaultChain', label: t('Default credential chain') },
              { value: 'accessKeys', label: t('Access keys') },
              { value: 'profile', label: t('Profile (SSO)') },
            ],
          },
        });
        if (source === 'accessKeys') items.push(...awsKeys());
        if (source === 'profile') items.push(field({ id: 'profile', label: t('Profile'), optional: true }));
        items.push({ type: 'externalId' });
      }
      return items;
    }
    case 'compatible':
      return [
        field({ id: 'name', label: t('Name') }),
        field({ id: 'baseUrl', label: t('Base URL'), placeholder: 'http://localhost:11434/v1' }),
        apiKey(true),
        field({ id: 'models', label: t('Model IDs'), multiline: true, optional: true, placeholder: t('One model id per line') }),
        field({ id: 'extraHeaders', label: t('Extra headers'), secret: true, multiline: true, optional: true, placeholder: 'X-Gateway-Key: …' }),
      ];
  }
}

export function fieldsOf(items: readonly FormItem[]): FieldSpec[] {
  return items.flatMap((i) => (i.type === 'field' ? [i.field] : []));
}

/**
 * The draft a provider's settings give (secrets always start empty): the settings a Verify staged
 * when there are any, so a failed check keeps what the user chose on screen.
 */
export function draftFrom(view: ProviderView): Draft {
  const values: Record<string, string> = {};
  const settings = view.stagedSettings ?? view.settings;
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === 'string') values[key] = value;
    else if (key === 'models' && Array.isArray(value)) values.models = value.join('\n');
  }
  const deployments: Draft['deployments'] = Array.isArray(settings.deployments)
    ? (settings.deployments as unknown[]).flatMap((d) =>
        d && typeof d === 'object' && typeof (d as { name?: unknown }).name === 'string'
          ? [{ name: (d as { name: string }).name, model: typeof (d as { model?: unknown }).model === 'string' ? (d as { model: string }).model : undefined }]
          : [],
      )
    : [];
  if (view.kind === 'azure' && !deployments.length) deployments.push({ name: '', model: undefined });
  return { values, secrets: {}, deployments };
}

/** The draft after a confirmed Remove: no typed secret, no edited setting survives it. */
export function emptyDraft(view: ProviderView): Draft {
  return draftFrom({ ...view, settings: {}, stagedSettings: undefined });
}

const textRules: Record<string, z.ZodMiniType> = {
  baseUrl: urlField('Base URL'),
  endpoint: urlField('Endpoint'),
  region: awsRegionField,
  roleArn: roleArnField,
  apiVersion: azureSettingsSchema.shape.apiVersion,
  name: compatibleSettingsSchema.shape.name,
  deployment: azureDeploymentSchema.shape.name,
};

const keyOwnerNames = { openai: 'OpenAI', anthropic: 'Anthropic', gemini: 'Google Gemini', aws: 'AWS', openrouter: 'OpenRouter' } as const;
const expectedOwner: Partial<Record<ProviderKind, string>> = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini', bedrock: 'aws', azure: 'azure' };

export interface FieldCheck {
  error?: string;
  warning?: string;
}

/** Checks one field as the user types; empty fields are judged on Save and Verify. */
export function checkField(kind: ProviderKind, spec: Pick<FieldSpec, 'id' | 'label' | 'secret'>, value: string): FieldCheck {
  if (!value.trim()) return {};
  if (spec.secret) {
    if (value.length > MAX_SECRET_LENGTH) return { error: t('{0} is too long.', spec.label) };
    if (spec.id === 'extraHeaders') {
      const parsed = parseExtraHeaders(value);
      return 'error' in parsed ? { error: lookup(parsed.error) } : {};
    }
    const parsed = secretField(spec.label).safeParse(value);
    if (!parsed.success) return { error: lookup(parsed.error.issues[0]?.message ?? '') };
    const owner = spec.id === 'apiKey' || spec.id === 'accessKeyId' ? guessKeyOwner(parsed.data) : undefined;
    const expected = expectedOwner[kind];
    if (owner && expected && owner !== expected) {
      return { warning: t('This key looks like it belongs to {0}, not {1}. Check that you pasted the right key.', keyOwnerNames[owner], providerDefinitions[kind].displayName) };
    }
    return {};
  }
  const rule = textRules[spec.id];
  if (!rule) return {};
  const parsed = rule.safeParse(value);
  return parsed.success ? {} : { error: lookup(parsed.error.issues[0]?.message ?? '') };
}

export interface Submission {
  settings: Record<string, string | string[] | { name: string; model?: string }[]>;
  secrets: Record<string, string>;
  /** Field id (or "deployments.<n>") → localized message; empty when the form may be sent. */
  errors: Record<string, string>;
}

/** What Save or Verify sends, with every check the host will make again. */
export function submission(view: ProviderView, draft: Draft): Submission {
  const items = formItems(view.kind, draft.values);
  const settings: Submission['settings'] = {};
  // Settings the form does not show (other modes' fields, endpoint overrides) are kept as stored.
  for (const [key, value] of Object.entries(view.settings)) {
    if (key !== 'externalId' && (typeof value === 'string' || Array.isArray(value))) settings[key] = value as string;
  }
  const secrets: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const item of items) {
    if (item.type === 'choice') settings[item.choice.id] = draft.values[item.choice.id] || item.choice.options[0]!.value;
    if (item.type === 'deployments') {
      settings.deployments = draft.deployments.filter((d) => d.name.trim()).map((d) => (d.model ? { name: d.name.trim(), model: d.model } : { name: d.name.trim() }));
      draft.deployments.forEach((d, i) => {
        const check = checkField(view.kind, { id: 'deployment', label: t('Deployment') }, d.name);
        if (check.error) errors[`deployments.${i}`] = check.error;
      });
    }
    if (item.type !== 'field') continue;
    const spec = item.field;
    if (spec.secret) {
      const value = draft.secrets[spec.id] ?? '';
      if (value.trim()) secrets[spec.id] = value;
      const check = checkField(view.kind, spec, value);
      if (check.error) errors[spec.id] = check.error;
      continue;
    }
    const value = (draft.values[spec.id] ?? '').trim();
    if (spec.id === 'models') {
      settings.models = value.split(/[\n,]/).map((m) => m.trim()).filter(Boolean);
      continue;
    }
    if (!value && spec.optional) delete settings[spec.id];
    else settings[spec.id] = value;
    const check = checkField(view.kind, spec, value);
    if (check.error) errors[spec.id] = check.error;
  }
  const def = providerDefinitions[view.kind];
  const parsed = def.settingsSchema.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path[0] === 'deployments' && issue.path.length > 1 ? `deployments.${String(issue.path[1])}` : String(issue.path[0] ?? '_');
      errors[path] ??= lookup(issue.message);
    }
  }
  // A required secret that is neither stored nor typed: the same "… is empty." as the schema says.
  for (const secret of def.secretFields) {
    const visible = fieldsOf(items).some((f) => f.id === secret.id);
    if (!visible || secrets[secret.id] || view.secrets[secret.id]?.present || !secret.requiredFor(parsed.success ? parsed.data : settings)) continue;
    const message = secretField(secret.label).safeParse('');
    if (!message.success) errors[secret.id] ??= lookup(message.error.issues[0]?.message ?? '');
  }
  return { settings, secrets, errors };
}
