import type { ColumnMapping, Discrepancy } from '../../engine/matching/index.js';
import { allColumns } from '../../engine/table-ops.js';
import { makeDataTable, type DataTable } from '../../engine/table.js';

/**
 * New names for a run's input columns (API.md §11.5): mapped columns take their contract name, unmatched ones pass
 * through — under a `_2`, `_3`… name when their own name is a contract name another column was mapped to (a file
 * with both `E-Mail` and an unrelated `email`), so no two columns ever share a name.
 */
export function contractNames(columns: readonly string[], mappings: readonly Pick<ColumnMapping, 'incoming_name' | 'contract_name'>[]): string[] {
  const target = new Map(mappings.map((m) => [m.incoming_name, m.contract_name]));
  const taken = new Set<string>([...target.values()]);
  const out: string[] = [];
  for (const name of columns) {
    let next = target.get(name);
    if (next === undefined) {
      next = name;
      for (let k = 2; taken.has(next); k++) next = `${name}_${k}`;
      taken.add(next);
    }
    out.push(next);
  }
  return out;
}

/** The passthrough columns that had to be renamed, as info discrepancies. */
export function renamedPassthrough(columns: readonly string[], mappings: readonly ColumnMapping[]): Discrepancy[] {
  const names = contractNames(columns, mappings);
  const mapped = new Set(mappings.map((m) => m.incoming_name));
  return columns.flatMap((name, i) =>
    !mapped.has(name) && names[i] !== name
      ? [{
          type: 'renamed_passthrough' as const,
          severity: 'info' as const,
          column: names[i],
          description: `Column '${name}' is not in the module and another column was mapped to '${name}'; it is passed through as '${names[i]}'.`,
          suggestion: 'Rename or remove it in the file if this is not what you want.',
        }]
      : [],
  );
}

/** The table with its columns renamed to the contract's names (values untouched). */
export function renameToContract(table: DataTable, mappings: readonly ColumnMapping[]): DataTable {
  const names = contractNames(table.schema.map((c) => c.name), mappings);
  return makeDataTable(table.schema.map((c, i) => ({ name: names[i], type: c.type })), allColumns(table));
}
