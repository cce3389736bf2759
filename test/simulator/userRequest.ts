/**
 * What the user asked, out of the last user message an editor sends. Copilot Chat wraps the
 * user's words in `<userRequest>` (Agent mode, after pages of workspace context and instructions)
 * or `<prompt>` tags; echoing all of it looks like the simulator leaking a system prompt.
 */
export function userRequestOf(text: string): string {
  const tagged = /<userRequest>([\s\S]*?)<\/userRequest>/.exec(text) ?? /<prompt>([\s\S]*?)<\/prompt>/.exec(text);
  const request = (tagged?.[1] ?? text).replace(/\s+/g, ' ').trim();
  return request.length > 300 ? `${request.slice(0, 300)}…` : request;
}
