/**
 * Bytes → text for the upload reader (API.md §7.1): a BOM decides, else UTF-8 when the bytes
 * are valid UTF-8, else Windows-1252. Binary content and NUL bytes are refused here, before
 * any parsing, so a failed upload is reported as unreadable rather than as a malformed CSV.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { AppError } from '../../errors/index.js';
import type { CsvEncoding, EncodingOption } from './types.js';

/**
 * The decoded text in pieces of at most {@link PIECE_BYTES} source bytes each: one JS string cannot
 * exceed ~512 MiB, and a 5M-row export is bigger. Pieces split anywhere between characters; the
 * reader joins records across them.
 */
export interface DecodedText {
  pieces: string[];
  encoding: CsvEncoding;
}

export const PIECE_BYTES = 64 * 1024 * 1024;

/** The first `chars` characters of the pieces (or all of them), for detectors that look at the start of a file. */
export function textHead(pieces: readonly string[], chars: number): string {
  let head = '';
  for (const piece of pieces) {
    if (head.length >= chars) break;
    head += piece.length > chars - head.length ? piece.slice(0, chars - head.length) : piece;
  }
  return head;
}

const EMPTY_MESSAGE = 'File is empty or contains no data';

/**
 * WHATWG windows-1252 for 0x80–0x9F; other bytes map to the same code point. Node's
 * TextDecoder('windows-1252') decodes as Latin-1 (0x80 → U+0080), so the table is ours.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252Piece(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const CHUNK = 8192;
  const codes = new Uint16Array(CHUNK);
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
    }
    chunks.push(String.fromCharCode.apply(null, codes.subarray(0, end - start) as unknown as number[]));
  }
  return chunks.join('');
}

export function decodeWindows1252(bytes: Uint8Array, pieceBytes = PIECE_BYTES): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < bytes.length; start += pieceBytes) {
    pieces.push(decodeWindows1252Piece(bytes.subarray(start, start + pieceBytes)));
  }
  return pieces;
}

/**
 * UTF-8 in pieces, each ending on a character boundary. Invalid sequences become U+FFFD (callers that must
 * refuse them validate first: a validated buffer decodes faster than a fatal decoder, with the same text).
 */
export function decodeUtf8Pieces(bytes: Uint8Array, pieceBytes = PIECE_BYTES): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pieces: string[] = [];
  let start = 0;
  while (start < buffer.length) {
    const limit = Math.min(start + pieceBytes, buffer.length);
    // Cut before a character's first byte, never at a continuation byte (10xxxxxx): back up, or (a piece
    // smaller than one character) move forward.
    let end = limit;
    while (end > start && end < buffer.length && (buffer[end] & 0xc0) === 0x80) end--;
    if (end === start) {
      end = limit;
      while (end < buffer.length && (buffer[end] & 0xc0) === 0x80) end++;
    }
    pieces.push(buffer.toString('utf8', start, end));
    start = end;
  }
  return pieces;
}

