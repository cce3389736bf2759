import type { ChatTool } from '../../src/core/chat/types';

/**
 * Tool schemas shaped like the ones a VS Code chat request carries (built-in tools and MCP
 * servers' zod-to-json-schema and pydantic output): free-form objects, recursive $ref trees,
 * anyOf/nullable types, enums of every type, and what Gemini refuses in either schema field.
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
  {
    name: 'mcp_fetch_request',
    description: 'Send an HTTP request with any JSON body.',
    inputSchema: {
      type: 'object',
      properties: {
        url: { type: 'string', format: 'uri' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        body: { description: 'Any JSON value' },
        options: { type: 'object' },
      },
      required: ['url', 'body', 'options'],
    },
  },
  {
    name: 'mcp_outline_write',
    description: 'Write an outline (a tree of sections).',
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { root: { $ref: '#/$defs/Section', description: 'The top section' } },
      required: ['root'],
      $defs: {
        Section: {
          type: 'object',
          title: 'Section',
          properties: { title: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Section' } } },
          required: ['title'],
        },
      },
    },
  },
  {
    name: 'mcp_search_issues',
    description: 'Search issues with a filter of nested and-clauses (pydantic output).',
    inputSchema: {
      type: 'object',
      properties: { filter: { $ref: '#/$defs/Filter' }, limit: { anyOf: [{ type: 'integer' }, { type: 'null' }], default: null } },
      required: ['filter'],
      $defs: {
        Filter: { anyOf: [{ $ref: '#/$defs/Condition' }, { $ref: '#/$defs/And' }] },
        Condition: {
          type: 'object',
          properties: { field: { type: 'string' }, op: { type: 'string', enum: ['eq', 'ne', 'gt'] }, value: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] } },
          required: ['field', 'op', 'value'],
        },
        And: { type: 'object', properties: { and: { type: 'array', items: { $ref: '#/$defs/Filter' }, minItems: 2 } }, required: ['and'] },
      },
    },
  },
  {
    name: 'set_log_level',
    description: 'Change logging.',
    inputSchema: {
      type: 'object',
      properties: {
        level: { enum: ['debug', 'info', 'warn'] },
        verbosity: { type: 'integer', enum: [0, 1, 2] },
        ratio: { type: ['number', 'null'], minimum: 0.25 },
        mode: { anyOf: [{ const: 'fast' }, { const: 'safe' }] },
        target: { $ref: '#/definitions/Target', title: 'Log target', description: 'Where logs go' },
      },
      required: ['level', 'verbosity', 'ratio', 'mode', 'target'],
      definitions: { Target: { type: 'string', enum: ['console', 'file'] } },
    },
  },
];
