/**
 * Shaping of the error a chat request fails with. No `vscode` import, so it is unit-tested.
 */

/**
 * The provider's message for the middle of "{0}: {1}. {2}": provider messages often end with
 * their own period ("…/api-errors."), and the template adds one.
 */
export function messageWithoutClosingPeriod(message: string): string {
  return message.trim().replace(/[.\s]+$/, '');
}

/**
 * The error a failed request is thrown with, for callers of `vscode.lm` other than the chat view.
 *
 * Not a `LanguageModelError`: the editor rebuilds one of those in every process it crosses
 * (`LanguageModelError.tryDeserialize` in the extension host and the workbench), which gives it a
 * fresh stack of editor internals, and Copilot Chat prints `stack` in place of the message when
 * there is one. A plain error crosses as `{name, message, stack}` and is rebuilt with the stack it
 * was sent with, so an empty stack stays empty and only the message is printed.
 */
export function chatFailure(message: string): Error {
  const error = new Error(message);
  error.name = 'ByokChatError';
  error.stack = '';
  return error;
}

/**
 * Copilot Chat's extension id, as the editor passes it in `requestInitiator` for requests from the
 * chat view. A thrown error there becomes "Sorry, your request failed. Please try again." with
 * request ids and a Try Again button around our sentence; an answer that is the sentence reads as
 * what it is, with the Models page link rendered.
 */
export const CHAT_VIEW_INITIATOR = 'github.copilot-chat';

/** True when the request comes from the chat view, where a failure is best answered as text. */
export function answersFailureAsText(options: unknown): boolean {
  const initiator = (options as { requestInitiator?: unknown } | undefined)?.requestInitiator;
  return typeof initiator === 'string' && initiator.toLowerCase() === CHAT_VIEW_INITIATOR;
}
