import { describe, expect, it } from 'vitest';
import { replyFor } from '../simulator/providers/openaiCompletions';
import { userRequestOf } from '../simulator/userRequest';

describe('the simulator answers with what the user asked', () => {
  it('takes the request out of an Agent-mode message, not the instructions around it', () => {
    const agentMessage =
      '<environment_info>The user is on Linux.</environment_info>\n<workspace_info>I am working in a workspace with the following folders: /tmp/w</workspace_info>\n<reminderInstructions>You are an agent. Keep going until the task is done.</reminderInstructions>\n<userRequest>\nSay hello\n</userRequest>';
    const reply = replyFor({ messages: [{ role: 'system', content: 'You are an expert AI programming assistant…' }, { role: 'user', content: agentMessage }] });
    expect(reply).toEqual({ kind: 'text', text: 'Hello from the simulator! You said: Say hello.' });
  });

  it('calls a tool only when the user\'s own words name it, not when the context around them does', () => {
    const tools = [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { filePath: { type: 'string' } }, required: ['filePath'] } } }];
    // From the third turn of a chat Copilot Chat's reminders name tools around the user's words.
    const thirdTurn = '<reminderInstructions>Use read_file to read more of a file when needed.</reminderInstructions>\n<userRequest>\nAnd now?\n</userRequest>';
    expect(replyFor({ messages: [{ role: 'user', content: thirdTurn }], tools })).toEqual({ kind: 'text', text: 'Hello from the simulator! You said: And now?.' });
    const named = '<reminderInstructions>Be brief.</reminderInstructions>\n<userRequest>\nPlease use read_file on notes.md\n</userRequest>';
    expect(replyFor({ messages: [{ role: 'user', content: named }], tools })).toEqual({ kind: 'tool', name: 'read_file', args: { filePath: 'md' } });
  });

  it('takes it out of <prompt> tags (Ask mode) and keeps plain text as it is', () => {
    expect(userRequestOf('<context>x</context><prompt>What is 2+2?</prompt>')).toBe('What is 2+2?');
    expect(userRequestOf('  plain   question ')).toBe('plain question');
  });
});
