/**
 * What a chat message is before any planner sees it (API.md §9.2 steps 2–4): a whole-message command, an
 * affirmative answering the assistant's last question, or an off-topic message. Commands match the whole message
 * only (case and end punctuation ignored), so "clear out the blank emails" is a request, not "clear".
 */
export type ChatCommand = 'show_plan' | 'clear' | 'apply' | 'affirmative';

const COMMANDS: Record<ChatCommand, readonly string[]> = {
  show_plan: ['show plan', 'show me the plan', "what's the plan", 'what is the plan', 'view plan'],
  clear: ['clear', 'clear plan', 'start over', 'start fresh', 'reset', 'reset plan'],
  apply: ['apply', 'apply plan', 'apply changes', 'apply it', 'execute', 'run it', 'do it', 'go ahead'],
  affirmative: ['yes', 'yes please', 'sure', 'ok', 'okay', 'yep', 'please do', 'confirm'],
};

/** Lower case, typographic apostrophes straightened, spaces collapsed, end punctuation dropped. */
export function normalizeMessage(message: string): string {
  return message
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!?,;:]+$/u, '');
}

export function matchCommand(message: string): ChatCommand | null {
  const text = normalizeMessage(message);
  for (const [command, phrases] of Object.entries(COMMANDS) as [ChatCommand, readonly string[]][]) {
    if (phrases.includes(text)) return command;
  }
  return null;
}

/** Words that tie a message to the data; a message with one of them (or a column name) is never off-topic. */
const DATA_WORDS =
  /\b(rows?|columns?|data|dataset|table|file|csv|values?|cells?|records?|entries|blanks?|empty|missing|nulls?|duplicates?|plan|fields?|headers?)\b/;

/** Subjects the service has nothing to say about, and small talk. */
const OFF_TOPIC =
  /\b(weather|jokes?|poems?|story|stories|recipes?|news|sports?|football|soccer|movies?|songs?|music|lyrics|capital of|president|stock price|bitcoin|crypto|horoscope|translate|who are you|how are you|your name|meaning of life)\b|^(hi|hello|hey|thanks|thank you|good (morning|afternoon|evening)|help|what can you do)$/;

export const REDIRECT =
  "I can only help with your data. I can remove or keep rows by a condition, remove duplicates and blank rows, fill blanks, trim spaces and fix casing, find and replace, rename, drop, select or reorder columns, change types and date formats, round numbers, split and merge columns, add calculated columns, and group and summarize. Ask me about your data, or tell me what to change.";

/** Whole-word mention of a column name (case-insensitive; `_` and `-` may be written as spaces). */
export function mentionedColumns(message: string, columns: readonly string[]): string[] {
  const text = ` ${normalizeMessage(message).replace(/[_-]/g, ' ')} `;
  const hits = columns.filter((name) => {
    const spoken = name.toLowerCase().replace(/[_-]/g, ' ').trim();
    if (spoken === '') return false;
    const escaped = spoken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`[^\\p{L}\\p{N}]${escaped}[^\\p{L}\\p{N}]`, 'u').test(text);
  });
  // The longest names first: "last name" before "name".
  return hits.sort((a, b) => b.length - a.length);
}

export function isOffTopic(message: string, columns: readonly string[]): boolean {
  const text = normalizeMessage(message);
  if (DATA_WORDS.test(text) || mentionedColumns(message, columns).length > 0) return false;
  return OFF_TOPIC.test(text);
}
