import { matchSegment } from '../text/segment.js';
import { listWords } from '../clarify.js';
import { unquote } from '../text/quotes.js';
import { BY, groupOf } from './new-column-words.js';
import { planned, step, type Rule } from './rule.js';

const ROW_NUMBER = [
  new RegExp(`^(?:add|create|insert|generate)\\s+(?:a\\s+|an\\s+)?(?:row\\s+numbers?|row\\s+index|index|line\\s+numbers?|sequence\\s+numbers?|serial\\s+numbers?|running\\s+(?:number|count)|row\\s+ids?)(?:\\s+column)?(?:\\s+(?:called|named|as)\\s+(?<into>[^\\s]+))?(?:\\s+(?:starting|beginning)\\s+(?:at|from)\\s+(?<start>-?\\d+))?${BY}$`, 'i'),
  new RegExp(`^number\\s+(?:the\\s+|all\\s+|each\\s+)?(?:rows|records|lines)(?:\\s+(?:starting|beginning)\\s+(?:at|from)\\s+(?<start>-?\\d+))?${BY}$`, 'i'),
];
const UUID = new RegExp(`^(?:add|create|generate|assign|give\\s+each\\s+row)\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?(?<short>short\\s+)?(?:unique\\s+)?(?:uuids?|guids?|unique\\s+ids?|unique\\s+identifiers?|random\\s+ids?|ids?)(?:\\s+(?:column|for\\s+(?:each|every)\\s+row|to\\s+(?:each|every)\\s+row))?(?:\\s+(?:called|named|as)\\s+(?<into>[^\\s]+))?(?:\\s+(?:with|using)\\s+seed\\s+(?<seed>\\d+))?$`, 'i');

/** Row numbers and generated ids: "add row numbers", "number the rows starting at 100", "add a unique id". */
export const rowIdsRule: Rule = {
  name: 'row-ids',
  plan(seg, ctx) {
    for (const re of ROW_NUMBER) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const params: Record<string, unknown> = {};
      if (m.into) params.new_column = unquote(m.into);
      if (m.start) params.start = Number(m.start);
      const group = groupOf(m.group, ctx);
      if (group) params.partition_by = group;
      const name = (params.new_column as string | undefined) ?? 'row_num';
      return planned([step('row_number', params, `Add ${name}: row numbers starting at ${m.start ?? 1}${group ? `, restarting for each ${listWords(group)}` : ''}`)]);
    }
    const uuid = matchSegment(seg, UUID);
    if (uuid) {
      const params: Record<string, unknown> = {};
      if (uuid.into) params.new_column = unquote(uuid.into);
      if (uuid.short) params.format = 'short';
      if (uuid.seed) params.seed = Number(uuid.seed);
      const name = (params.new_column as string | undefined) ?? 'uuid';
      return planned([step('generate_uuid', params, `Add ${name}: a random unique id for each row${uuid.short ? ' (8 characters)' : ''}`)]);
    }
    return null;
  },
};
