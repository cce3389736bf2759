import { randomBytes } from 'node:crypto';
import { cachedPromptTokens } from '../promptCache';
import { sendJson } from '../scenario';
import { userRequestOf } from '../userRequest';
import type { SimResponse, SimulatorState } from '../types';
// Azure's chat completions take OpenAI's request body.
import type { ChatBody } from './openaiCompletions';

/** Chat Completions answers as an Azure OpenAI deployment gives them (JSON and SSE, with content-filter annotations). */

export interface SimDeployment {
  /** Model id Azure reports in responses (the versioned model behind the deployment). */
  model: string;
  /** o-series and gpt-5 deployments reject `max_tokens` and non-default temperature. */
  reasoning: boolean;
}

const SAFE = { filtered: false, severity: 'safe' } as const;
const CONTENT_FILTER_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };
/** What Azure reports on the chunk where its output filter cut the answer. */
const OUTPUT_FILTERED_RESULTS = { hate: { filtered: true, severity: 'medium' }, self_harm: SAFE, sexual: SAFE, violence: SAFE };
/** Words that pass the filter before it cuts the answer. */
const WORDS_BEFORE_FILTER = 4;
const PROMPT_FILTER_RESULTS = [{ prompt_index: 0, content_filter_results: { ...CONTENT_FILTER_RESULTS, jailbreak: { filtered: false, detected: false } } }];


function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && 'text' in p ? String((p as { text: unknown }).text) : '')).join('');
  return '';
}

/** Arguments a fake model would fill in: one plausible value per required property. */
function argumentsFor(parameters: { properties?: Record<string, { type?: string }>; required?: string[] } | undefined): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const name of parameters?.required ?? []) {
    const type = parameters?.properties?.[name]?.type;
    args[name] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : type === 'array' ? [] : type === 'object' ? {} : 'example';
  }
  return args;
}

type Reply = { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; arguments: string };

/** Deterministic answer: call the first tool on a fresh user turn, otherwise echo what it saw. */
function replyFor(body: ChatBody, deploymentName: string): Reply {
  const messages = body.messages ?? [];
  const last = messages[messages.length - 1];
  const tool = body.tools?.find((t) => t.type === 'function' && t.function?.name);
  if (tool && last?.role === 'user' && body.tool_choice !== 'none') {
    return { kind: 'tool', id: `call_${randomBytes(12).toString('hex')}`, name: tool.function!.name!, arguments: JSON.stringify(argumentsFor(tool.function!.parameters)) };
  }
  if (last?.role === 'tool') return { kind: 'text', text: `The tool returned: ${textOf(last.content)}` };
  return { kind: 'text', text: `Hello from Azure deployment ${deploymentName}. You said: ${userRequestOf(textOf(last?.content))}` };
}

function words(s: string): string[] {
  return s.match(/\S+\s*/g) ?? [];
}

function promptTokens(body: ChatBody): number {
  const chars = (body.messages ?? []).reduce((n, m) => n + textOf(m.content).length + 4, 0);
  return Math.max(1, Math.ceil(chars / 4));
}

export interface AnswerOptions {
  /** The output content filter lets a few words through, then ends the answer with finish_reason "content_filter". */
  cutByContentFilter?: boolean;
}

