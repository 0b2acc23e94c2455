import { getPrimitive, stepComment, type Schema } from '../../engine/plan/index.js';

const MAX = 60;

/**
 * A node's `transformation` label (API.md §10), deterministic: `Sort rows in age`, `Trim whitespace in a, b, c`,
 * `Fill blanks in 4 columns`, `3 transformations on a, b`; columns in step order, at most 60 characters.
 */
export function nodeLabel(steps: { op: string; params: Record<string, unknown> }[]): string {
  const columns = [...new Set(steps.flatMap((s) => getPrimitive(s.op)?.columns(s.params).map((c) => c.column) ?? []))];
  const list = columns.length === 0 ? '' : columns.length <= 3 ? columns.join(', ') : `${columns.length} columns`;
  const text =
    steps.length === 1
      ? `${getPrimitive(steps[0].op)?.title ?? steps[0].op}${list ? ` in ${list}` : ''}`
      : `${steps.length} transformations${list ? ` on ${list}` : ''}`;
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** The readable code of a node's steps (display only; the service never executes it). */
export function nodeCode(steps: { op: string; params: Record<string, unknown> }[], schema: Schema): string {
  return steps
    .map((s, i) => {
      const primitive = getPrimitive(s.op);
      return primitive ? `${stepComment(i + 1, s.op, primitive.summary(s.params))}\n${primitive.render(s.params, schema).js}` : `// Step ${i + 1}: ${s.op}`;
    })
    .join('\n');
}
