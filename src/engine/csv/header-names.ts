/**
 * Column names from a header record (PRIMITIVES.md §2.6, API.md §7.1): an empty (or
 * whitespace-only) cell becomes `column_<n>` (1-based position), a repeated name gets `_2`, `_3`, …
 * in order. A generated name never collides with a name written in the file: the suffix keeps
 * counting until it is free. Names are otherwise kept exactly as written (not trimmed).
 */
import type { RenamedHeader } from './types.js';

export interface HeaderNames {
  names: string[];
  renamed: RenamedHeader[];
}

export function headerNames(cells: string[]): HeaderNames {
  const written = new Set(cells.filter((c) => c.trim() !== ''));
  const taken = new Set<string>();
  const names: string[] = [];
  const renamed: RenamedHeader[] = [];
  cells.forEach((cell, i) => {
    let name = cell;
    if (cell.trim() === '') {
      name = `column_${i + 1}`;
      for (let k = 2; taken.has(name) || written.has(name); k++) name = `column_${i + 1}_${k}`;
    } else if (taken.has(cell)) {
      let k = 2;
      while (taken.has(`${cell}_${k}`) || written.has(`${cell}_${k}`)) k++;
      name = `${cell}_${k}`;
    }
    taken.add(name);
    names.push(name);
    if (name !== cell) renamed.push({ position: i + 1, original: cell, name });
  });
  return { names, renamed };
}