export async function answerChat(
  res: SimResponse,
  sim: SimulatorState,
  body: ChatBody,
  deploymentName: string,
  deployment: SimDeployment,
  options: AnswerOptions = {},
): Promise<void> {
  const cut = options.cutByContentFilter === true;
  const reply: Reply = cut ? { kind: 'text', text: `Here is what I can tell you about ${textOf(body.messages?.at(-1)?.content).slice(0, 200)}` } : replyFor(body, deploymentName);
  const limit = body.max_completion_tokens ?? body.max_tokens;
  const allWords = reply.kind === 'text' ? words(reply.text) : [];
  const budget = cut ? Math.min(limit ?? WORDS_BEFORE_FILTER, WORDS_BEFORE_FILTER) : limit;
  const shown = budget !== undefined && reply.kind === 'text' ? allWords.slice(0, budget) : allWords;
  const truncated = reply.kind === 'text' && shown.length < allWords.length;
  const finish = cut ? 'content_filter' : reply.kind === 'tool' ? 'tool_calls' : truncated ? 'length' : 'stop';
  const finalFilterResults = cut ? OUTPUT_FILTERED_RESULTS : {};
  const completionTokens = reply.kind === 'tool' ? 12 : shown.length;
  const usage = {
    prompt_tokens: promptTokens(body),
    completion_tokens: completionTokens,
    total_tokens: promptTokens(body) + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedPromptTokens(promptTokens(body), !!body.messages?.some((m) => m.role === 'assistant')) },
    ...(deployment.reasoning ? { completion_tokens_details: { reasoning_tokens: 0 } } : {}),
  };
  const id = `chatcmpl-${randomBytes(14).toString('base64url')}`;
  const created = Math.floor(Date.now() / 1000);
  const common = { id, created, model: deployment.model, system_fingerprint: 'fp_sim_azure' };

  if (!body.stream) {
    const message =
      reply.kind === 'tool'
        ? { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: reply.id, type: 'function', function: { name: reply.name, arguments: reply.arguments } }] }
        : { role: 'assistant', content: shown.join(''), refusal: null };
    return sendJson(res, 200, {
      ...common,
      object: 'chat.completion',
      choices: [{ index: 0, finish_reason: finish, logprobs: null, message, content_filter_results: cut ? OUTPUT_FILTERED_RESULTS : CONTENT_FILTER_RESULTS }],
      prompt_filter_results: PROMPT_FILTER_RESULTS,
      usage,
    });
  }

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'apim-request-id': randomBytes(16).toString('hex') });
  const delay = sim.override('azure').chunkDelayMs ?? 0;
  const send = async (data: unknown): Promise<boolean> => {
    if (res.destroyed) return false;
    // ServerResponse and Http2ServerResponse both write strings; their overloads just do not unify.
    (res as { write(chunk: string): boolean }).write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    return delay > 0 ? sim.sleep(delay, res) : true;
  };
  const chunk = (delta: unknown, finishReason: string | null = null) => ({
    ...common,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null, content_filter_results: finishReason ? finalFilterResults : CONTENT_FILTER_RESULTS }],
  });
  // Azure opens every stream with the prompt filter verdict: an empty-choices chunk with an empty model.
  if (!(await send({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: PROMPT_FILTER_RESULTS }))) return;
  if (!(await send(chunk({ role: 'assistant', content: '', refusal: null })))) return;
  if (reply.kind === 'tool') {
    if (!(await send(chunk({ tool_calls: [{ index: 0, id: reply.id, type: 'function', function: { name: reply.name, arguments: '' } }] })))) return;
    for (const piece of reply.arguments.match(/.{1,8}/gs) ?? []) {
      if (!(await send(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] })))) return;
    }
  } else {
    for (const w of shown) if (!(await send(chunk({ content: w })))) return;
  }
  if (!(await send(chunk({}, finish)))) return;
  if (body.stream_options?.include_usage) {
    if (!(await send({ ...common, object: 'chat.completion.chunk', choices: [], usage }))) return;
  }
  await send('[DONE]');
  res.end();
}

/** The 400 Azure returns when its content filter blocks the prompt. */
export function contentFilterBody() {
  return {
    error: {
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
      type: null,
      param: 'prompt',
      code: 'content_filter',
      status: 400,
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: {
          hate: SAFE,
          jailbreak: { filtered: false, detected: false },
          self_harm: SAFE,
          sexual: SAFE,
          violence: { filtered: true, severity: 'high' },
        },
      },
    },
  };
}

export function lastUserText(body: ChatBody): string {
  const users = (body.messages ?? []).filter((m) => m.role === 'user');
  return textOf(users[users.length - 1]?.content);
}
