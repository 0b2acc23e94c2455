import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/engine/csv/index.js';
import { readCsv } from '../../src/engine/index.js';
import { runPlan, validatePlan, type Step } from '../../src/engine/plan/index.js';
import { mulberry32 } from '../../src/engine/values/random.js';

/** A small messy table with every column type, read through the real reader. */
const fixture = readCsv(
  new TextEncoder().encode(
    [
      'id,name,email,country,signup,amount,qty,status,phone,notes,active',
      '1,  Ann Lee ,ann@x.io,norway,2024-01-05,10.5,2,active,(555) 123-4567,"likes, commas",true',
      '2,bob STONE,,Norway,2024-02-11,,3,inactive,555.234.5678,,false',
      '3,Cara,cara@x.io,GERMANY,2023-12-31,7,1,pending,5553456789,"say ""hi""",true',
      '1,  Ann Lee ,ann@x.io,norway,2024-01-05,10.5,2,active,(555) 123-4567,"likes, commas",true',
      '4,dan,dan@x.io,Spain,,99.99,5,active,+1 555 987 6543,x,',
      '5,Eve,eve@x.io,spain,2024-03-01,0.1,10,inactive,,y,false',
      '6,Finn,finn@x.io,Norway,2024-03-02,0.2,4,pending,555-111-2222,=cmd,true',
    ].join('\n'),
  ),
).table;

/** Valid steps across the categories; random plans draw from them. */
const POOL: Step[] = [
  { op: 'sort_rows', params: { columns: ['amount'], ascending: false } },
  { op: 'sort_rows', params: { columns: ['country', 'id'] } },
  { op: 'filter_rows', params: { conditions: [{ column: 'status', operator: 'eq', value: 'inactive' }], keep: false } },
  { op: 'filter_rows', params: { conditions: [{ column: 'email', operator: 'isnull' }], keep: false } },
  { op: 'remove_duplicates', params: {} },
  { op: 'fill_blanks', params: { column: 'amount', method: 'value', value: 0 } },
  { op: 'fill_blanks', params: { column: 'email', method: 'forward' } },
  { op: 'sample_rows', params: { n: 4, seed: 7 } },
  { op: 'shuffle_rows', params: { seed: 3 } },
  { op: 'head_rows', params: { n: 5 } },
  { op: 'row_number', params: {} },
  { op: 'trim_whitespace', params: { columns: ['name'] } },
  { op: 'change_text_casing', params: { column: 'country', case: 'lower' } },
  { op: 'change_text_casing', params: { column: 'name', case: 'title' } },
  { op: 'round_numbers', params: { column: 'amount', decimals: 1 } },
  { op: 'rename_columns', params: { mapping: { notes: 'comment' } } },
  { op: 'remove_columns', params: { columns: ['notes'] } },
  { op: 'add_column', params: { name: 'source', value: 'import' } },
  { op: 'generate_uuid', params: { seed: 11 } },
  { op: 'extract_date_part', params: { column: 'signup', part: 'year' } },
  { op: 'date_add', params: { column: 'signup', amount: 1, unit: 'months' } },
  { op: 'format_phone', params: { column: 'phone', format: '(XXX) XXX-XXXX' } },
  { op: 'find_replace', params: { column: 'country', find: 'way', replace: 'WAY' } },
  { op: 'regex_replace', params: { column: 'phone', pattern: '\\D', replacement: '' } },
  { op: 'text_length', params: { column: 'name', new_column: 'name_length' } },
  { op: 'is_duplicate', params: { subset: ['email'] } },
  { op: 'detect_nulls', params: {} },
  { op: 'standardize_values', params: { column: 'country', mapping: { Norway: ['norway', 'NORWAY'] } } },
  { op: 'aggregate', params: { group_by: ['country'], aggregations: { amount: 'sum', qty: 'mean' } } },
  { op: 'math_operation', params: { column1: 'amount', column2: 'qty', operation: 'multiply', new_column: 'total' } },
  { op: 'percentage', params: { column: 'qty', new_column: 'qty_pct' } },
  { op: 'rank', params: { column: 'amount', new_column: 'amount_rank' } },
  { op: 'case_when', params: { cases: [{ condition: { column: 'qty', operator: 'gt', value: 3 }, result: 'big' }], default: 'small', new_column: 'size' } },
  { op: 'change_column_type', params: { column: 'qty', to_type: 'float' } },
  { op: 'coalesce', params: { columns: ['email', 'phone'], new_column: 'contact' } },
  { op: 'normalize_boolean', params: { column: 'active' } },
  { op: 'unpivot', params: { id_columns: ['id'], value_columns: ['amount', 'qty'] } },
];

const validAlone = POOL.filter((step) => validatePlan([step], fixture.schema).errors.length === 0);

const strip = (records: ReturnType<typeof runPlan>['steps']) => records.map(({ duration_ms: _d, ...rest }) => rest);

describe('determinism: the same input and steps give the same bytes', () => {
  it('has a broad pool of valid steps across categories', () => {
    const invalid = POOL.filter((s) => !validAlone.includes(s)).map((s) => `${s.op}: ${validatePlan([s], fixture.schema).errors[0]?.message}`);
    expect(invalid, invalid.join('\n')).toEqual([]);
  });

  it('runs 150 generated valid plans twice with byte-identical output and identical step records', () => {
    const rand = mulberry32(20261128);
    let ran = 0;
    for (let attempt = 0; ran < 150 && attempt < 2000; attempt++) {
      const length = 1 + Math.floor(rand() * 5);
      const steps = Array.from({ length }, () => validAlone[Math.floor(rand() * validAlone.length)]);
      if (validatePlan(steps, fixture.schema).errors.length > 0) continue;
      const first = runPlan(fixture, steps);
      const second = runPlan(fixture, steps);
      expect(second.ok).toBe(first.ok);
      expect(Buffer.from(writeCsv(second.table)).equals(Buffer.from(writeCsv(first.table))), JSON.stringify(steps)).toBe(true);
      expect(strip(second.steps)).toEqual(strip(first.steps));
      ran += 1;
    }
    expect(ran).toBe(150);
  });
});
