import type { GatewayBudget } from '../../verify/result';

const usd = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * OpenRouter's `GET /api/v1/key`: `data.usage` (credits used by the key), `data.limit` (null: no
 * limit) and `data.limit_remaining`. See https://openrouter.ai/docs/api-reference/api-keys/get-current-key.
 */
export function openRouterKeyBudget(body: unknown): GatewayBudget | undefined {
  const data = (body as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data || typeof data !== 'object') return undefined;
  const budget: GatewayBudget = { gateway: 'OpenRouter' };
  const spentUsd = usd(data.usage);
  const limitUsd = usd(data.limit);
  const remainingUsd = usd(data.limit_remaining);
  if (spentUsd !== undefined) budget.spentUsd = spentUsd;
  if (limitUsd !== undefined) budget.limitUsd = limitUsd;
  if (remainingUsd !== undefined) budget.remainingUsd = remainingUsd;
  return spentUsd === undefined && limitUsd === undefined ? undefined : budget;
}

/**
 * A LiteLLM proxy's `GET /key/info` (at the proxy's root, not under /v1): `info.spend`,
 * `info.max_budget` (null: no limit) and `info.budget_reset_at`. See
 * https://docs.litellm.ai/docs/proxy/virtual_keys.
 */
export function liteLlmKeyBudget(body: unknown): GatewayBudget | undefined {
  const info = (body as { info?: Record<string, unknown> } | undefined)?.info;
  if (!info || typeof info !== 'object') return undefined;
  const spentUsd = usd(info.spend);
  if (spentUsd === undefined) return undefined;
  const limitUsd = usd(info.max_budget);
  return {
    gateway: 'LiteLLM',
    spentUsd,
    ...(limitUsd !== undefined ? { limitUsd, remainingUsd: limitUsd - spentUsd } : {}),
    ...(typeof info.budget_reset_at === 'string' ? { resetsAt: info.budget_reset_at } : {}),
  };
}
