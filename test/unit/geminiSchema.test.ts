import { describe, expect, it } from 'vitest';
import { toGeminiParametersJsonSchema } from '../../src/core/providers/gemini/schema';
import { jsonSchemaProblem } from '../simulator/providers/geminiJsonSchema';
import { EDITOR_TOOLS } from '../integration/geminiEditorTools';

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
const problem = (schema: unknown) => jsonSchemaProblem({ parametersJsonSchema: schema }, 'tools[0].function_declarations[0]')?.message;

describe('toGeminiParametersJsonSchema (editor JSON Schema → parametersJsonSchema)', () => {
  it('keeps what JSON Schema says (free-form objects, maps, type lists, anyOf, enums of any type, formats) and drops document keywords', () => {
    const input = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'urn:tool',
      type: 'object',
      additionalProperties: false,
      properties: {
        meta: { type: 'object', additionalProperties: true },
        any: {},
        env: { type: 'object', additionalProperties: { type: 'string' } },
        body: { type: ['string', 'null'] },
        who: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        n: { type: 'integer', enum: [1, 2, 3] },
        url: { type: 'string', format: 'uri', pattern: '^https:' },
      },
      required: ['meta', 'any'],
    };
    const { $schema: _s, $id: _i, ...kept } = input;
    expect(toGeminiParametersJsonSchema(input)).toEqual(kept);
  });

  it('keeps plain references as $ref into $defs; one with other siblings is written out in place (Gemini allows only description/default beside $ref)', () => {
    const paging = object({ page: { type: 'integer' } });
    const out = toGeminiParametersJsonSchema(
      object(
        { target: { $ref: '#/definitions/Target', title: 'Log target' }, page: { allOf: [{ $ref: '#/$defs/Paging' }] }, again: { $ref: '#/$defs/Paging', description: 'd', default: { page: 1 } }, items: { type: 'array', items: { $ref: '#/properties/page' } } },
        { definitions: { Target: { type: 'string', enum: ['console', 'file'] } }, $defs: { Paging: paging } },
      ),
    );
    expect(out).toEqual({
      ...object({ target: { type: 'string', enum: ['console', 'file'], title: 'Log target' }, page: { allOf: [{ $ref: '#/$defs/Paging' }] }, again: { $ref: '#/$defs/Paging', description: 'd', default: { page: 1 } }, items: { type: 'array', items: { $ref: '#/$defs/properties_page' } } }),
      $defs: { Paging: paging, properties_page: { allOf: [{ $ref: '#/$defs/Paging' }] } },
    });
  });

  it('keeps a recursive type as $ref into $defs, with only description and default beside it', () => {
    const out = toGeminiParametersJsonSchema(
      object({ root: { $ref: '#/definitions/Node', description: 'Top', title: 'Root node' } }, { required: ['root'], definitions: { Node: object({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } }, { required: ['name'] }) } }),
    );
    expect(out).toEqual({
      ...object({ root: { $ref: '#/$defs/Node', description: 'Top' } }, { required: ['root'] }),
      $defs: { Node: object({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } }, { required: ['name'] }) },
    });
  });

  it('a schema that refers to itself (#) becomes a root plus a $defs copy of it', () => {
    const out = toGeminiParametersJsonSchema(object({ name: { type: 'string' }, kids: { type: 'array', items: { $ref: '#' } } }, { required: ['name'] }));
    const body = object({ name: { type: 'string' }, kids: { type: 'array', items: { $ref: '#/$defs/root' } } }, { required: ['name'] });
    expect(out).toEqual({ ...body, $defs: { root: body } });
  });

  it('lets a loop end: arrays on it may be empty, a required property that closes it becomes optional', () => {
    const out = toGeminiParametersJsonSchema(
      object({ node: { $ref: '#/$defs/N' } }, { required: ['node'], $defs: { N: object({ id: { type: 'string' }, parent: { $ref: '#/$defs/N' }, first: { type: 'array', minItems: 1, items: { $ref: '#/$defs/N' } }, maybe: { anyOf: [{ $ref: '#/$defs/N' }, { type: 'null' }] } }, { required: ['id', 'parent', 'first', 'maybe'] }) } }),
    );
    expect(out['required']).toEqual(['node']);
    const n = (out['$defs'] as Record<string, { required: string[]; properties: Record<string, unknown> }>)['N']!;
    expect(n.required).toEqual(['id', 'first', 'maybe']);
    expect(n.properties['first']).toEqual({ type: 'array', items: { $ref: '#/$defs/N' } });
  });

  it("a root that is only a reference (zod-to-json-schema's named output) is written out, recursive or not", () => {
    const args = object({ q: { type: 'string' }, sub: { $ref: '#/definitions/Args' } }, { required: ['q'] });
    const out = toGeminiParametersJsonSchema({ $ref: '#/definitions/Args', definitions: { Args: args }, $schema: 'http://json-schema.org/draft-07/schema#' });
    const body = object({ q: { type: 'string' }, sub: { $ref: '#/$defs/Args' } }, { required: ['q'] });
    expect(out).toEqual({ ...body, $defs: { Args: body } });
    expect(problem(out)).toBeUndefined();
    expect(toGeminiParametersJsonSchema({ $ref: '#/definitions/A', definitions: { A: object({ q: { type: 'string' } }) } })).toEqual({ ...object({ q: { type: 'string' } }), $defs: { A: object({ q: { type: 'string' } }) } });
  });

  it('a reference that cannot be followed keeps its siblings; draft-07 tuples become prefixItems; no schema is an object without arguments', () => {
    expect(toGeminiParametersJsonSchema(object({ a: { $ref: 'https://example.com/x.json', description: 'A' }, t: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } }))).toEqual(
      object({ a: { description: 'A' }, t: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } }),
    );
    expect(toGeminiParametersJsonSchema(undefined)).toEqual({ type: 'object' });
    expect(toGeminiParametersJsonSchema({ type: 'string' })).toEqual({ type: 'object' });
  });
});

