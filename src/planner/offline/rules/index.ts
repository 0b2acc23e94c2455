import { binsRule } from './bins.js';
import { blankRowsRule } from './blank-rows.js';
import { calculationsRule } from './calculations.js';
import { columnSetRule } from './column-set.js';
import { columnTypesRule } from './column-types.js';
import { datesRule } from './dates.js';
import { derivedColumnsRule } from './derived-columns.js';
import { duplicatesRule } from './duplicates.js';
import { fillBlanksRule } from './fill-blanks.js';
import { filterRowsRule } from './filter-rows.js';
import { findReplaceRule } from './find-replace.js';
import { flagsRule } from './flags.js';
import { groupsRule } from './groups.js';
import { qualityChecksRule } from './quality-checks.js';
import { phonesEmailsRule } from './phones-emails.js';
import { ranksRule } from './ranks.js';
import { removeCharactersRule } from './remove-characters.js';
import { renameColumnsRule } from './rename-columns.js';
import { roundNumbersRule } from './round-numbers.js';
import { rowIdsRule } from './row-ids.js';
import { rowRangesRule } from './row-ranges.js';
import type { Rule } from './rule.js';
import { sortRowsRule } from './sort-rows.js';
import { splitMergeRule } from './split-merge.js';
import { standardizeValuesRule } from './standardize-values.js';
import { tablesRule } from './tables.js';
import { textCasingRule } from './text-casing.js';
import { textExtractRule } from './text-extract.js';
import { trimWhitespaceRule } from './trim-whitespace.js';
import { valueRowsRule } from './value-rows.js';
import { windowsRule } from './windows.js';

/**
 * The rule families, most specific first: the first rule that recognises a request plans it. Order matters where
 * phrasings overlap ("remove duplicates" before "remove rows …", "remove $ from price" before "remove <column>",
 * "format signup_date as YYYY-MM-DD" before "convert … to date", "sort columns" before "sort rows").
 */
export const RULES: readonly Rule[] = [
  duplicatesRule,
  blankRowsRule,
  qualityChecksRule,
  rowRangesRule,
  filterRowsRule,
  flagsRule,
  renameColumnsRule,
  fillBlanksRule,
  removeCharactersRule,
  trimWhitespaceRule,
  textCasingRule,
  datesRule,
  columnTypesRule,
  phonesEmailsRule,
  standardizeValuesRule,
  findReplaceRule,
  roundNumbersRule,
  tablesRule,
  splitMergeRule,
  textExtractRule,
  calculationsRule,
  ranksRule,
  binsRule,
  windowsRule,
  rowIdsRule,
  groupsRule,
  derivedColumnsRule,
  valueRowsRule,
  columnSetRule,
  sortRowsRule,
];
