import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { JsonCell, Profile, ProfileIssue } from '../../engine/index.js';
import type { PlannerInput } from '../types.js';
import type { OpCatalogue } from './response-schema.js';

/**
 * The messages sent to the model. What leaves the service about the data is the profile only — column names,
 * types, at most SAMPLES sample values per column, the issues with a few examples each — never rows of the file.
 */
export const SAMPLES = 5;
const ISSUE_EXAMPLES = 3;
const MAX_TEXT = 80;
export const MAX_TURNS = 10;
const MAX_VERSIONS = 5;

const clip = (value: JsonCell): JsonCell => (typeof value === 'string' && value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value);

function issue(i: ProfileIssue) {
  return { issue_type: i.issue_type, severity: i.severity, column: i.column, description: i.description, affected_count: i.affected_count, examples: i.examples.slice(0, ISSUE_EXAMPLES).map(clip) };
}

/** The part of the profile the model may see. */
export function promptProfile(profile: Profile) {
  return {
    row_count: profile.row_count,
    column_count: profile.column_count,
    duplicate_row_count: profile.duplicate_row_count,
    columns: profile.columns.map((c) => ({
      name: c.name,
      type: c.inferred_type,
      semantic_type: c.semantic_type,
      date_format: c.date_format,
      null_count: c.null_count,
      unique_count: c.unique_count,
      sample_values: c.sample_values.slice(0, SAMPLES).map(clip),
    })),
    issues: [...profile.issues, ...profile.columns.flatMap((c) => c.issues)].map(issue),
  };
}

const RULES = `You turn a person's request about their table into plan steps for ModularData, a service that cleans CSV files.
You see the table's profile, never the whole table. Answer in the JSON format given.
Rules:
- Use only operations of the catalogue below, with params as the response format describes them, and column names exactly as the profile spells them.
- If the request names a column the profile does not have, is ambiguous, or cannot be done with the catalogue, give no steps and a clarification (reason unknown_column, ambiguous or unsupported; options: the likely choices, e.g. the closest column names). Never guess in a way that silently changes data.
- Each step gets one plain explanation sentence. The reply starts with "I'll" and says what the steps do; with a clarification the reply is the question.
- confidence (0..1): how sure you are that the steps do what the person meant.`;

function systemPrompt(input: PlannerInput, catalogue: OpCatalogue, opNames: readonly string[]): string {
  const ops = opNames.map((name) => {
    const p = catalogue.ops.get(name)!.primitive;
    return `- ${p.name} (${p.title}): ${p.description}`;
  });
  const context = {
    profile: promptProfile(input.profile),
    version_labels: (input.versionLabels ?? []).slice(-MAX_VERSIONS),
    attached_tables: input.attachedTables ?? [],
  };
  return `${RULES}\n\nCatalogue:\n${ops.join('\n')}\n\nThe data (JSON):\n${JSON.stringify(context)}`;
}

/** System prompt, the newest chat turns (oldest first), then the message. */
export function plannerMessages(input: PlannerInput, catalogue: OpCatalogue, opNames: readonly string[]): ChatCompletionMessageParam[] {
  const turns = (input.history ?? []).slice(-MAX_TURNS).map((t) => ({ role: t.role, content: t.content }));
  return [{ role: 'system', content: systemPrompt(input, catalogue, opNames) }, ...turns, { role: 'user', content: input.message }];
}

/** The follow-up that asks for a corrected answer, naming every problem found in the previous one. */
export function repairMessages(previous: ChatCompletionMessageParam[], answer: string, errors: readonly string[]): ChatCompletionMessageParam[] {
  const list = errors.map((e) => `- ${e}`).join('\n');
  return [
    ...previous,
    { role: 'assistant', content: answer },
    { role: 'user', content: `That answer cannot be used:\n${list}\nAnswer the same request again in the same JSON format, fixing these problems (or ask a clarifying question).` },
  ];
}
