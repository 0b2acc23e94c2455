import { describeConditions } from '../conditions/describe-condition.js';
import { parseConditions } from '../conditions/parse-conditions.js';
import { matchSegment } from '../text/segment.js';
import { planned, step, type Rule } from './rule.js';
import { ALL, KEEP, REMOVE, ROWS, WHERE } from './vocabulary.js';

/** "remove orders where …", "keep customers whose …": any one noun may stand for the rows. */
const NOUN = `(?:${ROWS}|[\\p{L}_]+)`;
const REMOVING = new RegExp(`^${REMOVE}\\s+${ALL}(?:${NOUN}\\s+)?(?<how>${WHERE})\\s+(?<cond>.+)$`, 'iu');
const KEEPING = new RegExp(`^${KEEP}\\s+${ALL}(?:${NOUN}\\s+)?(?<how>${WHERE})\\s+(?<cond>.+?)(?:\\s+only)?$`, 'iu');
const FILTER_TO = /^(?:filter|restrict|narrow(?:\s+down)?|limit)\s+(?:it\s+|the\s+(?:data|rows|table)\s+)?(?:to|for|on|by)\s+(?<cond>.+)$/i;
const WHERE_FIRST = new RegExp(`^(?:where|when|if)\\s+(?<cond>.+?),?\\s+(?<verb>${REMOVE}|${KEEP})\\s+(?:the\\s+|those\\s+|these\\s+|that\\s+)?(?:${ROWS}|them|it)$`, 'i');
const REMOVE_VERB = new RegExp(`^${REMOVE}$`, 'i');

/**
 * Removing or keeping rows by condition: "remove rows where price > 300", "keep only rows where country is US",
 * "delete rows where status is inactive", "filter out rows with score under 50", "where age < 18, drop those rows".
 */
export const filterRowsRule: Rule = {
  name: 'filter-rows',
  plan(seg, ctx) {
    let keep: boolean;
    let cond: string;
    const removing = matchSegment(seg, REMOVING);
    const keeping = removing ? null : matchSegment(seg, KEEPING);
    const whereFirst = removing || keeping ? null : matchSegment(seg, WHERE_FIRST);
    const filterTo = removing || keeping || whereFirst ? null : matchSegment(seg, FILTER_TO);
    if (removing) [keep, cond] = [false, removing.cond!];
    else if (keeping) [keep, cond] = [true, keeping.cond!];
    else if (filterTo) [keep, cond] = [true, filterTo.cond!];
    else if (whereFirst) [keep, cond] = [!REMOVE_VERB.test(whereFirst.verb!), whereFirst.cond!];
    else return null;
    const parsed = parseConditions(cond, ctx);
    if (parsed.negated) keep = !keep;
    const params = { conditions: parsed.conditions, logic: parsed.logic, keep };
    const explanation = `${keep ? 'Keep only' : 'Remove'} rows where ${describeConditions(parsed.conditions, parsed.logic, parsed.dateColumns)}`;
    return planned([...parsed.conversions, step('filter_rows', params, explanation)]);
  },
};
