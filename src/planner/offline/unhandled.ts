import { ask } from './clarify.js';
import type { Segment } from './text/segment.js';

const CAN_DO = 'I can remove or keep rows by a condition, remove duplicates, trim, change casing, rename, drop or reorder columns, fill blanks, find and replace, convert types, format dates and phone numbers, sort, round, split or merge columns, compute new columns and group rows.';

const UNSUPPORTED: Array<[RegExp, string]> = [
  [/\b(?:chart|charts|plot|plots|graph|graphs|visuali[sz]e|visuali[sz]ation|dashboard|diagram|histogram|pie|heatmap)\b/i, "I can't draw charts; I change the data itself."],
  [/\b(?:predict|prediction|forecast|train|machine\s+learning|ml\s+model|classify|cluster|regression|sentiment)\b/i, "I can't build predictions or models; I clean and reshape the data."],
  [/\b(?:translate|translation)\b/i, "I can't translate text."],
  [/\b(?:send|e-?mail\s+(?:it|this|them|the\s+file)|share|notify|slack|post\s+to|upload\s+to)\b/i, "I can't send or share data; download it from the session instead."],
  [/\b(?:export|download|save)\b.*\b(?:excel|xlsx|pdf|word|json|parquet)\b|\b(?:excel|xlsx|pdf)\s+file\b/i, 'Exports are not plan steps: download the data as CSV or JSON from the session.'],
  [/^(?:undo|redo|roll\s*back|revert|go\s+back)\b/i, 'Undo, redo and rollback are not plan steps: use the undo, redo or rollback actions of the session.'],
  [/\b(?:delete|remove|drop)\s+(?:the\s+)?(?:file|session|dataset|table|whole\s+thing|everything)$/i, "I won't delete the whole data set; I can remove rows or columns."],
  [/\b(?:python|javascript|sql\s+query|write\s+(?:a\s+)?(?:script|code|program)|run\s+(?:this\s+)?code|execute\s+(?:this\s+)?code|eval)\b/i, "I don't run code; describe the change in words."],
  [/\b(?:spell[\s-]?check|correct\s+(?:the\s+)?spelling|fix\s+(?:the\s+)?(?:spelling|typos))\b/i, 'I can\'t check spelling in general; "standardize <column>" merges spellings that differ only in case or spacing.'],
  [/^(?:how\s+many|what\s+(?:is|are)|which|who|when|where|why|show\s+me\s+the\s+(?:data|rows)|describe\s+the\s+data)\b/i, 'That is a question about the data, not a change to it; the profile answers it.'],
  [/\b(?:merge|fuzzy[\s-]match|deduplicate)\s+(?:similar|near[\s-]duplicate|fuzzy)\b/i, "I can't match near-duplicates; duplicates must match exactly."],
];

const ACTION_WORD = /^(?:remove|delete|drop|keep|filter|sort|order|rename|trim|fill|replace|convert|change|format|round|split|merge|combine|add|create|calculate|group|make|set|standardi[sz]e|normali[sz]e|extract|move|select|dedupe|deduplicate|lowercase|uppercase|capitali[sz]e|flag|mark|copy|pad|limit|take|sample|shuffle|skip|pivot|unpivot|validate|check|clean|fix)\b/i;

/** A request no rule understood: unsupported when it asks for something outside the catalogue, else a request to rephrase. */
export function unhandled(seg: Segment): never {
  for (const [re, why] of UNSUPPORTED) {
    if (re.test(seg.masked)) return ask('unsupported', `${why} ${CAN_DO}`);
  }
  if (ACTION_WORD.test(seg.masked)) {
    return ask('low_confidence', `I'm not sure what to do with "${seg.text}". Could you rephrase it with the column names, e.g. "remove rows where price > 300" or "trim first_name"?`);
  }
  return ask('unsupported', `I can't do "${seg.text}" as a data change. ${CAN_DO}`);
}
