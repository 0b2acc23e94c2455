import type { Primitive } from '../../plan/types.js';
import { addColumn } from './add-column.js';
import { changeColumnType } from './change-column-type.js';
import { coalesce } from './coalesce.js';
import { concatColumns } from './concat-columns.js';
import { copyColumn } from './copy-column.js';
import { fillBackward } from './fill-backward.js';
import { fillForward } from './fill-forward.js';
import { generateUuid } from './generate-uuid.js';
import { mergeColumns } from './merge-columns.js';
import { removeColumns } from './remove-columns.js';
import { renameColumns } from './rename-columns.js';
import { reorderColumns } from './reorder-columns.js';
import { replaceNull } from './replace-null.js';
import { selectColumns } from './select-columns.js';
import { splitColumn } from './split-column.js';

/** §4 columns. */
export const columnsPrimitives: Primitive[] = [
  selectColumns,
  removeColumns,
  renameColumns,
  reorderColumns,
  addColumn,
  splitColumn,
  mergeColumns,
  copyColumn,
  changeColumnType,
  coalesce,
  replaceNull,
  concatColumns,
  generateUuid,
  fillForward,
  fillBackward,
];
