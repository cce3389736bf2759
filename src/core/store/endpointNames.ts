import { text } from '../text';

/** `{0}` is the name as typed; the page fills it in (field errors travel as templates). */
export const NAME_TAKEN = text('An endpoint named "{0}" already exists. Choose another name.');

/** Endpoints are told apart by name in the chat model picker, so no two may share one. */
export function nameTaken(entries: readonly { id: string; name?: unknown }[], name: string, except?: string): boolean {
  const key = (s: string) => s.trim().normalize('NFC').toLowerCase();
  return entries.some((e) => e.id !== except && typeof e.name === 'string' && key(e.name) === key(name));
}
