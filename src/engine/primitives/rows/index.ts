import type { Primitive } from '../../plan/types.js';
import { addRows } from './add-rows.js';
import { explodeColumn } from './explode-column.js';
import { fillBlanks } from './fill-blanks.js';
import { filterRows } from './filter-rows.js';
import { headRows } from './head-rows.js';
import { limitRows } from './limit-rows.js';
import { mergeDuplicates } from './merge-duplicates.js';
import { offsetRows } from './offset-rows.js';
import { removeDuplicates } from './remove-duplicates.js';
import { rowNumber } from './row-number.js';
import { sampleRows } from './sample-rows.js';
import { shuffleRows } from './shuffle-rows.js';
import { sortRows } from './sort-rows.js';
import { tailRows } from './tail-rows.js';

/** §4.1 Rows. */
export const rowsPrimitives: Primitive[] = [
  sortRows,
  filterRows,
  limitRows,
  removeDuplicates,
  mergeDuplicates,
  fillBlanks,
  addRows,
  sampleRows,
  offsetRows,
  headRows,
  tailRows,
  shuffleRows,
  rowNumber,
  explodeColumn,
];
