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

  it('takes it out of <prompt> tags (Ask mode) and keeps plain text as it is', () => {
    expect(userRequestOf('<context>x</context><prompt>What is 2+2?</prompt>')).toBe('What is 2+2?');
    expect(userRequestOf('  plain   question ')).toBe('plain question');
  });
});
