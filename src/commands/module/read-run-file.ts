import { profileTable, readCsv, type DataTable, type IngestReport, type Profile, type ReadCsvOptions } from '../../engine/index.js';
import { columnValues } from '../../engine/table.js';
import { matchSchema, typeDrift, type MatchResult, type SchemaContract } from '../../engine/matching/index.js';
import { renamedPassthrough } from './rename-to-contract.js';

export interface ReadRunFile {
  table: DataTable;
  ingest: IngestReport;
  profile: Profile;
  match: MatchResult;
}

/** Matches one reading of the file: the contract match, plus type drift and renamed passthrough columns. */
function matchReading(table: DataTable, ingest: IngestReport, contract: SchemaContract): ReadRunFile {
  const profile = profileTable(table, ingest);
  const match = matchSchema(contract, profile.columns);
  const byName = new Map(contract.columns.map((c) => [c.name, c]));
  const drift = match.column_mappings.flatMap((m) => {
    const column = profile.columns.find((c) => c.name === m.incoming_name)!;
    const type = table.schema.find((c) => c.name === m.incoming_name)!.type;
    const found = typeDrift(byName.get(m.contract_name)!, { name: m.incoming_name, type, semantic_type: column.semantic_type, values: columnValues(table, m.incoming_name) });
    return found ? [found] : [];
  });
  const renamed = renamedPassthrough(profile.columns.map((c) => c.name), match.column_mappings);
  return { table, ingest, profile, match: { ...match, discrepancies: [...match.discrepancies, ...drift, ...renamed] } };
}

/**
 * Reads a run's file with the upload reader and matches it (API.md §11.3): when header detection picked a record
 * other than the first, the file is also matched with the first record as header and the better score is kept
 * (ties keep the detected header). An explicit `header_row` is used as given.
 */
export function readRunFile(bytes: Uint8Array, options: ReadCsvOptions, contract: SchemaContract): ReadRunFile {
  const detected = readCsv(bytes, options);
  const best = matchReading(detected.table, detected.ingest, contract);
  const auto = options.header_row === undefined || options.header_row === 'auto';
  if (!auto || detected.ingest.header_row === 0) return best;
  let first: ReadRunFile;
  try {
    const read = readCsv(bytes, { ...options, header_row: 0 });
    first = matchReading(read.table, read.ingest, contract);
  } catch {
    return best; // the first record as header does not even read: keep the detected one
  }
  return first.match.confidence_score > best.match.confidence_score ? first : best;
}
