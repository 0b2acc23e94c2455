/**
 * Records across the pieces of a decoded file. A file is decoded in pieces because one JS string
 * cannot hold more than ~512 MiB (a 5M-row export is bigger). Each piece is read with the record
 * reader in non-final mode; the record that runs past a piece's end is carried over and read again
 * at the start of the next piece, so quoted fields, doubled quotes and CRLF may straddle pieces.
 *
 * Spans returned by `nextSpans` are offsets into `text`, which changes (and `textIndex` grows)
 * when the reader moves to the next piece.
 */
import { createRecordReader, type FieldSpans, type RecordReader } from './record-reader.js';

export interface PieceReader extends RecordReader {
  /** The text the last returned record's spans point into. */
  readonly text: string;
  /** Grows by one each time `text` changes. */
  readonly textIndex: number;
}

export function createPieceReader(pieces: readonly string[], delimiter: string): PieceReader {
  let next = 0;
  let textIndex = -1;
  let text = '';
  let reader: RecordReader | null = null;

  function advance(): boolean {
    if (next >= pieces.length) return false;
    const carry = reader ? text.slice(reader.consumed) : '';
    const line = reader ? reader.line : 1;
    // A record longer than a piece is read again from its start with the next text: take at least as much new
    // text as is carried, so the rereading stays linear in the record's length.
    let added = pieces[next++];
    while (next < pieces.length && added.length < carry.length) added += pieces[next++];
    text = carry + added;
    reader = createRecordReader(text, delimiter, { final: next === pieces.length, startLine: line });
    textIndex++;
    return true;
  }

  function nextSpans(out: FieldSpans): boolean {
    for (;;) {
      if (reader?.nextSpans(out)) return true;
      if (!advance()) return false;
    }
  }

  function nextInto(fields: string[]): boolean {
    for (;;) {
      if (reader?.nextInto(fields)) return true;
      if (!advance()) return false;
    }
  }

  return {
    next: () => {
      const fields: string[] = [];
      return nextInto(fields) ? fields : null;
    },
    nextInto,
    nextSpans,
    get recordLine() {
      return reader?.recordLine ?? 1;
    },
    get consumed() {
      return reader?.consumed ?? 0;
    },
    get line() {
      return reader?.line ?? 1;
    },
    get text() {
      return text;
    },
    get textIndex() {
      return textIndex;
    },
  };
}
