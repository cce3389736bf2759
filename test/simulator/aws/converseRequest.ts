/** What the simulated runtime checks in a Converse body (the rules Bedrock enforces that clients trip over). */

export interface ContentBlock {
  text?: string;
  image?: { format?: string; source?: { bytes?: string } };
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  toolResult?: { toolUseId?: string; content?: { text?: string; json?: unknown }[]; status?: string };
}
export interface Message {
  role: string;
  content: ContentBlock[];
}
export interface ToolSpec {
  name: string;
  description?: string;
  inputSchema?: { json?: Record<string, unknown> };
}
export interface ConverseBody {
  messages: Message[];
  system?: { text?: string }[];
  inferenceConfig?: { maxTokens?: number; temperature?: number };
  toolConfig?: { tools?: { toolSpec?: ToolSpec }[]; toolChoice?: { auto?: object; any?: object; tool?: { name: string } } };
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Returns the ValidationException message Bedrock would give, or undefined when the body is acceptable. */
export function converseProblem(body: unknown): string | undefined {
  const b = body as Partial<ConverseBody> | undefined;
  if (!b || !Array.isArray(b.messages) || b.messages.length === 0) return 'The model returned the following errors: messages: at least one message is required';
  if (b.messages[0]!.role !== 'user') return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
  let usesTools = false;
  for (let i = 0; i < b.messages.length; i++) {
    const m = b.messages[i]!;
    if (m.role !== 'user' && m.role !== 'assistant') return `Value '${m.role}' at 'messages.${i + 1}.member.role' failed to satisfy constraint`;
    if (i > 0 && b.messages[i - 1]!.role === m.role) return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    if (!Array.isArray(m.content) || m.content.length === 0) return `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`;
    for (const c of m.content) {
      if (c.text !== undefined && !c.text.trim()) return `The text field in the ContentBlock object at messages.${i}.content is blank. Add text to the text field, and try again.`;
      if (c.image) {
        if (!['png', 'jpeg', 'gif', 'webp'].includes(c.image.format ?? '')) return `Value '${c.image.format}' at 'image.format' failed to satisfy constraint`;
        if (!c.image.source?.bytes || Buffer.from(c.image.source.bytes, 'base64').length === 0) return 'The image bytes are empty or not valid base64.';
      }
      if (c.toolUse || c.toolResult) usesTools = true;
      if (c.toolResult && m.role !== 'user') return 'toolResult blocks are only allowed in user messages.';
    }
  }
  const tools = b.toolConfig?.tools;
  if (usesTools && !tools?.length) return 'The toolConfig field must be defined when using toolUse and toolResult content blocks.';
  for (const [i, t] of (tools ?? []).entries()) {
    const spec = t.toolSpec;
    if (!spec || !TOOL_NAME.test(spec.name ?? '')) return `1 validation error detected: Value at 'toolConfig.tools.${i + 1}.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`;
    if (spec.inputSchema?.json?.type !== 'object') return `The value at toolConfig.tools.${i}.toolSpec.inputSchema.json.type must be 'object'.`;
  }
  const names = (tools ?? []).map((t) => t.toolSpec!.name);
  if (new Set(names).size !== names.length) return 'The toolConfig contains duplicate tool names.';
  return undefined;
}

/** A schema-shaped example value, so a simulated tool call passes the client's own validation. */
export function exampleFor(schema: Record<string, unknown> | undefined): unknown {
  if (!schema) return {};
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return 'sim';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      return Object.fromEntries(required.filter((k) => props[k]).map((k) => [k, exampleFor(props[k])]));
    }
    default:
      return {};
  }
}

/** The simulator's token count: words and punctuation marks (stable, so tests can compare). */
export function simTokenCount(textValue: string): number {
  return (textValue.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
}

export function allText(body: Partial<ConverseBody>): string {
  const parts: string[] = [];
  for (const s of body.system ?? []) if (s.text) parts.push(s.text);
  for (const m of body.messages ?? []) {
    for (const c of m.content ?? []) {
      if (c.text) parts.push(c.text);
      if (c.toolUse) parts.push(JSON.stringify(c.toolUse.input ?? {}));
      for (const r of c.toolResult?.content ?? []) parts.push(r.text ?? JSON.stringify(r.json ?? ''));
    }
  }
  return parts.join('\n');
}
