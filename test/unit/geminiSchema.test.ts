import { describe, expect, it } from 'vitest';
import { toGeminiParameters } from '../../src/core/providers/gemini/schema';
import { schemaProblem } from '../simulator/providers/geminiSchema';
import { EDITOR_TOOLS } from '../integration/geminiEditorTools';

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });

describe('toGeminiParameters (JSON Schema → Gemini Schema)', () => {
  it('drops fields Gemini does not know and upper-cases types', () => {
    const out = toGeminiParameters({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'x',
      type: 'object',
      additionalProperties: false,
      properties: { path: { type: 'string', description: 'File', examples: ['a'], default: 'a', pattern: '^/' } },
      required: ['path'],
    });
    expect(out).toEqual({ type: 'OBJECT', properties: { path: { type: 'STRING', description: 'File' } }, required: ['path'] });
  });

  it('turns ["string","null"] and anyOf-with-null into nullable', () => {
    const out = toGeminiParameters(object({ a: { type: ['string', 'null'] }, b: { anyOf: [{ type: 'null' }, { type: 'integer', description: 'n' }] } }));
    expect(out?.properties).toEqual({ a: { type: 'STRING', nullable: true }, b: { type: 'INTEGER', description: 'n', nullable: true } });
  });

  it('turns oneOf and multi-type arrays into anyOf', () => {
    const out = toGeminiParameters(object({ a: { oneOf: [{ type: 'string' }, { type: 'number' }] }, b: { type: ['string', 'boolean'] } }));
    expect(out?.properties?.['a']).toEqual({ anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] });
    expect(out?.properties?.['b']).toEqual({ anyOf: [{ type: 'STRING' }, { type: 'BOOLEAN' }] });
  });

  it('resolves $ref into definitions/$defs and stops at recursion', () => {
    const out = toGeminiParameters({
      type: 'object',
      properties: { node: { $ref: '#/$defs/Node', description: 'root' } },
      $defs: { Node: { type: 'object', properties: { label: { type: 'string' }, child: { $ref: '#/$defs/Node' } } } },
    });
    expect(out?.properties?.['node']).toEqual({ type: 'OBJECT', description: 'root', properties: { label: { type: 'STRING' } } });
  });

  it('merges allOf', () => {
    const out = toGeminiParameters(object({ o: { allOf: [object({ a: { type: 'string' } }, { required: ['a'] }), { properties: { b: { type: 'boolean' } } }] } }));
    expect(out?.properties?.['o']).toEqual({ type: 'OBJECT', properties: { a: { type: 'STRING' }, b: { type: 'BOOLEAN' } }, required: ['a'] });
  });

  it('keeps only the formats Gemini accepts and moves others into the description', () => {
    const out = toGeminiParameters(object({ when: { type: 'string', format: 'date-time' }, url: { type: 'string', format: 'uri', description: 'Link' }, n: { type: 'integer', format: 'int64' }, f: { type: 'number', format: 'percent' } }));
    expect(out?.properties).toEqual({
      when: { type: 'STRING', format: 'date-time' },
      url: { type: 'STRING', description: 'Link (format: uri)' },
      n: { type: 'INTEGER', format: 'int64' },
      f: { type: 'NUMBER' },
    });
  });

  it('keeps string enums, describes numeric ones, and reads const', () => {
    const out = toGeminiParameters(object({ s: { enum: ['a', 'b'] }, n: { type: 'integer', enum: [1, 2] }, c: { const: 'fixed' } }));
    expect(out?.properties).toEqual({ s: { type: 'STRING', enum: ['a', 'b'] }, n: { type: 'INTEGER', description: 'one of 1, 2' }, c: { type: 'STRING', enum: ['fixed'] } });
  });

  it('leaves free-form values out of properties and required; a tool without describable arguments gets no parameters', () => {
    const out = toGeminiParameters(object({ keep: { type: 'string' }, meta: { type: 'object', additionalProperties: true }, any: {}, empty: object({}) }, { required: ['keep', 'meta', 'any'] }));
    expect(out).toEqual({ type: 'OBJECT', properties: { keep: { type: 'STRING' } }, required: ['keep'] });
    expect(toGeminiParameters({ type: 'object', properties: {} })).toBeUndefined();
    expect(toGeminiParameters(undefined)).toBeUndefined();
  });

  it('gives arrays without items an item type (Gemini requires one)', () => {
    expect(toGeminiParameters(object({ xs: { type: 'array' } }))?.properties?.['xs']).toEqual({ type: 'ARRAY', items: { type: 'STRING' } });
  });

  it('every editor tool schema, translated, passes the simulator’s copy of Gemini’s checks (and fails untranslated)', () => {
    for (const tool of EDITOR_TOOLS) {
      const params = toGeminiParameters(tool.inputSchema);
      if (params) expect(schemaProblem(params, 'parameters'), tool.name).toBeUndefined();
    }
    const untranslated = EDITOR_TOOLS.filter((t) => schemaProblem(t.inputSchema, 'parameters') !== undefined);
    expect(untranslated.length).toBeGreaterThanOrEqual(4);
  });
});
