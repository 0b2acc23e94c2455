import { describe, expect, it } from 'vitest';
import { readCanonicalCsv } from '../../src/engine/index.js';
import { column, expectAppError, fixture, read, rows, types, utf8 } from './helpers.js';

describe('readCsv: encodings', () => {
  it('drops a UTF-8 BOM', () => {
    const { table, ingest } = read(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('name,city\nZoë,Köln\n')]));
    expect(table.schema.map((c) => c.name)).toEqual(['name', 'city']);
    expect(rows(table)).toEqual([{ name: 'Zoë', city: 'Köln' }]);
    expect(ingest.encoding).toBe('utf-8');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const text = 'name,n\nÅsa,1\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, enc] of [[le, 'utf-16le'], [be, 'utf-16be']] as const) {
      const { table, ingest } = read(new Uint8Array(bytes));
      expect(ingest.encoding).toBe(enc);
      expect(rows(table)).toEqual([{ name: 'Åsa', n: 1 }]);
    }
  });

  it('reads BOM-less UTF-16 instead of refusing its NUL bytes', () => {
    const { table, ingest } = read(new Uint8Array(Buffer.from('a,b\n1,2\n', 'utf16le')));
    expect(ingest.encoding).toBe('utf-16le');
    expect(rows(table)).toEqual([{ a: 1, b: 2 }]);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    // "café" with é = 0xE9, and a euro sign 0x80 and curly quotes 0x93/0x94
    const bytes = new Uint8Array([...utf8('item,price\ncaf'), 0xe9, ...utf8(','), 0x80, ...utf8('5 '), 0x93, 0x94, 0x0a]);
    const { table, ingest } = read(bytes);
    expect(ingest.encoding).toBe('windows-1252');
    expect(rows(table)).toEqual([{ item: 'café', price: '€5 “”' }]);
  });

  it('honours an explicit encoding', () => {
    const bytes = new Uint8Array([...utf8('a\n'), 0xe9, 0x0a]);
    expect(rows(read(bytes, { encoding: 'windows-1252' }).table)).toEqual([{ a: 'é' }]);
    expectAppError(() => read(bytes, { encoding: 'utf-8' }), 'FILE_READ_ERROR');
  });

  it('refuses NUL bytes and binary content', () => {
    expectAppError(() => read(new Uint8Array([...utf8('a,b\n1,'), 0, ...utf8('2\n3,4\n')])), 'FILE_READ_ERROR');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(expectAppError(() => read(png), 'FILE_READ_ERROR').message).toMatch(/PNG/);
    const controls = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expectAppError(() => read(controls), 'FILE_READ_ERROR');
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
    expect(expectAppError(() => read(xlsx), 'FILE_READ_ERROR').message).toMatch(/Excel/);
  });

  it('refuses empty and header-only files', () => {
    for (const text of ['', '\n\n', '   \n', 'a,b,c\n', 'a,b,c', '\uFEFF']) {
      const error = expectAppError(() => read(text), 'FILE_READ_ERROR');
      expect(error.message).toBe('File is empty or contains no data');
    }
  });
});

