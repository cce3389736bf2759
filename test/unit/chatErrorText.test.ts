import { describe, expect, it } from 'vitest';
import { formatText, text } from '../../src/core/text';
import { answersFailureAsText, chatFailure, messageWithoutClosingPeriod } from '../../src/host/chatErrorText';

/** The chat error line as the host builds it from the English template '{0}: {1}. {2}'. */
function chatLine(provider: string, message: string, hint: string): string {
  return formatText(text('{0}: {1}. {2}', provider, messageWithoutClosingPeriod(message), hint)).trim();
}

describe('chat error text', () => {
  it('an OpenAI quota message that ends with a period gets no second one', () => {
    const message =
      '429 You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';
    const line = chatLine('OpenAI', message, 'The OpenAI account has no credit left.');
    expect(line).toBe(
      'OpenAI: 429 You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors. The OpenAI account has no credit left.',
    );
    expect(line).not.toMatch(/\.\.|\s\s/);
  });

  it('a message without a closing period gets one, and trailing spaces go', () => {
    expect(chatLine('Ollama', 'registry.ollama.ai/library/gemma3:4b does not support tools  ', 'Pick another model.')).toBe(
      'Ollama: registry.ollama.ai/library/gemma3:4b does not support tools. Pick another model.',
    );
  });

  it('an error without a hint ends with the message', () => {
    expect(chatLine('Anthropic', 'Overloaded.', '')).toBe('Anthropic: Overloaded.');
  });

  it('the thrown error keeps its message and carries no stack trace for the chat to print', () => {
    const error = chatFailure('OpenAI: 429 You exceeded your current quota. The OpenAI account has no credit left.');
    expect(error.message).toBe('OpenAI: 429 You exceeded your current quota. The OpenAI account has no credit left.');
    // VS Code serialises `stacktrace || stack` across the extension-host boundary and prints "message: stack" when it is set.
    expect((error as { stacktrace?: string }).stacktrace || error.stack).toBeFalsy();
    expect(String(error)).not.toMatch(/\bat\s/);
  });

  it('is not rebuilt by the editor: a LanguageModelError gets a new stack in each process it crosses', () => {
    // The editor's `LanguageModelError.tryDeserialize` rebuilds only errors named "LanguageModelError".
    expect(chatFailure('x').name).not.toBe('LanguageModelError');
  });

  it('answers the chat view with text, and throws for every other caller', () => {
    expect(answersFailureAsText({ requestInitiator: 'github.copilot-chat' })).toBe(true);
    expect(answersFailureAsText({ requestInitiator: 'GitHub.copilot-chat' })).toBe(true);
    expect(answersFailureAsText({ requestInitiator: 'someone.else' })).toBe(false);
    expect(answersFailureAsText({})).toBe(false);
    expect(answersFailureAsText(undefined)).toBe(false);
  });
});
