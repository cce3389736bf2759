import type { ChatTool } from '../../src/core/chat/types';

/**
 * Tool schemas shaped like the ones a VS Code chat request carries (built-in tools and MCP
 * servers' zod-to-json-schema output): every JSON Schema feature Gemini refuses appears here.
 */
export const EDITOR_TOOLS: ChatTool[] = [
  {
    name: 'copilot_readFile',
    description: 'Read the contents of a file.',
    inputSchema: {
      type: 'object',
      properties: {
        filePath: { type: 'string', description: 'The absolute path of the file to read.' },
        startLine: { type: 'number', description: 'The line number to start reading from, 1-based.' },
        endLine: { type: 'number', description: 'The inclusive line number to end reading at, 1-based.' },
      },
      required: ['filePath', 'startLine', 'endLine'],
    },
  },
  {
    name: 'copilot_getChangedFiles',
    description: 'Get git diffs of current file changes.',
    inputSchema: { type: 'object', properties: {} },
  },
  {
    name: 'manage_todo_list',
    description: 'Manage a structured todo list.',
    inputSchema: {
      type: 'object',
      properties: {
        todoList: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'number' },
              title: { type: 'string', maxLength: 80 },
              status: { type: 'string', enum: ['not-started', 'in-progress', 'completed'] },
            },
            required: ['id', 'title', 'status'],
            additionalProperties: false,
          },
        },
        operation: { type: 'string', enum: ['write', 'read'] },
      },
      required: ['operation'],
      additionalProperties: false,
    },
  },
  {
    name: 'mcp_github_create_issue',
    description: 'Create a GitHub issue.',
    inputSchema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        owner: { type: 'string' },
        repo: { type: 'string' },
        title: { type: 'string' },
        body: { type: ['string', 'null'], description: 'Issue body' },
        labels: { type: 'array', items: { type: 'string' } },
        assignee: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        milestone: { oneOf: [{ type: 'number' }, { type: 'string' }] },
        url: { type: 'string', format: 'uri' },
        due: { type: 'string', format: 'date-time' },
        priority: { type: 'integer', enum: [1, 2, 3] },
        author: { $ref: '#/definitions/User' },
        metadata: { type: 'object', additionalProperties: true },
        anything: {},
      },
      required: ['owner', 'repo', 'title', 'metadata'],
      additionalProperties: false,
      definitions: {
        User: { type: 'object', properties: { login: { type: 'string' }, manager: { $ref: '#/definitions/User' } }, required: ['login'] },
      },
    },
  },
  {
    name: 'run_in_terminal',
    description: 'Run a shell command.',
    inputSchema: {
      type: 'object',
      properties: {
        command: { type: 'string' },
        explanation: { type: 'string' },
        isBackground: { type: 'boolean' },
        env: { type: 'object', properties: {}, additionalProperties: { type: 'string' } },
      },
      required: ['command', 'explanation', 'isBackground'],
    },
  },
  {
    name: 'mcp_db_query',
    description: 'Query a database.',
    inputSchema: {
      type: 'object',
      properties: {
        sql: { type: 'string', minLength: 1, pattern: '^SELECT' },
        params: { type: 'array', items: {} },
        limit: { type: 'integer', minimum: 1, maximum: 1000, exclusiveMaximum: 1001, default: 100 },
        options: { allOf: [{ $ref: '#/$defs/Paging' }, { properties: { explain: { type: 'boolean' } } }] },
      },
      required: ['sql'],
      $defs: { Paging: { type: 'object', properties: { page: { type: 'integer' } } } },
    },
  },
];
