/**
 * Delimiter detection (API.md §7.1): whichever of `,` `;` tab `|` gives the highest, most
 * consistent field count over the first 20 records. Records are read with the real reader, so a
 * delimiter inside quotes does not count. Consistency wins first (a `;` file with decimal commas
 * has a steady `;` count but a wandering `,` count), then the larger field count, then list order.
 */
import { createRecordReader } from './record-reader.js';
import type { CsvDelimiter } from './types.js';

const CANDIDATES: CsvDelimiter[] = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 20;
/** Detection only needs the start of the file; a quote left open by a wrong guess must not scan it all. */
export const DELIMITER_SAMPLE_CHARS = 1 << 20;

interface Candidate {
  delimiter: CsvDelimiter;
  fields: number;
  consistency: number;
}

function fieldCounts(text: string, delimiter: CsvDelimiter): number[] {
  const reader = createRecordReader(text, delimiter);
  const counts: number[] = [];
  try {
    for (let i = 0; i < SAMPLE_RECORDS; i++) {
      const record = reader.next();
      if (!record) break;
      counts.push(record.length);
    }
  } catch {
    // An unclosed quote in the sample: judge on what was read; the full parse reports it.
  }
  return counts;
}

function measure(text: string, delimiter: CsvDelimiter): Candidate {
  const counts = fieldCounts(text, delimiter);
  const tally = new Map<number, number>();
  for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
  let fields = 1;
  let best = 0;
  for (const [count, n] of tally) {
    if (n > best || (n === best && count > fields)) {
      fields = count;
      best = n;
    }
  }
  return { delimiter, fields, consistency: counts.length ? best / counts.length : 0 };
}

export function detectDelimiter(text: string): CsvDelimiter {
  const sample = text.length > DELIMITER_SAMPLE_CHARS ? text.slice(0, DELIMITER_SAMPLE_CHARS) : text;
  let winner: Candidate | null = null;
  for (const delimiter of CANDIDATES) {
    const c = measure(sample, delimiter);
    if (c.fields < 2) continue; // one field per line is what every non-delimiter gives
    if (
      !winner ||
      c.consistency > winner.consistency + 1e-9 ||
      (Math.abs(c.consistency - winner.consistency) <= 1e-9 && c.fields > winner.fields)
    ) {
      winner = c;
    }
  }
  return winner?.delimiter ?? ',';
}