describe('readCsv: delimiters and quoting', () => {
  it.each([
    [';', 'name;price;qty\nTea;1,50;3\nCake;2,75;1\n'],
    ['\t', 'name\tprice\tqty\nTea\t1.5\t3\nCake\t2.75\t1\n'],
    ['|', 'name|price|qty\nTea|1.5|3\nCake|2.75|1\n'],
    [',', 'name,note,qty\nTea,"a;b|c",3\nCake,"x;y",1\n'],
  ])('detects %j', (delimiter, text) => {
    const { table, ingest } = read(text);
    expect(ingest.delimiter).toBe(delimiter);
    expect(table.schema.map((c) => c.name)).toEqual(['name', delimiter === ',' ? 'note' : 'price', 'qty']);
    expect(column(table, 'qty')).toEqual([3, 1]);
  });

  it('keeps decimal commas as text in a semicolon file', () => {
    const { table } = read('name;price\nTea;1,50\nCake;2,75\n');
    expect(types(table)).toEqual({ name: 'string', price: 'string' });
    expect(column(table, 'price')).toEqual(['1,50', '2,75']);
  });

  it('honours an explicit delimiter', () => {
    const { table, ingest } = read('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(ingest.delimiter).toBe(',');
    expect(rows(table)).toEqual([{ 'a;b': '1;2', c: 3 }]);
  });

  it('reads quoted delimiters, doubled quotes and line breaks with CRLF', () => {
    const { table, ingest } = read(fixture('quoted_newlines.csv'));
    expect(rows(table)).toEqual([
      { id: 1, note: 'Line one\r\nline two', amount: 10 },
      { id: 2, note: 'He said "hi", then left', amount: 20 },
      { id: 3, note: 'a,b,c', amount: 30 },
    ]);
    expect(ingest.bad_line_count).toBe(0);
  });

  it('accepts CR-only line ends and counts lines through quoted breaks', () => {
    const { table } = read('a,b\r1,"x\ry"\r2,z\r');
    expect(rows(table)).toEqual([{ a: 1, b: 'x\ry' }, { a: 2, b: 'z' }]);
    const bad = read('a,b\n1,"two\nlines"\n2\n3,c\n4,d\n5,e\n6,f\n7,g\n8,h\n9,i\n10,j\n11,k\n');
    expect(bad.ingest.bad_lines).toEqual([{ line: 4, fields: 1, expected: 2, action: 'padded' }]);
  });

  it('reads a last line without a line break and skips blank lines', () => {
    const { table } = read('a,b\n\n1,2\n\n\n3,4');
    expect(rows(table)).toEqual([{ a: 1, b: 2 }, { a: 3, b: 4 }]);
  });

  it('treats empty fields, quoted or not, as null and keeps whitespace', () => {
    const { table } = read('a,b,c\n"",  ,x\n,"",y\n');
    expect(rows(table)).toEqual([{ a: null, b: '  ', c: 'x' }, { a: null, b: null, c: 'y' }]);
  });

  it('reports an unclosed quote with its line', () => {
    const error = expectAppError(() => read('a,b\n1,2\n3,"open\n4,5\n'), 'CSV_PARSE_ERROR');
    expect(error.details).toEqual({ errors: [{ line: 3, column: 2, message: 'Unclosed quote in field 2' }], total_errors: 1 });
  });

  it('refuses a field over 10 MiB', () => {
    const big = 'x'.repeat(10 * 1024 * 1024 + 1);
    const quoted = expectAppError(() => read(`a,b\n1,"${big}"\n`), 'CSV_PARSE_ERROR');
    expect(quoted.details).toMatchObject({ errors: [{ line: 2, column: 2 }], total_errors: 1 });
    expectAppError(() => read(`a,b\n1,${big}\n`), 'CSV_PARSE_ERROR');
  });

  it('reads 100 000 rows', () => {
    const lines = ['id,name,amount,day'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},"n ${i % 97}",${i / 4},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
    const { table } = read(lines.join('\n'));
    expect(table.table.numRows()).toBe(100_000);
    expect(types(table)).toEqual({ id: 'integer', name: 'string', amount: 'float', day: 'datetime' });
  });

  it('reads a stray quote inside an unquoted field as text', () => {
    expect(rows(read('a,b\n5" pipe,x\n"ab"c,y\n').table)).toEqual([{ a: '5" pipe', b: 'x' }, { a: 'abc', b: 'y' }]);
  });
});

describe('readCsv: header detection', () => {
  it('skips title lines above the header and lists them', () => {
    const { table, ingest } = read(fixture('title_lines.csv'));
    expect(ingest.header_row).toBe(2);
    expect(ingest.skipped_lines).toEqual([
      { line: 1, text: 'Quarterly sales report' },
      { line: 2, text: 'Generated at 2024-01-05 10:00' },
    ]);
    expect(ingest.header_confidence).toBeGreaterThanOrEqual(0.8);
    expect(types(table)).toEqual({ region: 'string', product: 'string', units: 'integer', revenue: 'float' });
    expect(table.table.numRows()).toBe(4);
  });

  it('keeps record 0 as the header of an all-text table', () => {
    const { ingest } = read('first,last\nAnn,Lee\nBob,Ray\n');
    expect(ingest.header_row).toBe(0);
    expect(ingest.header_confidence).toBe(1);
  });

  it('honours header_row', () => {
    const { table, ingest } = read('junk\nx,y\n1,2\n', { header_row: 1 });
    expect(ingest.header_row).toBe(1);
    expect(rows(table)).toEqual([{ x: 1, y: 2 }]);
    expectAppError(() => read('a,b\n1,2\n', { header_row: 5 }), 'FILE_READ_ERROR');
  });

  it('names empty headers column_<n> and numbers duplicates', () => {
    const { table, ingest } = read('id,,name,name,  ,name\n1,2,3,4,5,6\n');
    expect(table.schema.map((c) => c.name)).toEqual(['id', 'column_2', 'name', 'name_2', 'column_5', 'name_3']);
    expect(ingest.renamed_headers).toEqual([
      { position: 2, original: '', name: 'column_2' },
      { position: 4, original: 'name', name: 'name_2' },
      { position: 5, original: '  ', name: 'column_5' },
      { position: 6, original: 'name', name: 'name_3' },
    ]);
  });

  it('never generates a name that the file already uses', () => {
    const { table } = read('a,a,a_2\n1,2,3\n');
    expect(table.schema.map((c) => c.name)).toEqual(['a', 'a_3', 'a_2']);
  });
});

describe('readCsv: ragged lines', () => {
  it('pads short lines, skips long ones and lists both', () => {
    const { table, ingest } = read(fixture('ragged.csv'));
    expect(ingest.bad_lines).toEqual([
      { line: 3, fields: 2, expected: 3, action: 'padded' },
      { line: 4, fields: 4, expected: 3, action: 'skipped' },
    ]);
    expect(ingest.bad_line_count).toBe(2);
    expect(table.table.numRows()).toBe(19);
    expect(rows(table)[1]).toEqual({ id: 2, name: 'Bob', score: null });
  });

  it('fails with bad_lines=error', () => {
    const error = expectAppError(() => read(fixture('ragged.csv'), { bad_lines: 'error' }), 'CSV_PARSE_ERROR');
    expect(error.details).toEqual({
      errors: [
        { line: 3, message: 'Expected 3 fields, found 2' },
        { line: 4, message: 'Expected 3 fields, found 4' },
      ],
      total_errors: 2,
    });
  });

  it('fails when more than 10% of the data lines are bad', () => {
    const error = expectAppError(() => read('a,b\n1,2\n3\n4,5,6\n7,8\n'), 'CSV_PARSE_ERROR');
    expect(error.details?.total_errors).toBe(2);
  });

  it('drops empty trailing fields without calling the line bad', () => {
    const { table, ingest } = read('a,b\n1,2,\n3,4,,\n');
    expect(ingest.bad_line_count).toBe(0);
    expect(rows(table)).toEqual([{ a: 1, b: 2 }, { a: 3, b: 4 }]);
  });

  it('joins a textual date split by an unquoted comma', () => {
    const { table, ingest } = read('id,date,n\n1,"Jan 2, 2024",5\n2,January 3, 2024,6\n3,Monday, January 8, 2024,7\n');
    expect(column(table, 'date')).toEqual(['Jan 2, 2024', 'January 3, 2024', 'Monday, January 8, 2024']);
    expect(ingest.bad_lines).toEqual([
      { line: 3, fields: 4, expected: 3, action: 'repaired' },
      { line: 4, fields: 5, expected: 3, action: 'repaired' },
    ]);
  });
});

describe('readCsv: type inference', () => {
  it('infers integer, float, boolean, datetime and string', () => {
    const { table } = read(
      'i,f,b,d,dt,s\n1,1.5,TRUE,2024-01-31,2024-01-31 10:00:00,x\n-2,1e3,false,2024-02-29,2024-02-01 00:00:00.250,\n,.5,,,,y\n',
    );
    expect(types(table)).toEqual({ i: 'integer', f: 'float', b: 'boolean', d: 'datetime', dt: 'datetime', s: 'string' });
    expect(column(table, 'i')).toEqual([1, -2, null]);
    expect(column(table, 'f')).toEqual([1.5, 1000, 0.5]);
    expect(column(table, 'b')).toEqual([true, false, null]);
    expect(column(table, 'd')).toEqual([new Date('2024-01-31T00:00:00Z'), new Date('2024-02-29T00:00:00Z'), null]);
    expect(column(table, 'dt')[1]).toEqual(new Date('2024-02-01T00:00:00.250Z'));
  });

  it('never rewrites codes, money, placeholders or non-ISO dates', () => {
    const { table } = read(
      'zip,plus,price,na,us,bad,big\n007,+5,$29.99,N/A,01/15/2024,2023-02-29,12345678901234567890\n010,+6,$1.00,5,01/16/2024,2023-01-01,1\n',
    );
    expect(types(table)).toEqual({
      zip: 'string', plus: 'string', price: 'string', na: 'string', us: 'string', bad: 'string', big: 'string',
    });
    expect(column(table, 'zip')).toEqual(['007', '010']);
    expect(column(table, 'big')).toEqual(['12345678901234567890', '1']);
  });

  it('reads a large whole number as float when its digits survive', () => {
    const { table } = read('n\n10000000000000000\n1\n');
    expect(types(table)).toEqual({ n: 'float' });
  });

  it('keeps an all-null column as string', () => {
    expect(types(read('a,b\n1,\n2,\n').table)).toEqual({ a: 'integer', b: 'string' });
  });
});

describe('readCanonicalCsv', () => {
  it('reads UTF-8, comma, header on line 1 without detection', () => {
    const dt = readCanonicalCsv(utf8('title\nx;y\n'));
    expect(rows(dt)).toEqual([{ title: 'x;y' }]);
  });

  it('reads a header-only file as an empty table and no bytes as no columns', () => {
    const dt = readCanonicalCsv(utf8('a,b\n'));
    expect(dt.schema).toEqual([{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }]);
    expect(dt.table.numRows()).toBe(0);
    expect(readCanonicalCsv(new Uint8Array()).schema).toEqual([]);
  });

  it('refuses ragged records', () => {
    expectAppError(() => readCanonicalCsv(utf8('a,b\n1,2,3\n')), 'CSV_PARSE_ERROR');
  });
});
