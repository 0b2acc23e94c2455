import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { makeDataTable } from '../../../../src/engine/table.js';
import { apply, csv, runStep, table, values } from '../helpers.js';

const messy = () =>
  table({ name: 'string', code: 'integer', note: 'string' }, [
    ['  Ann  Lee ', 1, '\tx\n\ny  '],
    [null, null, '   '],
    ['Bob', 2, 'ok'],
  ]);

describe('trim_whitespace', () => {
  it('all (the default) trims and collapses inner runs, tabs and newlines included, in every string column', () => {
    const result = apply(messy(), 'trim_whitespace');
    expect(values(result.table, 'name')).toEqual(['Ann Lee', null, 'Bob']);
    expect(values(result.table, 'note')).toEqual(['x y', null, 'ok']);
    expect(values(result.table, 'code')).toEqual([1, null, 2]);
    expect(result.steps[0].params).toEqual({ columns: null, trim_type: 'all' });
    expect(result.steps[0].metadata).toEqual({ columns_trimmed: 2, columns_skipped: [], values_changed: 3 });
  });

  it('leading, trailing and both strip only the ends; whitespace-only text becomes null', () => {
    const t = table({ s: 'string' }, [['  a  b  '], ['\u00a0 \t'], ['c']]);
    expect(values(apply(t, 'trim_whitespace', { trim_type: 'leading' }).table, 's')).toEqual(['a  b  ', null, 'c']);
    expect(values(apply(t, 'trim_whitespace', { trim_type: 'trailing' }).table, 's')).toEqual(['  a  b', null, 'c']);
    expect(values(apply(t, 'trim_whitespace', { trim_type: 'both' }).table, 's')).toEqual(['a  b', null, 'c']);
    expect(values(apply(t, 'trim_whitespace', { trim_type: 'all' }).table, 's')).toEqual(['a b', null, 'c']);
  });

  it('skips listed non-string columns and names them; [] processes nothing', () => {
    const result = apply(messy(), 'trim_whitespace', { columns: ['code', 'name'] });
    expect(values(result.table, 'name')).toEqual(['Ann Lee', null, 'Bob']);
    expect(values(result.table, 'note')).toEqual(['\tx\n\ny  ', '   ', 'ok']);
    expect(result.table.schema).toEqual(messy().schema);
    expect(result.steps[0].metadata).toEqual({ columns_trimmed: 1, columns_skipped: ['code'], values_changed: 1 });
    expect(result.steps[0].warnings).toEqual([]);
    const none = apply(messy(), 'trim_whitespace', { columns: [] });
    expect(csv(none.table)).toBe(csv(messy()));
    expect(none.steps[0].metadata).toEqual({ columns_trimmed: 0, columns_skipped: [], values_changed: 0 });
  });

  it('leaves clean cells (and the input table) untouched', () => {
    const input = table({ s: 'string' }, [['a b'], ['x']]);
    const result = apply(input, 'trim_whitespace');
    expect(result.steps[0].metadata).toMatchObject({ values_changed: 0 });
    expect(values(result.table, 's')).toEqual(['a b', 'x']);
    const dirty = table({ s: 'string' }, [[' a '], [' a ']]);
    apply(dirty, 'trim_whitespace');
    expect(values(dirty, 's')).toEqual([' a ', ' a ']);
  });

  it('rejects bad params and unknown columns', () => {
    expect(runStep(messy(), 'trim_whitespace', { trim_type: 'middle' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'trim_type' });
    expect(runStep(messy(), 'trim_whitespace', { columns: 'name' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(messy(), 'trim_whitespace', { column: ['name'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'column' });
    expect(runStep(messy(), 'trim_whitespace', { columns: ['name', 'name'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'columns' });
    expect(runStep(messy(), 'trim_whitespace', { columns: ['Name'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'columns[0]', suggestion: 'name' });
  });

  it('renders Arquero derive and SQL over the processed columns', () => {
    const p = getPrimitive('trim_whitespace')!;
    const rendered = p.render({ columns: null, trim_type: 'all' }, messy().schema);
    expect(rendered.js).toBe(
      'dt = dt.derive({ "name": d => op.replace(op.trim(d["name"]), /\\s+/g, " ") || null, "note": d => op.replace(op.trim(d["note"]), /\\s+/g, " ") || null });',
    );
    expect(rendered.sql).toContain(`NULLIF(regexp_replace(regexp_replace("name", '^[`);
    expect(rendered.sql).toMatch(/, "code", NULLIF\(.*AS "note", "_row" FROM \{input\} ORDER BY "_row"$/);
    expect(p.render({ columns: ['name'], trim_type: 'both' }, messy().schema).js).toBe('dt = dt.derive({ "name": d => op.trim(d["name"]) || null });');
  });

  it('stays fast on a million cells', () => {
    const n = 1_000_000;
    const cells = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `  city ${i % 100} ` : `city ${i % 100}`));
    const big = makeDataTable([{ name: 's', type: 'string' }], [cells]);
    const started = performance.now();
    const result = apply(big, 'trim_whitespace');
    expect(performance.now() - started).toBeLessThan(5000); // ~0.3 s when the machine is idle
    expect(result.steps[0].metadata).toMatchObject({ values_changed: Math.ceil(n / 3) });
  });
});
