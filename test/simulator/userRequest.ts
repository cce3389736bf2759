/**
 * What the user asked, out of the last user message an editor sends. Copilot Chat wraps the
 * user's words in `<userRequest>` (Agent mode, after pages of workspace context and instructions)
 * or `<prompt>` tags; echoing all of it looks like the simulator leaking a system prompt.
 */
export function userRequestOf(text: string): string {
  const request = userWordsOf(text).replace(/\s+/g, ' ').trim();
  return request.length > 300 ? `${request.slice(0, 300)}…` : request;
}

/**
 * The user's own words, whole. A fake model "names a tool" only when these do: Copilot Chat's
 * context around them mentions tools too (from the third turn of a chat, "read_file" among them),
 * and a model calling read_file on the word "userRequest" is nothing a real model does.
 */
export function userWordsOf(text: string): string {
  const tagged = /<userRequest>([\s\S]*?)<\/userRequest>/.exec(text) ?? /<prompt>([\s\S]*?)<\/prompt>/.exec(text);
  return tagged?.[1] ?? text;
}
