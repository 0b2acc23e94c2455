import { matchSegment } from '../text/segment.js';
import { parseInteger } from '../text/values.js';
import { ADD, BY, INTO, groupOf, nameOr, within } from './new-column-words.js';
import { requireNumbers } from './numeric-text-guard.js';
import { planned, step, type Rule } from './rule.js';

const MOVING = new RegExp(`^${ADD}(?:(?<w>\\d+)[\\s-](?:row|day|period|point|month|week)s?[\\s-])?(?:moving|rolling|running|trailing)\\s+(?:average|mean|avg)\\s+(?:of|for)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+(?:over|with\\s+a\\s+window\\s+of|across|using)\\s+(?:the\\s+)?(?:last\\s+)?(?<w2>\\d+)\\s+(?:rows|days|periods|points|months|weeks|values))?${BY}${INTO}$`, 'i');
const SHIFT = [
  new RegExp(`^${ADD}(?<which>previous|prior|last|preceding|next|following)\\s+(?:row'?s\\s+)?(?:value\\s+(?:of|for|in)\\s+)?(?:the\\s+)?(?<col>.+?)(?:\\s+value)?${BY}${INTO}$`, 'i'),
  new RegExp(`^(?<verb>lag|lead|shift)\\s+(?:the\\s+)?(?<col>.+?)(?:\\s+by\\s+(?<n>-?\\d+)(?:\\s+rows?)?)?${BY}${INTO}$`, 'i'),
];

/** Values from neighbouring rows: moving averages, the previous or next value. */
export const windowsRule: Rule = {
  name: 'windows',
  plan(seg, ctx) {
    const moving = matchSegment(seg, MOVING);
    if (moving) {
      const column = ctx.columns.one(moving.col!);
      requireNumbers(ctx, column, 'average');
      const window = Number(moving.w ?? moving.w2 ?? 3);
      const group = groupOf(moving.group, ctx);
      const new_column = nameOr(moving.into, `${column}_ma_${window}`);
      const params: Record<string, unknown> = { column, window, new_column };
      if (group) params.partition_by = group;
      return planned([step('moving_average', params, `Add ${new_column}: the average of ${column} over the last ${window} rows${within(group)}`)]);
    }
    for (const re of SHIFT) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.col!)) continue;
      const column = ctx.columns.one(m.col!);
      let offset = m.n ? parseInteger(m.n)! : 1;
      let forward = /next|following|lead/i.test(m.which ?? m.verb ?? '');
      if (offset < 0) [offset, forward] = [-offset, !forward];
      const op = forward ? 'lead' : 'lag';
      const new_column = nameOr(m.into, `${column}_${forward ? 'next' : 'previous'}${offset === 1 ? '' : `_${offset}`}`);
      const group = groupOf(m.group, ctx);
      const params: Record<string, unknown> = { column, new_column };
      if (offset !== 1) params.offset = offset;
      if (group) params.partition_by = group;
      const rows = offset === 1 ? 'row' : `${offset} rows`;
      return planned([step(op, params, `Add ${new_column}: the ${column} of the ${forward ? 'next' : 'previous'} ${rows}${within(group)}`)]);
    }
    return null;
  },
};
