import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCanonicalCsv, readCsv, writeCsv } from '../../src/engine/index.js';
import { AppError } from '../../src/errors/index.js';
import { SAMPLES_DIR } from '../support/test-service.js';
import { HOSTILE_CASES } from '../fixtures/hostile/corpus.js';

/**
 * Large files are decoded in pieces (one JS string holds at most ~512 MiB) and records are joined across piece
 * boundaries. Cutting small texts into pieces of a few bytes puts a boundary at every awkward place — inside
 * quoted fields, between a doubled quote's halves, between CR and LF, inside a multi-byte character — and the
 * result must be exactly the one-piece read.
 */
const encode = (s: string) => new TextEncoder().encode(s);

function outcome(read: () => ReturnType<typeof readCsv>) {
  try {
    const { table, ingest } = read();
    return { csv: Buffer.from(writeCsv(table)).toString('utf8'), types: table.schema, ingest };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error: error.code, message: error.message, details: error.details };
  }
}

const TRICKY: Record<string, Uint8Array> = {
  'quoted newlines, doubled quotes, CRLF': encode(
    'id,name,notes\r\n1,"Ann ""Nan"" Lee","line one\r\nline two"\r\n2,Bob,"a, b, c"\r\n3,"",""""\r\n',
  ),
  'CR-only line ends and blank lines': encode('a,b\r\r1,2\r\r\r3,4\r'),
  'multi-byte UTF-8': encode('city,note\nZürich,"naïve, café"\n東京,😀 emoji\nSão Paulo,ok\n'),
  'title lines above the header and a ragged row': encode(
    'Quarterly report\nGenerated 2024-01-01\nid,amount,date\n1,10.5,2024-01-15\n2,x\n3,7,2024-02-01,\n4,8,"Jan 5, 2024"\n',
  ),
  'no final newline, trailing delimiter': encode('a,b,c\n1,2,3\n4,5,'),
  'unclosed quote reports its line': encode('a,b\n1,2\n3,"open\n4,5\n'),
  'windows-1252': Uint8Array.from([...encode('name,price\n'), 0x43, 0x61, 0x66, 0xe9, 0x2c, 0x80, 0x35, 0x0a]),
  'UTF-16 LE with BOM': (() => {
    const s = 'x,y\n"é, ü",2\n😀,3\n';
    const out = new Uint8Array(2 + s.length * 2);
    out[0] = 0xff;
    out[1] = 0xfe;
    for (let i = 0; i < s.length; i++) {
      out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      out[3 + 2 * i] = s.charCodeAt(i) >> 8;
    }
    return out;
  })(),
};

describe('CSV reading in pieces', () => {
  it.each(Object.entries(TRICKY))('%s: every cut gives the one-piece result', (_name, bytes) => {
    const whole = outcome(() => readCsv(bytes));
    for (let pieceBytes = 1; pieceBytes <= Math.min(bytes.length, 40); pieceBytes++) {
      expect(outcome(() => readCsv(bytes, {}, pieceBytes)), `pieces of ${pieceBytes} bytes`).toEqual(whole);
    }
  });

  it('the sample files read the same in pieces of 7 and 4096 bytes', () => {
    for (const file of fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.csv'))) {
      const bytes = fs.readFileSync(path.join(SAMPLES_DIR, file));
      const whole = outcome(() => readCsv(bytes));
      expect(outcome(() => readCsv(bytes, {}, 7)), file).toEqual(whole);
      expect(outcome(() => readCsv(bytes, {}, 4096)), file).toEqual(whole);
    }
  });

  it('hostile inputs give the same outcome in pieces', () => {
    for (const hostile of HOSTILE_CASES) {
      const bytes = hostile.bytes();
      // A record longer than a piece is read again from its start with each further piece, so tiny pieces are
      // only for small inputs (real pieces are 64 MiB).
      const whole = outcome(() => readCsv(bytes));
      expect(outcome(() => readCsv(bytes, {}, bytes.length > 4096 ? 1 << 20 : 13)), hostile.name).toEqual(whole);
    }
  });

  it('canonical CSV reads back the same in pieces', () => {
    const { table } = readCsv(TRICKY['quoted newlines, doubled quotes, CRLF']);
    const canonical = writeCsv(table);
    for (let pieceBytes = 1; pieceBytes <= 24; pieceBytes++) {
      expect(writeCsv(readCanonicalCsv(canonical, pieceBytes))).toEqual(canonical);
    }
  });
});
