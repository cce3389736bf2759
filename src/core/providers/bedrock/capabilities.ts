/**
 * Tool use through the Converse API per model family, from AWS's "Supported models and model
 * features" table (docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html).
 * ListFoundationModels reports input modalities but not tool use, so the family decides.
 */
const TOOL_USE: readonly RegExp[] = [
  // Claude 3 and later (3, 3.5, 3.7, Sonnet/Opus/Haiku 4…); Claude 2.x and Instant have none.
  /^anthropic\.claude-(3|sonnet|opus|haiku)/,
  // Nova 2 models are named "amazon.nova-2-lite-v1:0".
  /^amazon\.nova-(2-)?(premier|pro|lite|micro)/,
  // Llama 3.1 and later (3.1, 3.2, 3.3, 4); Llama 2 and 3.0 have none.
  /^meta\.llama3-[1-9]-/,
  /^meta\.llama[4-9]/,
  /^mistral\.mistral-(large|small)/,
  /^mistral\.pixtral-large/,
  /^cohere\.command-r/,
  /^ai21\.jamba-1-5/,
];

/** Cross-region inference profile ids carry the geography first: "us.anthropic.claude-…". */
function baseModelId(modelId: string): string {
  return modelId.replace(/^(us|eu|apac|us-gov|global|jp|au|ca)\./, '');
}

export function bedrockToolUse(modelId: string): boolean {
  const id = baseModelId(modelId);
  return TOOL_USE.some((pattern) => pattern.test(id));
}
