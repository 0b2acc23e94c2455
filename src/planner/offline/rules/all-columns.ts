/** "all columns", "everything", "the whole table": a request about every (text) column rather than named ones. */
const ALL_COLUMNS = /^(?:(?:all|every|each|the\s+whole|the\s+entire)\s+)?(?:(?:the|of\s+the)\s+)?(?:text\s+|string\s+)?(?:columns?|fields?|cells?|values?|data|dataset|table|file|sheet|text|everything|thing|all)(?:\s+columns?)?$|^(?:everything|everywhere|all|anything)$/i;

export const isAllColumns = (text: string | undefined): boolean => text === undefined || text.trim() === '' || ALL_COLUMNS.test(text.trim());