describe("the simulator's copy of Gemini's parametersJsonSchema checks", () => {
  it('refuses what the API refuses, with its messages', () => {
    expect(problem(object({ a: { $ref: '#/$defs/Missing' } }))).toBe('reference to undefined schema at properties.a');
    expect(problem(object({ a: { $ref: '#/$defs/T', title: 'x' } }, { $defs: { T: { type: 'string' } } }))).toMatch(/^\$ref 'T' was set alongside unsupported fields\. .*only description and default/);
    expect(problem(object({ a: { $ref: '#/$defs/N' } }, { $defs: { N: object({ next: { $ref: '#/$defs/N' } }, { required: ['next'] }) } }))).toMatch(/ref loop of required fields was found at \$defs\.N\.properties\.next$/);
    expect(problem({ type: 'string' })).toMatch(/must describe an object/);
    expect(jsonSchemaProblem({ parameters: { type: 'OBJECT' }, parametersJsonSchema: { type: 'object' } }, 'f')?.message).toMatch(/mutually exclusive/);
  });

  it('accepts recursion that can end, $ref with description/default, free-form values', () => {
    expect(problem(object({ a: { $ref: '#/$defs/N', description: 'd', default: null }, free: {}, o: { type: 'object' } }, { $defs: { N: object({ next: { anyOf: [{ $ref: '#/$defs/N' }, { type: 'null' }] }, kids: { type: 'array', items: { $ref: '#/$defs/N' } } }, { required: ['next', 'kids'] }) } }))).toBeUndefined();
  });

  it('every editor tool schema passes once translated; some fail as they come', () => {
    for (const tool of EDITOR_TOOLS) expect(problem(toGeminiParametersJsonSchema(tool.inputSchema)), tool.name).toBeUndefined();
    const refused = EDITOR_TOOLS.filter((t) => problem(t.inputSchema) !== undefined).map((t) => t.name);
    expect(refused).toEqual(['mcp_search_issues', 'set_log_level']);
  });
});
