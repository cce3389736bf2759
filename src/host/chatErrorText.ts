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
 * VS Code's chat shows a failed request as "message: stack" (`toErrorMessage(err, true)`); the
 * stack crosses the extension-host boundary as it is, so an error without one shows its message alone.
 */
export function withoutStack<E extends Error>(error: E): E {
  error.stack = '';
  return error;
}
