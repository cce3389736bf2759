import type { ProviderKind } from '../providers/kinds';

/** The provider's own usage and billing page: its invoice is the truth, our figures are estimates. */
const PAGES: Record<Exclude<ProviderKind, 'compatible'>, string> = {
  openai: 'https://platform.openai.com/usage',
  anthropic: 'https://console.anthropic.com/usage',
  gemini: 'https://aistudio.google.com/usage',
  azure: 'https://portal.azure.com/#view/Microsoft_Azure_CostManagement/Menu/~/costanalysis',
  bedrock: 'https://console.aws.amazon.com/cost-management/home#/cost-explorer',
};

/** Gateways with a usage page of their own, by API host. */
const GATEWAYS: [RegExp, string][] = [[/^https:\/\/(api\.)?openrouter\.ai\//, 'https://openrouter.ai/activity']];

export function billingPage(kind: ProviderKind, settings: Record<string, unknown>): string | undefined {
  if (kind !== 'compatible') return PAGES[kind];
  const baseUrl = typeof settings.baseUrl === 'string' ? settings.baseUrl : '';
  return GATEWAYS.find(([host]) => host.test(baseUrl))?.[1];
}
