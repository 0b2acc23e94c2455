import { matchSegment } from '../text/segment.js';
import { ask } from '../clarify.js';
import { planned, step, type Rule, type RuleContext } from './rule.js';
import { ALL, KEEP, REMOVE, ROWS } from './vocabulary.js';

const BLANK = '(?:blank|empty|missing|null|nulls|na|nan|incomplete|unfilled)';
const BLANK_VALUES = '(?:blanks?|blank\\s+(?:values?|cells?|fields?)|empty\\s+(?:values?|cells?|fields?)|missing\\s+(?:values?|data|fields?|cells?|info(?:rmation)?)|nulls?|null\\s+values?|nas|na\\s+values|gaps|holes)';

const ALL_EMPTY = [
  new RegExp(`^${REMOVE}\\s+${ALL}(?:completely\\s+|fully\\s+|entirely\\s+|totally\\s+|all[-\\s])?(?:empty|blank)\\s+${ROWS}$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:that\\s+are|which\\s+are|that're)\\s+(?:completely\\s+|fully\\s+|entirely\\s+|totally\\s+|all\\s+)?(?:empty|blank)$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:with|that\\s+have|having)\\s+no\\s+(?:data|values?|content)(?:\\s+at\\s+all)?$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+where\\s+(?:all|every)\\s+(?:values?|columns?|cells?|fields?)\\s+(?:are|is)\\s+${BLANK}$`, 'i'),
];
const ANY_BLANK = [
  new RegExp(`^${REMOVE}\\s+${ALL}${BLANK_VALUES}$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:with|that\\s+have|which\\s+have|having|containing)\\s+(?:any\\s+|some\\s+|a\\s+)?${BLANK_VALUES}(?:\\s+anywhere)?$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}(?:incomplete|partial)\\s+${ROWS}$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:that\\s+are|which\\s+are)\\s+incomplete$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+where\\s+any\\s+(?:values?|columns?|cells?|fields?)\\s+(?:is|are)\\s+${BLANK}$`, 'i'),
];
const KEEP_COMPLETE = new RegExp(`^${KEEP}\\s+${ALL}(?:complete|full|fully\\s+filled)\\s+${ROWS}$`, 'i');
/** "remove rows with blank email", "drop rows missing email", "delete rows without a phone", "remove empty emails". */
const COLUMN_BLANK = [
  new RegExp(`^${REMOVE}\\s+${ALL}(?:blanks?|empty\\s+values|empties|nulls?|null\\s+values|missing\\s+values)\\s+(?:from|in)\\s+(?:the\\s+)?(?<cols>.+)$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:with|that\\s+have|which\\s+have|having)\\s+(?:an?\\s+|no\\s+)?(?:blank|empty|missing|null|no)\\s+(?<cols>.+?)(?:\\s+values?)?$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:missing|without|lacking|with\\s+no)\\s+(?:an?\\s+|the\\s+|any\\s+)?(?<cols>.+?)(?:\\s+values?)?$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}(?:blank|empty|missing|null)\\s+(?<cols>.+?)(?:\\s+values?)?$`, 'i'),
  new RegExp(`^${REMOVE}\\s+${ALL}${ROWS}\\s+(?:with|that\\s+have|having)\\s+(?:a\\s+)?(?<cols>.+?)\\s+(?:that\\s+is\\s+|which\\s+is\\s+)?(?:blank|empty|missing)$`, 'i'),
];
const KEEP_WITH = new RegExp(`^${KEEP}\\s+${ALL}${ROWS}\\s+(?:with|that\\s+have|that\\s+has|which\\s+have|having)\\s+(?:an?\\s+|some\\s+)?(?:non-?blank\\s+|non-?empty\\s+)?(?<cols>.+?)(?:\\s+values?)?$`, 'i');
const EMPTY_COLUMNS = new RegExp(`^${REMOVE}\\s+${ALL}(?:completely\\s+|fully\\s+|entirely\\s+|totally\\s+)?(?:empty|blank)\\s+columns?$`, 'i');

const everyColumn = (ctx: RuleContext) => ctx.schema.map((c) => ({ column: c.name, operator: 'isnull' }));

/**
 * Blanks: "drop empty rows" (every cell blank), "remove rows with missing values" (any cell blank), "remove rows
 * where email is blank" is the filter rule's; here "remove rows with blank email", "drop rows missing phone",
 * "remove empty emails", "keep only rows that have an email", and "drop empty columns".
 */
export const blankRowsRule: Rule = {
  name: 'blank-rows',
  plan(seg, ctx) {
    if (ALL_EMPTY.some((re) => matchSegment(seg, re))) {
      return planned([step('filter_rows', { conditions: everyColumn(ctx), logic: 'and', keep: false }, 'Remove rows where every column is blank')]);
    }
    if (ANY_BLANK.some((re) => matchSegment(seg, re))) {
      return planned([step('filter_rows', { conditions: everyColumn(ctx), logic: 'or', keep: false }, 'Remove rows where any column is blank')]);
    }
    if (matchSegment(seg, KEEP_COMPLETE)) {
      return planned([step('filter_rows', { conditions: everyColumn(ctx), logic: 'or', keep: false }, 'Keep only complete rows (remove rows where any column is blank)')]);
    }
    if (matchSegment(seg, EMPTY_COLUMNS)) {
      const empty = ctx.profile.columns.filter((c) => c.null_count === ctx.profile.row_count && ctx.schema.some((s) => s.name === c.name)).map((c) => c.name);
      if (empty.length === 0) ask('ambiguous', 'No column is completely empty. Which columns should I remove?', ctx.schema.map((c) => c.name));
      return planned([step('remove_columns', { columns: empty }, `Remove the empty column${empty.length > 1 ? 's' : ''} ${empty.join(', ')}`)]);
    }
    for (const re of COLUMN_BLANK) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const columns = ctx.columns.many(m.cols!);
      const conditions = columns.map((column) => ({ column, operator: 'isnull' }));
      const what = columns.map((c) => `${c} is blank`).join(' or ');
      return planned([step('filter_rows', { conditions, logic: columns.length > 1 ? 'or' : 'and', keep: false }, `Remove rows where ${what}`)]);
    }
    const keepWith = matchSegment(seg, KEEP_WITH);
    if (keepWith && ctx.columns.resolves(keepWith.cols!)) {
      const columns = ctx.columns.many(keepWith.cols!);
      const conditions = columns.map((column) => ({ column, operator: 'notnull' }));
      return planned([step('filter_rows', { conditions, logic: 'and', keep: true }, `Keep only rows where ${columns.map((c) => `${c} is not blank`).join(' and ')}`)]);
    }
    return null;
  },
};
