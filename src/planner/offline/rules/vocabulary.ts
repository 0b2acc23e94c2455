/** Verb and noun spellings shared by several rule families (regex sources, used with the `i` flag). */
export const REMOVE = '(?:remove|delete|drop|exclude|filter\\s+out|get\\s+rid\\s+of|eliminate|discard|erase|strip\\s+out|take\\s+out|throw\\s+(?:out|away)|cut|clear\\s+out|purge|lose)';
export const KEEP = '(?:keep|retain|only\\s+keep|keep\\s+only|just\\s+keep|filter(?:\\s+(?:to|for|on|by))?|select|show(?:\\s+only)?|only\\s+show|include\\s+only|restrict\\s+(?:it\\s+)?to|limit\\s+(?:it\\s+)?to|only\\s+include|give\\s+me|find|return)';
export const ROWS = '(?:rows?|records?|entries|entry|lines?|observations?|items?|ones|everything|anything|data)';
export const ALL = '(?:(?:all|the|any|every|of\\s+the|those)\\s+)*';
export const WHERE = '(?:where|with|whose|that\\s+(?:have|has|are|is)|which\\s+(?:have|has|are|is)|having|if|when|in\\s+which|for\\s+which|that|which)';
export const COLUMN_WORD = '(?:columns?|fields?|cols?)';
/** Prepositions that introduce the column a request works on. */
export const IN = '(?:in|on|of|for|from|within|inside|across|to)';
