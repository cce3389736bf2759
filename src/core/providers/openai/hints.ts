import type { ErrorKind } from '../../errors/errorKind';
import { text, type LocalizableText } from '../../text';

/** Where on platform.openai.com each problem is fixed; the generic hints cannot say that. */
export function openAIHints(model?: string): Partial<Record<ErrorKind, LocalizableText>> {
  return {
    invalid_key: text('Create a key at platform.openai.com/api-keys (Dashboard > API keys), paste it into API key and Verify.'),
    quota_exhausted: text('The OpenAI account has no credit left or reached its monthly budget. Add credit or raise the budget at platform.openai.com (Settings > Billing / Limits); retrying will not help.'),
    model_access_not_enabled: text('This project has no access to {0}. Allow the model in the project’s settings on platform.openai.com (Limits > Model usage), or pick another model.', model ?? 'this model'),
  };
}