function decodeStrict(bytes: Uint8Array, label: 'utf-8' | 'utf-16le' | 'utf-16be', pieceBytes: number): string[] | null {
  if (label === 'utf-8') return isUtf8(bytes) ? decodeUtf8Pieces(bytes, pieceBytes) : null;
  try {
    // ignoreBOM: the BOM is stripped by the caller, so a second U+FEFF would be content. A streaming decoder
    // keeps a surrogate pair split between windows whole.
    const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    const pieces: string[] = [];
    const window = pieceBytes & ~1 || 2;
    for (let start = 0; start < bytes.length; start += window) {
      pieces.push(decoder.decode(bytes.subarray(start, start + window), { stream: true }));
    }
    pieces.push(decoder.decode());
    return pieces;
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Well-known binary containers, named so the user learns what they actually sent. */
const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive or Excel workbook (.xlsx)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old-style Excel or Office document (.xls)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];

function binaryError(what?: string): AppError {
  return new AppError('FILE_READ_ERROR', what ? `File appears to be ${what}, not CSV text` : 'File appears to be binary, not CSV text', {
    suggestion: 'Export the data as a CSV (comma- or tab-separated text) file and upload that.',
  });
}

/**
 * BOM-less UTF-16 shows as NULs in every other byte of ASCII text. Recognizing it is
 * kinder than refusing the file for its NUL bytes (the API only refuses NULs in non-UTF-16).
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.6 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.6 && oddNul === 0) return 'utf-16be';
  return null;
}

const BINARY_SAMPLE = 65536;

/** Control characters other than tab, LF, CR, FF; more than 1 % of the first 64K means binary. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) control++;
  }
  return control > n * 0.01;
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be', pieceBytes: number): DecodedText {
  const bom = label === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
  const body = startsWith(bytes, bom) ? bytes.subarray(2) : bytes;
  const pieces = body.length % 2 === 0 ? decodeStrict(body, label, pieceBytes) : null;
  if (pieces === null) {
    throw new AppError('FILE_READ_ERROR', `File could not be decoded as ${label.toUpperCase()}`, {
      suggestion: 'Save the file as UTF-8 CSV, or choose the encoding it was saved with.',
    });
  }
  return { pieces, encoding: label };
}

function refuseNul(bytes: Uint8Array): void {
  if (bytes.indexOf(0) !== -1) {
    throw new AppError('FILE_READ_ERROR', 'File contains NUL bytes and does not look like text', {
      suggestion: 'Upload a CSV text file; if it is UTF-16 text, choose encoding utf-16le or utf-16be.',
    });
  }
}

function decodeAuto(bytes: Uint8Array, pieceBytes: number): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const pieces = decodeStrict(bytes.subarray(3), 'utf-8', pieceBytes);
    if (pieces === null) {
      throw new AppError('FILE_READ_ERROR', 'File starts with a UTF-8 byte-order mark but is not valid UTF-8', {
        suggestion: 'Save the file as UTF-8 CSV, or choose encoding windows-1252.',
      });
    }
    refuseNul(bytes);
    return { pieces, encoding: 'utf-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes, 'utf-16le', pieceBytes);
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes, 'utf-16be', pieceBytes);
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) throw binaryError(m.what);
  if (bytes.indexOf(0) !== -1) {
    const guess = sniffUtf16(bytes);
    if (guess) return utf16(bytes, guess, pieceBytes);
    refuseNul(bytes);
  }
  const utf8 = decodeStrict(bytes, 'utf-8', pieceBytes);
  if (utf8 !== null) return { pieces: utf8, encoding: 'utf-8' };
  return { pieces: decodeWindows1252(bytes, pieceBytes), encoding: 'windows-1252' };
}

function decodeAs(bytes: Uint8Array, encoding: Exclude<EncodingOption, 'auto'>, pieceBytes: number): DecodedText {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return utf16(bytes, encoding, pieceBytes);
  refuseNul(bytes);
  if (encoding === 'windows-1252') return { pieces: decodeWindows1252(bytes, pieceBytes), encoding };
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  const pieces = decodeStrict(body, 'utf-8', pieceBytes);
  if (pieces === null) {
    throw new AppError('FILE_READ_ERROR', 'File is not valid UTF-8 text', {
      suggestion: "Choose encoding 'auto' or 'windows-1252', or save the file as UTF-8 CSV.",
    });
  }
  return { pieces, encoding: 'utf-8' };
}

/**
 * Decodes upload bytes; throws FILE_READ_ERROR for empty, binary or undecodable content. `pieceBytes` only
 * changes where the text is cut (tests use small pieces to cut through records).
 */
export function decodeCsvBytes(bytes: Uint8Array, encoding: EncodingOption = 'auto', pieceBytes = PIECE_BYTES): DecodedText {
  if (bytes.length === 0) throw new AppError('FILE_READ_ERROR', EMPTY_MESSAGE);
  const decoded = encoding === 'auto' ? decodeAuto(bytes, pieceBytes) : decodeAs(bytes, encoding, pieceBytes);
  const pieces = decoded.pieces.filter((p) => p.length > 0);
  if (pieces.length > 0 && pieces[0].charCodeAt(0) === 0xfeff) pieces[0] = pieces[0].slice(1);
  if (!pieces.some((p) => /\S/.test(p))) throw new AppError('FILE_READ_ERROR', EMPTY_MESSAGE);
  if (looksBinary(textHead(pieces, BINARY_SAMPLE))) throw binaryError();
  return { pieces, encoding: decoded.encoding };
}

export { EMPTY_MESSAGE };
