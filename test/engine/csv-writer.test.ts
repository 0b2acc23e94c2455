import { describe, expect, it } from 'vitest';
import {
  makeDataTable,
  readCanonicalCsv,
  readCsv,
  sliceRows,
  textOf,
  toRecords,
  writeCsv,
  type DataTable,
} from '../../src/engine/index.js';
import { sample, utf8 } from './helpers.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function mixed(): DataTable {
  return makeDataTable(
    [
      { name: 'id', type: 'integer' },
      { name: 'price', type: 'float' },
      { name: 'ok', type: 'boolean' },
      { name: 'day', type: 'datetime' },
      { name: 'at', type: 'datetime' },
      { name: 'note', type: 'string' },
    ],
    [
      [1, -12, null],
      [1250.5, 3, -0],
      [true, false, null],
      [new Date('2024-01-15T00:00:00Z'), null, new Date('2024-03-01T00:00:00Z')],
      [new Date('2024-01-15T10:30:00Z'), new Date('2024-01-15T00:00:00.5Z'), null],
      ['plain', ' padded', 'a,"b"\nc'],
    ],
  );
}

describe('text forms (PRIMITIVES §2.2)', () => {
  it('prints numbers without exponent or .0', () => {
    expect(textOf(10000000000000000, 'integer')).toBe('10000000000000000');
    expect(textOf(-0, 'integer')).toBe('0');
    expect(textOf(3, 'float')).toBe('3');
    expect(textOf(0.1 + 0.2, 'float')).toBe('0.30000000000000004');
    expect(textOf(1e21, 'float')).toBe('1e+21');
    expect(textOf(1.5e-7, 'float')).toBe('1.5e-7');
    expect(textOf(-0, 'float')).toBe('0');
    expect(textOf(true, 'boolean')).toBe('true');
    expect(textOf(null, 'string')).toBeNull();
  });

  it('prints datetimes per column form', () => {
    const d = new Date('2024-01-15T00:00:00Z');
    expect(textOf(d, 'datetime', { hasTime: false, hasMs: false })).toBe('2024-01-15');
    expect(textOf(d, 'datetime', { hasTime: true, hasMs: false })).toBe('2024-01-15 00:00:00');
    expect(textOf(d, 'datetime', { hasTime: true, hasMs: true })).toBe('2024-01-15 00:00:00.000');
  });
});

describe('writeCsv', () => {
  it('writes canonical bytes', () => {
    expect(text(writeCsv(mixed()))).toBe(
      'id,price,ok,day,at,note\n' +
        '1,1250.5,true,2024-01-15,2024-01-15 10:30:00.000,plain\n' +
        '-12,3,false,,2024-01-15 00:00:00.500," padded"\n' +
        ',0,,2024-03-01,,"a,""b""\nc"\n',
    );
  });

  it('quotes fields with separators, quotes, line breaks or edge whitespace, and header names alike', () => {
    const dt = makeDataTable([{ name: 'a b', type: 'string' }, { name: ' x', type: 'string' }], [['t\tab', 'x\r'], ['ok ', 'fine']]);
    // an inner tab is not edge whitespace: only `,` `"` CR LF and leading/trailing whitespace quote
    expect(text(writeCsv(dt))).toBe('a b," x"\nt\tab,"ok "\n"x\r",fine\n');
  });

  it('writes a null in a one-column table as "" so the row survives', () => {
    const dt = makeDataTable([{ name: 'v', type: 'string' }], [['a', null, 'b']]);
    const bytes = writeCsv(dt);
    expect(text(bytes)).toBe('v\na\n""\nb\n');
    expect(toRecords(readCanonicalCsv(bytes))).toEqual([{ v: 'a' }, { v: null }, { v: 'b' }]);
  });

  it('escapes formulas in text cells only when asked', () => {
    const dt = makeDataTable(
      [{ name: 'n', type: 'integer' }, { name: 's', type: 'string' }],
      [[-5, 7, 8, 9, 10, 11, 12], ['=SUM(A1)', '+1 555 0100', '-5', '@cmd', '\tx', 'safe', '-1.5e3']],
    );
    expect(text(writeCsv(dt))).toContain('=SUM(A1)');
    expect(text(writeCsv(dt, { escapeFormulas: true }))).toBe(
      "n,s\n-5,'=SUM(A1)\n7,'+1 555 0100\n8,-5\n9,'@cmd\n10,'\tx\n11,safe\n12,-1.5e3\n",
    );
  });

  it('writes an empty table as its header, and no columns as no bytes', () => {
    const dt = makeDataTable([{ name: 'a', type: 'string' }, { name: 'b', type: 'integer' }], [[], []]);
    expect(text(writeCsv(dt))).toBe('a,b\n');
    expect(writeCsv(makeDataTable([], [])).length).toBe(0);
  });

  it('writes only the rows of a sliced table', () => {
    const dt = sliceRows(mixed(), 1, 1);
    expect(text(writeCsv(dt)).split('\n')[1]).toBe('-12,3,false,,2024-01-15 00:00:00.500," padded"');
  });
});

describe('round trip', () => {
  it('reads back the same names and text forms', () => {
    const bytes = writeCsv(mixed());
    const back = readCanonicalCsv(bytes);
    expect(back.schema.map((c) => c.name)).toEqual(['id', 'price', 'ok', 'day', 'at', 'note']);
    expect(toRecords(back)).toEqual(toRecords(mixed()));
    expect(writeCsv(back)).toEqual(bytes);
  });

  it('only narrows types: whole floats read back as integers', () => {
    const dt = makeDataTable([{ name: 'f', type: 'float' }], [[1, 2, 3]]);
    expect(readCanonicalCsv(writeCsv(dt)).schema).toEqual([{ name: 'f', type: 'integer' }]);
  });

  it('normalizes number spellings on upload and is stable after that', () => {
    const { table } = readCsv(utf8('a,b,c\n1.50,TRUE,1e3\n2,false,2\n'));
    const once = writeCsv(table);
    expect(text(once)).toBe('a,b,c\n1.5,true,1000\n2,false,2\n');
    expect(writeCsv(readCanonicalCsv(once))).toEqual(once);
  });

  it.each(['dirty_customer_list', 'messy_marketing_leads', 'sales_data_raw', 'survey_responses'])(
    'keeps %s byte-stable through write → read → write',
    (name) => {
      const { table } = readCsv(sample(name));
      const once = writeCsv(table);
      const back = readCanonicalCsv(once);
      expect(toRecords(back)).toEqual(toRecords(table));
      expect(writeCsv(back)).toEqual(once);
    },
  );
});

describe('toRecords', () => {
  it('gives JSON-safe records with offset and limit', () => {
    const records = toRecords(mixed(), { offset: 1, limit: 5 });
    expect(records).toEqual([
      { id: -12, price: 3, ok: false, day: null, at: '2024-01-15 00:00:00.500', note: ' padded' },
      { id: null, price: 0, ok: null, day: '2024-03-01', at: null, note: 'a,"b"\nc' },
    ]);
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
    expect(toRecords(mixed(), { offset: 10 })).toEqual([]);
  });

  it('keeps a column named __proto__ as a column', () => {
    const dt = makeDataTable([{ name: '__proto__', type: 'string' }], [['x']]);
    const [record] = toRecords(dt);
    expect(Object.keys(record)).toEqual(['__proto__']);
    expect(record['__proto__']).toBe('x');
  });
});
