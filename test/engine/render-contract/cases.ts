/**
 * The fixture suite of the code-rendering contract (PRIMITIVES.md §1.6): every primitive, each of its modes, on
 * small tables that hold the awkward values (nulls, whitespace, case, duplicates, code-like text, fractional and
 * whole floats, dates with and without times). Inputs are CSV text; the engine and the rendered code both start
 * from the table the engine's reader makes of it.
 */
import type { Step } from '../../../src/engine/plan/index.js';

export interface TableFixture {
  id: string;
  name: string;
  csv: string;
}

export interface ContractCase {
  name: string;
  input: string;
  steps: Step[];
  tables?: TableFixture[];
  now?: string;
}

export const PEOPLE = `id,name,age,score,joined,city,active,code,phone,email,notes,tags
1, Alice ,34,88.5,2023-01-15,Boston,true,007,(555) 123-4567,alice@example.com,"Hello,  world",a;b;c
2,bob,,72.25,2023-03-02,boston,false,012,555.987.6543,bob@example,"  padded  ",b
3,Carol,29,,2022-12-31,,true,,15551234567,,NA,
4,dave o'neil-fox,41,91,2024-02-29,New York,,100,12345,dave@example.org,multi   space. next one! ok,c;a
5,Émile,34,60.125,,Boston,false,007,+44 20 7946 0958,emile@example.fr,ß straße,a
6,bob,,72.25,2023-03-02,boston,false,012,555.987.6543,bob@example,"  padded  ",b
7,Zoë 😀,18,100,2021-06-30,Zürich,true,9,555 123 4567,ZOE@EXAMPLE.COM,"tab\there",;;
8,\u00a0Σοφία ΟΔΟΣ,52,0.0000005,2020-02-29,Zürich\u00a0,true,0042,,sofia@example.gr,ΟΔΟΣ ΑΣ'Α\u2003end İstanbul,b;\u00a0c ;
`;

export const NUMS = `g,x,y,s,k
a,3,12.34, 5 ,p
b,1,0.1,x,q
a,3,,1e3,p
,,2.675,,q
b,2,-1.005,-2.5,
a,5,0.333333333333333,7,p
b,0,1250,0,q
b,4,1e-7,\u00a08\u00a0,q
a,6,3e21,1e400,p
`;

export const SALES = `region,product,month,amount,qty,rep
East,Widget,2024-01,100.5,3,ann
West,Gadget,2024-01,200,5,bob
East,Gadget,2024-02,,2,ann
North,Widget,2024-02,50.25,,cat
West,Widget,2024-03,300,7,bob
East,Widget,2024-03,100.5,3,ann
,Gizmo,2024-03,10,1,
`;

export const TIMES = `start,end,label,raw,day
2024-01-31 08:00:00,2024-02-29 20:30:00,a,31/01/2024,2024-01-31
2024-03-15 12:00:00,2024-03-14 00:00:00,b,15/03/2024,2024-02-29
,2024-05-01 00:00:00,c,not a date,
2023-12-25 23:59:59,2024-12-25 00:00:01,d,,2023-01-01
2024-06-30 00:00:00,2024-06-30 00:00:00,e,01/02/2024,2024-12-31
`;

/** Values at the edges: safe-integer limits, floats printed with exponents, milliseconds, quotes in names. */
export const EDGES = `id,big,f,at,"we""ird name",t
1,9007199254740991,1e16,2024-07-01 10:00:00.250,"a ""quoted"", text",x
2,-9007199254740991,1.5e-7,2024-07-01 23:59:59.999,it's,
3,0,-0.5,,,"line
break"
4,9007199254740000,123456789012.345,1999-12-31 00:00:00.000,Ünïcödé,z
5,-0,-0.0,2024-07-01 10:00:00.250,,x
`;

export const EMPTY = `a,b,n
`;

export const MESSY = `column_1,column_2,column_3
Monthly report,,
generated 2024-05-01,,
id,name,amount
1,ann,10
2,bob,20.5
3,,7
`;

export const FLAGS = `id,yes_no,status,level
1,Yes,active,HIGH
2,no,Active ,low
3,,inactive,Medium
4,maybe,ACTIVE,high
5,1,pending,
6,off,inactive,med
7,\u00a0Yes,\u00a0inactive\u2003,HIGH\u00a0
`;

const CUSTOMERS: TableFixture = {
  id: 't_customers',
  name: 'customers',
  csv: `city,region,rank,score
Boston,East,1,5.5
New York,East,2,7
Zürich,Europe,3,
boston,Lower,4,1.25
Boston,Again,5,2
`,
};

const ARCHIVE: TableFixture = {
  id: 't_archive',
  name: 'archive',
  csv: `id,name,age,extra
100,Old Timer,77,x
101, spaced ,,y
`,
};

const SALES_TARGETS: TableFixture = {
  id: 't_targets',
  name: 'targets',
  csv: `region,product,target
East,Widget,150
West,Gadget,180
North,Gizmo,20
South,Widget,5
`,
};

const MIXED: TableFixture = {
  id: 't_mixed',
  name: 'mixed',
  csv: `id,code,joined,active
x1,5,2020-01-01 10:00:00,yes
,-0,2021-05-05 00:00:00,
`,
};

const one = (name: string, input: string, op: string, params: Record<string, unknown> = {}, extra: Partial<ContractCase> = {}): ContractCase => ({
  name,
  input,
  steps: [{ op, params }],
  ...extra,
});

const cond = (column: string, operator: string, value?: unknown, more: Record<string, unknown> = {}) => ({ column, operator, ...(value === undefined ? {} : { value }), ...more });

