import { describe, expect, it } from 'vitest';
import { listPrimitives } from '../../src/engine/plan/index.js';
import { createPgliteTestDatabase } from '../support/databases.js';
import { useTestApp } from '../support/test-service.js';

describe('primitive catalogue API', () => {
  const ctx = useTestApp({ create: () => createPgliteTestDatabase() });

  it('lists every registered primitive with counts per category and a strict JSON Schema of its params', async () => {
    const body = (await ctx.api.app.inject({ method: 'GET', url: '/api/v1/primitives' })).json();
    expect(body.count).toBe(listPrimitives().length);
    expect(body.categories.map((c: { name: string }) => c.name)).toEqual(['rows', 'columns', 'format', 'text', 'calculate', 'tables', 'groups', 'dates', 'quality']);
    const sort = body.primitives.find((p: { name: string }) => p.name === 'sort_rows');
    expect(sort).toMatchObject({ title: 'Sort rows', category: 'rows', may_change_row_count: false, needs_seed: false, table_params: [] });
    expect(sort.params_schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['columns'] });
    expect(sort.params_schema.properties.na_position).toMatchObject({ enum: ['first', 'last'], default: 'last' });
    for (const p of body.primitives) expect(p.examples.length).toBeGreaterThan(0);
  });

  it('filters by category, shows one primitive, and answers unknown names and categories', async () => {
    const rows = (await ctx.api.app.inject({ method: 'GET', url: '/api/v1/primitives?category=rows' })).json();
    expect(rows.primitives.every((p: { category: string }) => p.category === 'rows')).toBe(true);
    const one = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/primitives/sort_rows' });
    expect(one.json().name).toBe('sort_rows');
    const missing = await ctx.api.app.inject({ method: 'GET', url: '/api/v1/primitives/drop_rows' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PRIMITIVE_NOT_FOUND');
    expect((await ctx.api.app.inject({ method: 'GET', url: '/api/v1/primitives?category=nope' })).statusCode).toBe(422);
  });
});
