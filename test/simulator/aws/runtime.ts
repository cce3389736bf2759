import { randomBytes } from 'node:crypto';
import { cachedPromptTokens, cacheWriteTokens } from '../promptCache';
import type { Scenario, SimRequest, SimResponse, SimulatorState } from '../types';
import { resolveInvocationId, type SimModel } from './catalog';
import { answerBedrockScenario } from './control';
import { allText, converseProblem, exampleFor, simTokenCount, type ContentBlock, type ConverseBody } from './converseRequest';
import { userRequestOf, userWordsOf } from '../userRequest';
import { eventFrame, exceptionFrame, sendBedrockError, sendBedrockJson } from './replies';

const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream|count-tokens)$/;

/** Bedrock runtime: `POST /model/{id}/converse|converse-stream|count-tokens` (HTTP/2 by default in the SDK). */
export async function handleRuntime(req: SimRequest, res: SimResponse, sim: SimulatorState, region: string, scenario: Scenario): Promise<void> {
  const m = ROUTE.exec(req.path);
  if (req.method !== 'POST' || !m) return sendBedrockError(res, 404, 'UnknownOperationException', `Unknown operation ${req.method} ${req.path}`);
  const id = decodeURIComponent(m[1]!);
  const operation = m[2]!;
  if (answerBedrockScenario(scenario, res, 'runtime')) return;
  if (scenario === 'no_model_access') return sendBedrockError(res, 403, 'AccessDeniedException', "You don't have access to the model with the specified model ID.");
  if (scenario === 'model_not_found') return sendBedrockError(res, 404, 'ResourceNotFoundException', 'Model not found.');

  const target = resolveInvocationId(region, id);
  if (!target || !target.model.outputModalities.includes('TEXT')) {
    return sendBedrockError(res, 400, 'ValidationException', 'The provided model identifier is invalid.');
  }
  if (operation === 'count-tokens') return countTokens(req, res, target.model, target.viaProfile);
  const needsProfile = !target.model.inferenceTypesSupported.includes('ON_DEMAND') || scenario === 'needs_inference_profile';
  if (needsProfile && !target.viaProfile) {
    return sendBedrockError(
      res,
      400,
      'ValidationException',
      `Invocation of model ID ${target.model.modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  const problem = converseProblem(req.json);
  if (problem) return sendBedrockError(res, 400, 'ValidationException', problem);
  const answer = compose(req.json as ConverseBody);
  if (operation === 'converse') {
    return sendBedrockJson(res, {
      output: { message: { role: 'assistant', content: answer.content } },
      stopReason: answer.stopReason,
      usage: answer.usage,
      metrics: { latencyMs: 120 },
    });
  }
  if (target.model.streamingToolUse === false && (req.json as ConverseBody).toolConfig?.tools?.length) {
    return sendBedrockError(res, 400, 'ValidationException', "This model doesn't support tool use in streaming mode.");
  }
  // A prompt containing `sim-stream-error:<exceptionType>` gets a modeled exception after two text events.
  const streamError = /sim-stream-error:([a-zA-Z]+)/.exec(JSON.stringify((req.json as ConverseBody).messages.at(-1)))?.[1];
  await stream(res, sim, answer, streamError);
}

function countTokens(req: SimRequest, res: SimResponse, model: SimModel, viaProfile: boolean): void {
  if (!model.countTokens || viaProfile) return sendBedrockError(res, 400, 'ValidationException', "The provided model doesn't support counting tokens.");
  const converse = (req.json as { input?: { converse?: ConverseBody } } | undefined)?.input?.converse;
  const problem = converseProblem(converse);
  if (problem) return sendBedrockError(res, 400, 'ValidationException', problem);
  sendBedrockJson(res, { inputTokens: simTokenCount(allText(converse!)) });
}

interface Answer {
  content: ContentBlock[];
  /** Text split the way it is streamed. */
  chunks: string[];
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens';
  usage: { inputTokens: number; outputTokens: number; totalTokens: number; cacheReadInputTokens?: number; cacheWriteInputTokens?: number };
}

/** Converse counts cache reads and writes apart from inputTokens; totalTokens is the sum of all. */
function usageOf(body: ConverseBody, promptTokens: number, outputTokens: number): Answer['usage'] {
  const continues = body.messages.some((m) => m.role === 'assistant');
  const cacheReadInputTokens = cachedPromptTokens(promptTokens, continues);
  const cacheWriteInputTokens = cacheWriteTokens(promptTokens, continues, JSON.stringify(body).includes('"cachePoint"'));
  return {
    inputTokens: promptTokens - cacheReadInputTokens - cacheWriteInputTokens,
    outputTokens,
    totalTokens: promptTokens + outputTokens,
    ...(cacheReadInputTokens ? { cacheReadInputTokens } : {}),
    ...(cacheWriteInputTokens ? { cacheWriteInputTokens } : {}),
  };
}

/**
 * A deterministic answer: a tool call when the user names a tool (or tool use is required),
 * a sentence about the tool result after one, else an echo of the last user text.
 */
function compose(body: ConverseBody): Answer {
  const last = body.messages[body.messages.length - 1]!;
  const lastText = last.content.map((c) => c.text ?? '').join(' ').trim();
  const toolResult = last.content.find((c) => c.toolResult)?.toolResult;
  const tools = (body.toolConfig?.tools ?? []).map((t) => t.toolSpec!);
  const choice = body.toolConfig?.toolChoice;
  const named = tools.find((t) => (choice?.tool ? t.name === choice.tool.name : userWordsOf(lastText).includes(t.name)));
  const tool = !toolResult && last.role === 'user' ? (named ?? (choice?.any ? tools[0] : undefined)) : undefined;
  const inputTokens = simTokenCount(allText(body));

  if (tool) {
    const input = exampleFor(tool.inputSchema?.json);
    return {
      content: [{ text: 'Calling the tool.' }, { toolUse: { toolUseId: `tooluse_${randomBytes(8).toString('hex')}`, name: tool.name, input } }],
      chunks: ['Calling ', 'the tool.'],
      stopReason: 'tool_use',
      usage: usageOf(body, inputTokens, 12),
    };
  }
  const images = body.messages.flatMap((m) => m.content.filter((c) => c.image));
  let sentence = toolResult
    ? `The tool returned: ${(toolResult.content ?? []).map((c) => c.text ?? JSON.stringify(c.json)).join(' ')}`
    : `Hello from Bedrock! You said: ${userRequestOf(lastText) || '(nothing)'}`;
  if (images.length) sentence += ` I see ${images.length} image(s) (${images.map((c) => c.image!.format).join(', ')}).`;
  let words = sentence.split(/(?<= )/);
  let stopReason: Answer['stopReason'] = 'end_turn';
  const max = body.inferenceConfig?.maxTokens;
  if (max !== undefined && words.length > max) {
    words = words.slice(0, max);
    stopReason = 'max_tokens';
  }
  return {
    content: [{ text: words.join('') }],
    chunks: words,
    stopReason,
    usage: usageOf(body, inputTokens, words.length),
  };
}

async function stream(res: SimResponse, sim: SimulatorState, answer: Answer, exceptionType?: string): Promise<void> {
  const delay = sim.override('aws').chunkDelayMs ?? 0;
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomBytes(16).toString('hex') });
  const frames: Buffer[] = [eventFrame('messageStart', { role: 'assistant' })];
  answer.content.forEach((block, index) => {
    if (block.text !== undefined) {
      const pieces = index === 0 ? answer.chunks : [block.text];
      for (const text of pieces) frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text } }));
    } else if (block.toolUse) {
      const { toolUseId, name, input } = block.toolUse;
      frames.push(eventFrame('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId, name } } }));
      // Tool input arrives as JSON text split at arbitrary points.
      const json = JSON.stringify(input);
      const cut = Math.ceil(json.length / 2);
      for (const part of [json.slice(0, cut), json.slice(cut)]) {
        if (part) frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: part } } }));
      }
    }
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index }));
  });
  frames.push(eventFrame('messageStop', { stopReason: answer.stopReason }));
  frames.push(eventFrame('metadata', { usage: answer.usage, metrics: { latencyMs: 95 } }));
  if (exceptionType) frames.splice(3, frames.length, exceptionFrame(exceptionType, exceptionType === 'throttlingException' ? 'Too many tokens, please wait before trying again.' : 'The model stream failed.'));
  for (const frame of frames) {
    if (delay > 0 && !(await sim.sleep(delay, res))) return;
    if (res.destroyed) return;
    (res as import('node:http').ServerResponse).write(frame); // both response kinds accept a Buffer
  }
  res.end();
}