export const CASES: ContractCase[] = [
  // ---- rows ----
  one('sort by integer', PEOPLE, 'sort_rows', { columns: ['age'] }),
  one('sort by text desc, nulls first', PEOPLE, 'sort_rows', { columns: ['city', 'score'], ascending: [true, false], na_position: 'first' }),
  one('sort by datetime desc', PEOPLE, 'sort_rows', { columns: ['joined'], ascending: false }),
  one('sort by code point text', PEOPLE, 'sort_rows', { columns: ['name'] }),
  one('filter gte', PEOPLE, 'filter_rows', { conditions: [cond('age', 'gte', 30)] }),
  one('filter eq folded', PEOPLE, 'filter_rows', { conditions: [cond('city', 'eq', 'BOSTON')] }),
  one('filter eq case-sensitive', PEOPLE, 'filter_rows', { conditions: [cond('city', 'eq', 'Boston', { case_sensitive: true })] }),
  one('filter ne match_null', PEOPLE, 'filter_rows', { conditions: [cond('city', 'ne', 'boston', { match_null: true })] }),
  one('filter regex', PEOPLE, 'filter_rows', { conditions: [cond('email', 'regex', '\\.(com|org)$')] }),
  one('filter isnull remove', PEOPLE, 'filter_rows', { conditions: [cond('age', 'isnull')], keep: false }),
  one('filter or, keep false', PEOPLE, 'filter_rows', { conditions: [cond('score', 'gt', 80), cond('active', 'eq', false)], logic: 'or', keep: false }),
  one('filter datetime', PEOPLE, 'filter_rows', { conditions: [cond('joined', 'gt', '2023-01-31')] }),
  one('filter text order', PEOPLE, 'filter_rows', { conditions: [cond('name', 'lt', 'c')] }),
  one('filter contains on integer', PEOPLE, 'filter_rows', { conditions: [cond('id', 'contains', 1)] }),
  one('filter startswith/endswith', PEOPLE, 'filter_rows', { conditions: [cond('email', 'startswith', 'B'), cond('email', 'endswith', 'example')], logic: 'or' }),
  one('filter in / between', PEOPLE, 'filter_rows', { conditions: [cond('code', 'in', ['007', '9']), cond('score', 'between', [60, 95])] }),
  one('filter not_in', PEOPLE, 'filter_rows', { conditions: [cond('age', 'not_in', [34, '18'])] }),
  one('filter contains, dotted capital I', PEOPLE, 'filter_rows', { conditions: [cond('notes', 'contains', 'istanbul')], keep: false }),
  one('filter contains, final sigma', PEOPLE, 'filter_rows', { conditions: [cond('notes', 'contains', 'ΟΔΟΣ ')] }),
  one('filter eq, final sigma', PEOPLE, 'filter_rows', { conditions: [cond('name', 'in', ['\u00a0σοφία οδος', 'bob'])] }),
  one('filter text order folded', PEOPLE, 'filter_rows', { conditions: [cond('notes', 'gte', 'MULTI')] }),
  one('filter boolean', PEOPLE, 'filter_rows', { conditions: [cond('active', 'eq', 'yes')] }),
  one('limit first', PEOPLE, 'limit_rows', { count: 2 }),
  one('limit last', PEOPLE, 'limit_rows', { count: 3, from_end: true }),
  one('limit all', PEOPLE, 'limit_rows', { count: 100 }),
  one('dedupe all columns', PEOPLE, 'remove_duplicates', {}),
  one('dedupe subset last', PEOPLE, 'remove_duplicates', { subset: ['city'], keep: 'last' }),
  one('dedupe none', PEOPLE, 'remove_duplicates', { subset: ['code'], keep: 'none' }),
  one('merge duplicates sum', SALES, 'merge_duplicates', { group_by: ['region'], aggregations: { amount: 'sum', qty: 'max' } }),
  one('merge duplicates concat default', SALES, 'merge_duplicates', { group_by: ['region', 'product'], default_agg: 'concat' }),
  one('merge duplicates mean default', SALES, 'merge_duplicates', { group_by: ['rep'], default_agg: 'mean' }),
  one('fill blanks value', PEOPLE, 'fill_blanks', { column: 'city', method: 'value', value: 'Unknown' }),
  one('fill blanks value widens', PEOPLE, 'fill_blanks', { column: 'age', method: 'value', value: 'n/a' }),
  one('fill blanks mean', PEOPLE, 'fill_blanks', { column: 'age', method: 'mean' }),
  one('fill blanks median', PEOPLE, 'fill_blanks', { column: 'score', method: 'median' }),
  one('fill blanks mode', PEOPLE, 'fill_blanks', { column: 'city', method: 'mode' }),
  one('fill blanks forward', PEOPLE, 'fill_blanks', { column: 'email', method: 'forward' }),
  one('fill blanks backward', PEOPLE, 'fill_blanks', { column: 'tags', method: 'backward' }),
  one('add rows bottom', PEOPLE, 'add_rows', { rows: [{ id: 8, name: 'Zed', extra: 'x' }, { age: 2.5 }] }),
  one('add rows top', PEOPLE, 'add_rows', { rows: [{ id: 0, joined: '2020-01-01', flag: true }], position: 'top' }),
  one('sample n', PEOPLE, 'sample_rows', { n: 3, seed: 42 }),
  one('sample fraction with replacement', PEOPLE, 'sample_rows', { fraction: 0.5, seed: 7, replace: true }),
  one('sample default', PEOPLE, 'sample_rows', { seed: 1 }),
  one('offset', PEOPLE, 'offset_rows', { offset: 2 }),
  one('offset all', PEOPLE, 'offset_rows', { offset: 50 }),
  one('head', PEOPLE, 'head_rows', { n: 3 }),
  one('head default', PEOPLE, 'head_rows', {}),
  one('tail', PEOPLE, 'tail_rows', { n: 2 }),
  one('shuffle', PEOPLE, 'shuffle_rows', { seed: 42 }),
  one('row number', PEOPLE, 'row_number', {}),
  one('row number start 0', PEOPLE, 'row_number', { new_column: 'rn', start: 0 }),
  one('row number partitioned', PEOPLE, 'row_number', { new_column: 'rn', start: 5, partition_by: 'city' }),
  one('explode literal', PEOPLE, 'explode_column', { column: 'tags', delimiter: ';' }),
  one('explode regex', PEOPLE, 'explode_column', { column: 'notes', delimiter: '\\s+', regex: true, trim: false }),
  one('explode integer column', PEOPLE, 'explode_column', { column: 'id', delimiter: ',' }),

  // ---- columns ----
  one('select columns', PEOPLE, 'select_columns', { columns: ['name', 'id'] }),
  one('remove columns', PEOPLE, 'remove_columns', { columns: ['notes', 'missing', 'tags'] }),
  one('rename swap', PEOPLE, 'rename_columns', { mapping: { name: 'id', id: 'name' } }),
  one('rename', PEOPLE, 'rename_columns', { mapping: { joined: 'joined_on', city: 'City Name' } }),
  one('reorder', PEOPLE, 'reorder_columns', { order: ['city', 'id'] }),
  one('reorder strict', PEOPLE, 'reorder_columns', { order: ['email', 'name'], strict: true }),
  one('add column text', PEOPLE, 'add_column', { name: 'src', value: 'web' }),
  one('add column int at index', PEOPLE, 'add_column', { name: 'n', value: 5, position: 1 }),
  one('add column float at start', PEOPLE, 'add_column', { name: 'f', value: 1.5, position: 'start' }),
  one('add column bool negative position', PEOPLE, 'add_column', { name: 'b', value: true, position: -1 }),
  one('add column null', PEOPLE, 'add_column', { name: 'nothing' }),
  one('add column copy', PEOPLE, 'add_column', { name: 'joined2', from_column: 'joined', position: 99 }),
  one('add column numeric-looking text', PEOPLE, 'add_column', { name: 'z', value: '007' }),
  one('split column', PEOPLE, 'split_column', { column: 'email', delimiter: '@', new_columns: ['user', 'domain'] }),
  one('split column remainder keep', PEOPLE, 'split_column', { column: 'tags', delimiter: ';', new_columns: ['t1', 't2'], keep_original: true }),
  one('split column regex', PEOPLE, 'split_column', { column: 'phone', delimiter: '[ .-]', new_columns: ['p1', 'p2', 'p3'], regex: true }),
  one('merge columns', PEOPLE, 'merge_columns', { columns: ['city', 'name'], new_column: 'who', separator: ', ' }),
  one('merge columns keep', PEOPLE, 'merge_columns', { columns: ['age', 'score', 'joined'], new_column: 'mix', keep_original: true }),
  one('copy column', PEOPLE, 'copy_column', { source: 'joined', destination: 'j2' }),
  one('copy float column', NUMS, 'copy_column', { source: 'y', destination: 'y2' }),
  one('change type to string', PEOPLE, 'change_column_type', { column: 'score', to_type: 'string' }),
  one('change type to integer', PEOPLE, 'change_column_type', { column: 'score', to_type: 'integer' }),
  one('change type to float', NUMS, 'change_column_type', { column: 's', to_type: 'float' }),
  one('change type to boolean', FLAGS, 'change_column_type', { column: 'yes_no', to_type: 'boolean' }),
  one('change type ignore', NUMS, 'change_column_type', { column: 's', to_type: 'integer', errors: 'ignore' }),
  one('change type to datetime', TIMES, 'change_column_type', { column: 'raw', to_type: 'datetime', date_format: '%d/%m/%Y' }),
  one('change type datetime to string', TIMES, 'change_column_type', { column: 'start', to_type: 'string' }),
  one('coalesce', PEOPLE, 'coalesce', { columns: ['age', 'score'], new_column: 'c', default: 0 }),
  one('coalesce in place text', PEOPLE, 'coalesce', { columns: ['email', 'city'], new_column: 'email' }),
  one('coalesce mixed types', PEOPLE, 'coalesce', { columns: ['joined', 'name'], new_column: 'jn' }),
  one('replace null all', PEOPLE, 'replace_null', { value: 'n/a' }),
  one('replace null integer', PEOPLE, 'replace_null', { columns: ['age'], value: 0 }),
  one('replace null float into integer', PEOPLE, 'replace_null', { columns: ['age', 'score'], value: 0.5 }),
  one('concat skip null', PEOPLE, 'concat_columns', { columns: ['name', 'city', 'age'], new_column: 'nc', separator: '-' }),
  one('concat keep null places', PEOPLE, 'concat_columns', { columns: ['city', 'code'], new_column: 'cc', separator: ',', skip_null: false }),
  one('concat floats', NUMS, 'concat_columns', { columns: ['x', 'y'], new_column: 'xy', separator: '|' }),
  one('uuid4', PEOPLE, 'generate_uuid', { seed: 42 }),
  one('uuid short prefixed', PEOPLE, 'generate_uuid', { new_column: 'ref', format: 'short', prefix: 'ID-', seed: 7 }),
  one('uuid1', PEOPLE, 'generate_uuid', { format: 'uuid1', seed: 1 }, { now: '2024-05-01T12:00:00.000Z' }),
  one('fill forward', PEOPLE, 'fill_forward', { columns: ['age', 'city'] }),
  one('fill forward grouped limit', SALES, 'fill_forward', { group_by: 'rep', limit: 1 }),
  one('fill backward all', PEOPLE, 'fill_backward', {}),
  one('fill backward grouped', SALES, 'fill_backward', { columns: ['amount'], group_by: ['region'] }),

  // ---- format ----
  one('format date', PEOPLE, 'format_date', { column: 'joined', output_format: '%d/%m/%Y' }),
  one('format date from text day first', TIMES, 'format_date', { column: 'raw', output_format: '%B %d, %Y' }),
  one('format date with time', TIMES, 'format_date', { column: 'start', output_format: '%Y-%m-%d %H:%M' }),
  one('format phone', PEOPLE, 'format_phone', { column: 'phone' }),
  one('format phone +1', PEOPLE, 'format_phone', { column: 'phone', format: '+1 XXX-XXX-XXXX' }),
  one('format phone digits', PEOPLE, 'format_phone', { column: 'phone', format: 'XXXXXXXXXX', country_code: '44' }),
  one('casing lower', PEOPLE, 'change_text_casing', { column: 'name', case: 'lower' }),
  one('casing upper', PEOPLE, 'change_text_casing', { column: 'notes', case: 'upper' }),
  one('casing title', PEOPLE, 'change_text_casing', { column: 'name', case: 'title' }),
  one('casing sentence', PEOPLE, 'change_text_casing', { column: 'notes', case: 'sentence' }),
  one('casing upper non-text', PEOPLE, 'change_text_casing', { column: 'active', case: 'upper' }),
  one('casing lower float', NUMS, 'change_text_casing', { column: 'y', case: 'lower' }),
  one('trim all', PEOPLE, 'trim_whitespace', {}),
  one('trim leading', PEOPLE, 'trim_whitespace', { columns: ['name', 'notes', 'age'], trim_type: 'leading' }),
  one('trim trailing', PEOPLE, 'trim_whitespace', { columns: ['notes'], trim_type: 'trailing' }),
  one('trim both', PEOPLE, 'trim_whitespace', { columns: ['notes', 'name'], trim_type: 'both' }),
  one('trim none', PEOPLE, 'trim_whitespace', { columns: [] }),
  one('standardize', PEOPLE, 'standardize_values', { column: 'city', mapping: { Boston: ['boston', 'BOS'], 'New York': ['NYC'] } }),
  one('standardize case-sensitive', PEOPLE, 'standardize_values', { column: 'city', mapping: { BOS: ['boston'] }, case_sensitive: true }),
  one('standardize numbers', PEOPLE, 'standardize_values', { column: 'age', mapping: { thirty: [29, 34] } }),

  // ---- text ----
  one('find replace literal', PEOPLE, 'find_replace', { column: 'notes', find: '  ', replace: ' ' }),
  one('find replace to null', PEOPLE, 'find_replace', { column: 'notes', find: 'NA', replace: '' }),
  one('find replace case-insensitive', PEOPLE, 'find_replace', { column: 'email', find: 'EXAMPLE', replace: '$&x', case_sensitive: false }),
  one('find replace regex', PEOPLE, 'find_replace', { column: 'phone', find: '\\D', replace: '', use_regex: true }),
  one('find replace on integer', PEOPLE, 'find_replace', { column: 'age', find: '3', replace: 'three' }),
  one('extract position', PEOPLE, 'extract_text', { column: 'email', new_column: 'first3', method: 'position', start: 0, end: 3 }),
  one('extract negative position', PEOPLE, 'extract_text', { column: 'name', new_column: 'last2', method: 'position', start: -2 }),
  one('extract regex', PEOPLE, 'extract_text', { column: 'email', new_column: 'dom', method: 'regex', pattern: '@([a-z]+)' }),
  one('extract before', PEOPLE, 'extract_text', { column: 'email', new_column: 'user', method: 'before', delimiter: '@' }),
  one('extract after', PEOPLE, 'extract_text', { column: 'tags', new_column: 'rest', method: 'after', delimiter: ';' }),
  one('extract between', PEOPLE, 'extract_text', { column: 'phone', new_column: 'area', method: 'between', delimiter: '(', delimiter2: ')' }),
  one('text length', PEOPLE, 'text_length', { column: 'name', new_column: 'len' }),
  one('text length no spaces', PEOPLE, 'text_length', { column: 'notes', new_column: 'len', count_spaces: false }),
  one('text length float', NUMS, 'text_length', { column: 'y', new_column: 'len' }),
  one('text length integer', PEOPLE, 'text_length', { column: 'id', new_column: 'len' }),
  one('pad left', PEOPLE, 'pad_text', { column: 'code', length: 5 }),
  one('pad right', PEOPLE, 'pad_text', { column: 'name', length: 8, pad_char: '*', side: 'right' }),
  one('pad integer', PEOPLE, 'pad_text', { column: 'age', length: 4 }),
  one('pad float', NUMS, 'pad_text', { column: 'y', length: 6, pad_char: '_' }),
  one('pad astral', PEOPLE, 'pad_text', { column: 'name', length: 7, pad_char: '😀' }),
  one('remove characters listed', PEOPLE, 'remove_characters', { column: 'phone', characters: '()-. ' }),
  one('remove digits', PEOPLE, 'remove_characters', { column: 'phone', remove_type: 'digits' }),
  one('remove letters', PEOPLE, 'remove_characters', { column: 'name', remove_type: 'letters' }),
  one('remove punctuation', PEOPLE, 'remove_characters', { column: 'notes', remove_type: 'punctuation' }),
  one('remove whitespace', PEOPLE, 'remove_characters', { column: 'notes', remove_type: 'whitespace' }),
  one('remove special characters', PEOPLE, 'remove_characters', { column: 'name', characters: "😀^]-\\'%_" }),
  one('remove characters from integer', PEOPLE, 'remove_characters', { column: 'id', characters: '1' }),
  one('contains', PEOPLE, 'string_contains', { column: 'email', substring: 'EXAMPLE.c' }),
  one('contains case-sensitive', PEOPLE, 'string_contains', { column: 'email', substring: 'example', case_sensitive: true, new_column: 'has' }),
  one('contains final sigma', PEOPLE, 'string_contains', { column: 'name', substring: 'ΟΔΟΣ', new_column: 'greek' }),
  one('contains LIKE wildcards', PEOPLE, 'string_contains', { column: 'notes', substring: '%_', new_column: 'pct' }),
  one('contains regex', PEOPLE, 'string_contains', { column: 'phone', substring: '^\\d+$', regex: true }),
  one('contains on float', NUMS, 'string_contains', { column: 'y', substring: '.3' }),
  one('substring', PEOPLE, 'substring', { column: 'name', start: 1, length: 3 }),
  one('substring negative', PEOPLE, 'substring', { column: 'email', start: -3, new_column: 'tld' }),
  one('substring integer', PEOPLE, 'substring', { column: 'phone', start: 0, length: 4, new_column: 'p4' }),
  one('substring astral', PEOPLE, 'substring', { column: 'name', start: 4, length: 1, new_column: 'ch' }),
  one('regex replace', PEOPLE, 'regex_replace', { column: 'phone', pattern: '\\D', replacement: '' }),
  one('regex replace groups new column', PEOPLE, 'regex_replace', { column: 'email', pattern: '^(\\w+)@(.*)$', replacement: '$2/$1', new_column: 'swapped' }),
  one('regex replace insensitive', PEOPLE, 'regex_replace', { column: 'city', pattern: 'BOSTON', replacement: 'BOS', case_sensitive: false }),
  one('regex extract', PEOPLE, 'regex_extract', { column: 'email', pattern: '@(\\w+)\\.(\\w+)', new_column: 'tld', group: 2 }),
  one('regex extract whole', PEOPLE, 'regex_extract', { column: 'notes', pattern: '[a-z]+', new_column: 'word', case_sensitive: false }),

  // ---- calculate ----
  one('math add value', NUMS, 'math_operation', { new_column: 'o', operation: 'add', column1: 'x', value: 2 }),
  one('math multiply columns', NUMS, 'math_operation', { new_column: 'o', operation: 'multiply', column1: 'y', column2: 'x' }),
  one('math divide by column with zero', NUMS, 'math_operation', { new_column: 'o', operation: 'divide', column1: 'y', column2: 'x' }),
  one('math subtract text', NUMS, 'math_operation', { new_column: 's', operation: 'subtract', column1: 's', value: 0.1 }),
  one('math divide value', NUMS, 'math_operation', { new_column: 'x', operation: 'divide', column1: 'x', value: 3 }),
  one('round 2', NUMS, 'round_numbers', { column: 'y', decimals: 2 }),
  one('round -1', NUMS, 'round_numbers', { column: 'y', decimals: -1 }),
  one('round integer column', NUMS, 'round_numbers', { column: 'x', decimals: 2 }),
  one('round text column', NUMS, 'round_numbers', { column: 's' }),
  one('round ceil', NUMS, 'round_numbers', { column: 'y', decimals: 1, method: 'ceil' }),
  one('percentage of total', NUMS, 'percentage', { column: 'x', new_column: 'pct' }),
  one('percentage ratio', NUMS, 'percentage', { column: 'y', new_column: 'r', mode: 'ratio', denominator_column: 'x', multiply_by_100: false }),
  one('running total', NUMS, 'running_total', { column: 'x', new_column: 'rt' }),
  one('running total grouped float', NUMS, 'running_total', { column: 'y', new_column: 'rt', group_by: 'g' }),
  one('rank dense', NUMS, 'rank', { column: 'x', new_column: 'r' }),
  one('rank average desc', NUMS, 'rank', { column: 'x', new_column: 'r', method: 'average', ascending: false }),
  one('rank min grouped', NUMS, 'rank', { column: 'y', new_column: 'r', method: 'min', group_by: 'g' }),
  one('rank max', NUMS, 'rank', { column: 'x', new_column: 'r', method: 'max' }),
  one('rank first desc', NUMS, 'rank', { column: 'x', new_column: 'r', method: 'first', ascending: false }),
  one('rank text', PEOPLE, 'rank', { column: 'name', new_column: 'r', method: 'min' }),
  one('conditional value', NUMS, 'conditional_value', { new_column: 'size', conditions: [{ column: 'x', operator: 'gt', compare_value: 2, value: 'big' }, { column: 'g', operator: 'eq', compare_value: 'B', value: 'b-small' }], default: 'small' }),
  one('conditional value in place', NUMS, 'conditional_value', { new_column: 'x', conditions: [{ column: 'x', operator: 'isnull', value: -1 }] }),
  one('conditional value regex', PEOPLE, 'conditional_value', { new_column: 'corp', conditions: [{ column: 'email', operator: 'regex', compare_value: '\\.org$', value: true }], default: false }),
  one('floor', NUMS, 'floor_ceil', { column: 'y', method: 'floor', precision: 2 }),
  one('ceil text', NUMS, 'floor_ceil', { column: 's', method: 'ceil' }),
  one('bin edges', NUMS, 'bin_values', { column: 'y', bins: ['-inf', 0, 1, 'inf'] }),
  one('bin count', NUMS, 'bin_values', { column: 'x', bins: 3, new_column: 'b' }),
  one('bin labels', NUMS, 'bin_values', { column: 'y', bins: [-2, 0, 10, 2000], labels: ['neg', 'small', 'big'], include_lowest: false }),
  one('absolute', NUMS, 'absolute_value', { column: 'y' }),
  one('absolute text new', NUMS, 'absolute_value', { column: 's', new_column: 'abs_s' }),
  one('is between', NUMS, 'is_between', { column: 'y', min_value: 0, max_value: 10 }),
  one('is between neither text', NUMS, 'is_between', { column: 's', min_value: '-3', max_value: 7, inclusive: 'neither' }),
  one('is between dates', TIMES, 'is_between', { column: 'day', min_value: '2024-01-31', max_value: '2024-06-30', inclusive: 'left', new_column: 'in' }),
  one('case when', NUMS, 'case_when', { new_column: 'label', cases: [{ condition: { column: 'g', value: 'A' }, result: 'first' }, { condition: { column: 'y', operator: 'lt', value: 1 }, result: 'tiny' }], default: 'other' }),
  one('case when in place', NUMS, 'case_when', { new_column: 'x', cases: [{ condition: { column: 'g', value: 'b' }, result: 0.5 }] }),
  one('dense rank', NUMS, 'dense_rank', { column: 'x' }),
  one('dense rank partitioned desc', NUMS, 'dense_rank', { column: 'y', partition_by: 'g', ascending: false }),
  one('ntile', NUMS, 'ntile', { n: 3, order_by: 'y' }),
  one('ntile partitioned', NUMS, 'ntile', { n: 2, order_by: 'x', partition_by: 'g', ascending: false }),
  one('lag', NUMS, 'lag', { column: 'x' }),
  one('lag default partitioned', NUMS, 'lag', { column: 'y', partition_by: 'g', default: 0 }),
  one('lag ordered offset 2', NUMS, 'lag', { column: 'g', order_by: 'y', offset: 2, default: 'none' }),
  one('lead', NUMS, 'lead', { column: 'y' }),
  one('lead negative', NUMS, 'lead', { column: 'x', offset: -1, new_column: 'back' }),
  one('moving average', NUMS, 'moving_average', { column: 'y', window: 2 }),
  one('moving average centred', NUMS, 'moving_average', { column: 'x', window: 3, min_periods: 2, center: true, partition_by: 'g' }),
  one('percent rank', NUMS, 'percent_rank', { column: 'y' }),
  one('percent rank partitioned desc', NUMS, 'percent_rank', { column: 'x', partition_by: 'g', ascending: false }),
  one('first value', NUMS, 'first_value', { column: 'y', partition_by: 'g' }),
  one('first value ordered ignore nulls', NUMS, 'first_value', { column: 'y', partition_by: ['k'], order_by: 'x', ascending: false, ignore_nulls: true }),

  // ---- tables ----
  one('join left', PEOPLE, 'join_tables', { right_table: 'customers', left_on: 'city', right_on: 'city' }, { tables: [CUSTOMERS] }),
  one('join inner by id', PEOPLE, 'join_tables', { right_table: 't_customers', left_on: ['city'], right_on: ['city'], how: 'inner' }, { tables: [CUSTOMERS] }),
  one('join right', PEOPLE, 'join_tables', { right_table: 'customers', left_on: 'city', right_on: 'city', how: 'right' }, { tables: [CUSTOMERS] }),
  one('join outer suffixes', PEOPLE, 'join_tables', { right_table: 'customers', left_on: 'city', right_on: 'city', how: 'outer', suffixes: ['_p', '_c'] }, { tables: [CUSTOMERS] }),
  one('join keys as text', PEOPLE, 'join_tables', { right_table: 'customers', left_on: 'id', right_on: 'rank' }, { tables: [CUSTOMERS] }),
  one('join two keys', SALES, 'join_tables', { right_table: 'targets', left_on: ['region', 'product'], right_on: ['region', 'product'], how: 'outer' }, { tables: [SALES_TARGETS] }),
  one('join keys compared as text', PEOPLE, 'join_tables', { right_table: 'mixed', left_on: 'code', right_on: 'code', how: 'outer' }, { tables: [MIXED] }),
  one('join integer with text keys', PEOPLE, 'join_tables', { right_table: 'mixed', left_on: 'id', right_on: 'code', how: 'inner' }, { tables: [MIXED] }),
  one('lookup text keys', EDGES, 'lookup', { lookup_table: 'mixed', lookup_column: 't', lookup_key: 'id', return_columns: ['joined', 'active'] }, { tables: [MIXED] }),
  one('lookup integer with text keys', EDGES, 'lookup', { lookup_table: 'mixed', lookup_column: 'big', lookup_key: 'code', return_columns: ['joined', 'active'], default_value: 'none' }, { tables: [MIXED] }),
  one('union with type conflicts', PEOPLE, 'union_tables', { other_tables: ['mixed'] }, { tables: [MIXED] }),
  one('union all columns with type conflicts', PEOPLE, 'union_tables', { other_tables: ['mixed'], match_columns: false }, { tables: [MIXED] }),
  one('union matched', PEOPLE, 'union_tables', { other_tables: ['archive'] }, { tables: [ARCHIVE] }),
  one('union all columns', PEOPLE, 'union_tables', { other_tables: ['archive', 'customers'], match_columns: false }, { tables: [ARCHIVE, CUSTOMERS] }),
  one('lookup', PEOPLE, 'lookup', { lookup_table: 'customers', lookup_column: 'city', lookup_key: 'city', return_columns: ['region', 'rank'] }, { tables: [CUSTOMERS] }),
  one('lookup default', PEOPLE, 'lookup', { lookup_table: 'customers', lookup_column: 'id', lookup_key: 'rank', return_columns: ['region'], default_value: 'none' }, { tables: [CUSTOMERS] }),

  // ---- groups ----
  one('aggregate', SALES, 'aggregate', { group_by: ['region'], aggregations: { amount: 'sum', qty: ['mean', 'count', 'max'] } }),
  one('aggregate whole table', SALES, 'aggregate', { group_by: [], aggregations: { amount: ['sum', 'mean', 'min'], rep: 'nunique' } }),
  one('aggregate two keys', SALES, 'aggregate', { group_by: ['product', 'month'], aggregations: { amount: 'mean', rep: ['first', 'last', 'count'] } }),
  one('pivot', SALES, 'pivot', { index: 'region', columns: 'month', values: 'amount' }),
  one('pivot list mean no fill', SALES, 'pivot', { index: ['product'], columns: 'region', values: ['qty'], aggfunc: 'mean', fill_value: null }),
  one('pivot count', SALES, 'pivot', { index: 'rep', columns: 'product', values: 'amount', aggfunc: 'count' }),
  one('unpivot', SALES, 'unpivot', { id_columns: ['region', 'product'], value_columns: ['amount', 'qty'] }),
  one('unpivot all', NUMS, 'unpivot', { id_columns: [], var_name: 'col', value_name: 'val' }),

  // ---- dates ----
  one('date part year', PEOPLE, 'extract_date_part', { column: 'joined', part: 'year' }),
  one('date part week', PEOPLE, 'extract_date_part', { column: 'joined', part: 'week' }),
  one('date part dayofweek', PEOPLE, 'extract_date_part', { column: 'joined', part: 'dayofweek' }),
  one('date part quarter', TIMES, 'extract_date_part', { column: 'start', part: 'quarter' }),
  one('date part dayofyear', TIMES, 'extract_date_part', { column: 'end', part: 'dayofyear' }),
  one('date part hour', TIMES, 'extract_date_part', { column: 'start', part: 'hour', new_column: 'h' }),
  one('date part minute', TIMES, 'extract_date_part', { column: 'end', part: 'minute' }),
  one('date part second', TIMES, 'extract_date_part', { column: 'start', part: 'second' }),
  one('date part month day', TIMES, 'extract_date_part', { column: 'day', part: 'day' }),
  one('date part weekday name', TIMES, 'extract_date_part', { column: 'day', part: 'weekday_name' }),
  one('date part month name from text', TIMES, 'extract_date_part', { column: 'raw', part: 'month_name' }),
  one('date part month from text', TIMES, 'extract_date_part', { column: 'raw', part: 'month', day_first: true }),
  one('date diff days', TIMES, 'date_diff', { start_column: 'start', end_column: 'end' }),
  one('date diff weeks', TIMES, 'date_diff', { start_column: 'start', end_column: 'end', unit: 'weeks' }),
  one('date diff months', TIMES, 'date_diff', { start_column: 'start', end_column: 'end', unit: 'months' }),
  one('date diff years absolute', TIMES, 'date_diff', { start_column: 'end', end_column: 'start', unit: 'years', absolute: true }),
  one('date diff hours', TIMES, 'date_diff', { start_column: 'start', end_column: 'end', unit: 'hours' }),
  one('date diff minutes', TIMES, 'date_diff', { start_column: 'start', end_column: 'end', unit: 'minutes' }),
  one('date diff seconds', TIMES, 'date_diff', { start_column: 'start', end_column: 'end', unit: 'seconds', new_column: 'secs' }),
  one('date diff text', TIMES, 'date_diff', { start_column: 'raw', end_column: 'day' }),
  one('date add days', TIMES, 'date_add', { column: 'day', amount: 10 }),
  one('date add months clamp', TIMES, 'date_add', { column: 'day', amount: 1, unit: 'months', new_column: 'next' }),
  one('date add years', TIMES, 'date_add', { column: 'day', amount: -1, unit: 'years' }),
  one('date add weeks', TIMES, 'date_add', { column: 'start', amount: 2, unit: 'weeks' }),
  one('date add hours', TIMES, 'date_add', { column: 'day', amount: 5, unit: 'hours' }),
  one('date add minutes', TIMES, 'date_add', { column: 'end', amount: -90, unit: 'minutes' }),
  one('date add text', TIMES, 'date_add', { column: 'raw', amount: 1, unit: 'days' }),

  // ---- quality ----
  one('detect nulls', PEOPLE, 'detect_nulls', {}),
  one('detect nulls flags', PEOPLE, 'detect_nulls', { columns: ['age', 'city'], add_null_flag: true, add_null_count: true, threshold: 0.1 }),
  one('detect nulls count only', PEOPLE, 'detect_nulls', { add_null_count: true }),
  one('profile column', PEOPLE, 'profile_column', { column: 'score' }),
  one('profile text column', PEOPLE, 'profile_column', { column: 'city', include_top_values: true, top_n: 2 }),
  one('validate pattern report', PEOPLE, 'validate_pattern', { column: 'email', pattern_type: 'email' }),
  one('validate pattern flag', PEOPLE, 'validate_pattern', { column: 'code', pattern: '\\d{3}', add_valid_flag: true }),
  one('is duplicate', PEOPLE, 'is_duplicate', {}),
  one('is duplicate subset none', PEOPLE, 'is_duplicate', { subset: ['city'], keep: 'none', new_column: 'dup' }),
  one('is duplicate last', PEOPLE, 'is_duplicate', { subset: ['code', 'active'], keep: 'last' }),
  one('detect header report', MESSY, 'detect_header', {}),
  one('detect header apply', MESSY, 'detect_header', { apply_header: true, expected_columns: ['id', 'name'] }),
  one('validate schema', PEOPLE, 'validate_schema', { expected_columns: ['id', 'Name', 'missing'], expected_types: { id: 'int', joined: 'date' }, allow_extra_columns: false }),
  one('infer types report', NUMS, 'infer_types', {}),
  one('infer types apply', FLAGS, 'infer_types', { apply_conversion: true }),
  one('infer types apply text numbers', NUMS, 'infer_types', { columns: ['s', 'k'], apply_conversion: true }),
  one('compare schemas', PEOPLE, 'compare_schemas', { expected_columns: ['id', 'name', 'zip'], expected_types: { age: 'float' }, expected_nullable: { age: false } }),
  one('detect renamed', PEOPLE, 'detect_renamed_columns', { expected_columns: ['id', 'full_name', 'e_mail'] }),
  one('enum drift report', FLAGS, 'detect_enum_drift', { column: 'status', expected_values: ['active', 'inactive'] }),
  one('enum drift flag', FLAGS, 'detect_enum_drift', { column: 'level', expected_values: ['high', 'low', 'medium'], case_sensitive: true, add_drift_flag: true }),
  one('format drift', PEOPLE, 'detect_format_drift', { column: 'email', format_type: 'email' }),
  one('format drift custom', PEOPLE, 'detect_format_drift', { column: 'phone', expected_format: '^\\d+$' }),
  one('distribution drift stats', NUMS, 'detect_distribution_drift', { column: 'y', baseline_stats: { mean: 100, std: 5 } }),
  one('distribution drift shares', PEOPLE, 'detect_distribution_drift', { column: 'city', baseline_distribution: { Boston: 0.5, boston: 0.5 } }),
  one('normalize boolean', FLAGS, 'normalize_boolean', { column: 'yes_no' }),
  one('normalize boolean integer out', FLAGS, 'normalize_boolean', { column: 'yes_no', output_format: 'integer', null_handling: 'false', true_values: ['maybe'] }),
  one('normalize boolean string out', FLAGS, 'normalize_boolean', { column: 'yes_no', output_format: 'string', null_handling: 'true' }),
  one('normalize enum keep', FLAGS, 'normalize_enum_values', { column: 'status', mapping: { active: ['ACTIVE'], inactive: [] } }),
  one('normalize enum null', FLAGS, 'normalize_enum_values', { column: 'level', mapping: { high: [], low: [], medium: ['med'] }, unmapped_handling: 'null' }),
  one('normalize enum error (all mapped)', FLAGS, 'normalize_enum_values', { column: 'level', mapping: { high: [], low: [], medium: ['med'], none: [] }, unmapped_handling: 'error' }),
  one('drift report', PEOPLE, 'generate_drift_report', { expected_columns: ['id', 'name', 'zip'], expected_types: { age: 'string' }, enum_columns: { city: ['Boston'] }, baseline_stats: { score: { mean: 50 } } }),

  // ---- edge values ----
  one('edges: sort big and exponent floats', EDGES, 'sort_rows', { columns: ['f'], ascending: false }),
  one('edges: add past the safe range', EDGES, 'math_operation', { new_column: 'o', operation: 'add', column1: 'big', value: 10 }),
  one('edges: multiply floats', EDGES, 'math_operation', { new_column: 'o', operation: 'multiply', column1: 'f', column2: 'big' }),
  one('edges: running total of big integers', EDGES, 'running_total', { column: 'big', new_column: 'rt' }),
  one('edges: round big', EDGES, 'round_numbers', { column: 'big', decimals: -3 }),
  one('edges: text length of integers', EDGES, 'text_length', { column: 'big', new_column: 'len' }),
  one('edges: pad integers', EDGES, 'pad_text', { column: 'big', length: 20, pad_char: '0' }),
  one('edges: concat integers and text', EDGES, 'concat_columns', { columns: ['big', 't'], new_column: 'c', separator: '|' }),
  one('edges: rank floats', EDGES, 'rank', { column: 'f', new_column: 'r', method: 'average' }),
  one('edges: percentage of big', EDGES, 'percentage', { column: 'big', new_column: 'p' }),
  one('edges: date part of ms datetimes', EDGES, 'extract_date_part', { column: 'at', part: 'second' }),
  one('edges: date add to ms datetimes', EDGES, 'date_add', { column: 'at', amount: 1, unit: 'hours' }),
  one('edges: date diff with ms', EDGES, 'date_diff', { start_column: 'at', end_column: 'at', unit: 'seconds' }),
  one('edges: filter datetime with ms', EDGES, 'filter_rows', { conditions: [cond('at', 'gte', '2024-07-01 10:00:00.250')] }),
  one('edges: quoted column name', EDGES, 'filter_rows', { conditions: [cond('we"ird name', 'contains', '"')] }),
  one('edges: add column with a quote in its name', EDGES, 'add_column', { name: 'a"b', value: "it's" }),
  one('edges: rename a quoted name', EDGES, 'rename_columns', { mapping: { 'we"ird name': "it's" } }),
  one('edges: standardize with apostrophes', EDGES, 'standardize_values', { column: 'we"ird name', mapping: { "it is": ["it's"] } }),
  one('edges: replace newline text', EDGES, 'find_replace', { column: 't', find: '\n', replace: ' ' }),
  one('edges: line separator in a condition', EDGES, 'filter_rows', { conditions: [cond('t', 'contains', '\u2028')], keep: false }),
  one('edges: dedupe zero and minus zero', EDGES, 'remove_duplicates', { subset: ['big'] }),
  one('edges: dedupe floats', EDGES, 'remove_duplicates', { subset: ['f'] }),
  one('edges: lag datetimes', EDGES, 'lag', { column: 'at' }),
  one('edges: first value datetime', EDGES, 'first_value', { column: 'at', partition_by: 't' }),
  one('edges: coalesce datetime with default', EDGES, 'coalesce', { columns: ['at'], new_column: 'at2', default: '2000-01-01' }),
  one('edges: fill datetime blanks', EDGES, 'fill_blanks', { column: 'at', method: 'value', value: '2000-01-01 00:00:00' }),
  one('edges: aggregate datetimes', EDGES, 'aggregate', { group_by: [], aggregations: { at: ['min', 'max', 'count'], f: ['sum', 'mean', 'median', 'std'] } }),
  one('edges: is between big', EDGES, 'is_between', { column: 'big', min_value: -1, max_value: 9007199254740991 }),
  one('edges: unpivot mixed', EDGES, 'unpivot', { id_columns: ['id'], value_columns: ['big', 'f'] }),
  one('empty: aggregate whole table', EMPTY, 'aggregate', { group_by: [], aggregations: { n: ['count', 'nunique', 'first', 'concat'] } }),
  one('empty: aggregate grouped', EMPTY, 'aggregate', { group_by: ['a'], aggregations: { n: 'count' } }),
  one('empty: filter', EMPTY, 'filter_rows', { conditions: [cond('a', 'eq', 'x')] }),
  one('empty: sort', EMPTY, 'sort_rows', { columns: ['b'] }),
  one('empty: row number', EMPTY, 'row_number', {}),
  one('empty: add rows', EMPTY, 'add_rows', { rows: [{ a: 'x', n: 1 }] }),
  one('empty: unpivot', EMPTY, 'unpivot', { id_columns: ['a'] }),
  one('empty: percentage', EMPTY, 'percentage', { column: 'n', new_column: 'p' }),
  one('empty: join', EMPTY, 'join_tables', { right_table: 'customers', left_on: 'a', right_on: 'city', how: 'outer' }, { tables: [CUSTOMERS] }),
  one('empty: detect nulls', EMPTY, 'detect_nulls', { add_null_flag: true }),

  // ---- chains: Arquero verbs and md calls in one module ----
  {
    name: 'chain: filter, round, select, sort',
    input: PEOPLE,
    steps: [
      { op: 'filter_rows', params: { conditions: [cond('score', 'notnull')] } },
      { op: 'round_numbers', params: { column: 'score', decimals: 1 } },
      { op: 'select_columns', params: { columns: ['name', 'score', 'city'] } },
      { op: 'sort_rows', params: { columns: ['score'], ascending: false } },
    ],
  },
  {
    name: 'chain: trim, fill, row number, profile',
    input: PEOPLE,
    steps: [
      { op: 'trim_whitespace', params: {} },
      { op: 'fill_blanks', params: { column: 'city', method: 'mode' } },
      { op: 'row_number', params: { new_column: 'n' } },
      { op: 'profile_column', params: { column: 'city' } },
      { op: 'head_rows', params: { n: 4 } },
    ],
  },
  {
    name: 'chain: join then aggregate',
    input: PEOPLE,
    tables: [CUSTOMERS],
    steps: [
      { op: 'join_tables', params: { right_table: 'customers', left_on: 'city', right_on: 'city', how: 'inner' } },
      { op: 'aggregate', params: { group_by: ['region'], aggregations: { age: ['sum', 'count'] } } },
    ],
  },
  {
    name: 'chain: pivot then later steps on the dynamic schema',
    input: SALES,
    steps: [
      { op: 'pivot', params: { index: 'region', columns: 'product', values: 'qty' } },
      { op: 'add_column', params: { name: 'src', value: 'pivot' } },
      { op: 'offset_rows', params: { offset: 1 } },
    ],
  },
];
