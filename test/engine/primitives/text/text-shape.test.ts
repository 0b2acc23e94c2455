import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';
import { sqlLower } from '../../../../src/engine/plan/render-helpers.js';

const mixed = () =>
  table({ s: 'string', i: 'integer', f: 'float', b: 'boolean', d: 'datetime' }, [
    ['a b\tc', 42, 12.5, true, new Date(Date.UTC(2024, 0, 5))],
    [null, null, null, null, null],
    ['😀 x', -7, 3, false, new Date(Date.UTC(2024, 11, 31))],
  ]);

describe('text_length', () => {
  it('counts code points of the text form into an integer column', () => {
    const out = apply(mixed(), 'text_length', { column: 's', new_column: 'len' });
    expect(values(out.table, 'len')).toEqual([5, null, 3]);
    expect(out.table.schema.at(-1)).toEqual({ name: 'len', type: 'integer' });
    expect(out.steps[0].params).toEqual({ column: 's', new_column: 'len', count_spaces: true });
    expect(out.steps[0].metadata).toEqual({});
    expect(values(apply(mixed(), 'text_length', { column: 'f', new_column: 'len' }).table, 'len')).toEqual([4, null, 1]);
    expect(values(apply(mixed(), 'text_length', { column: 'b', new_column: 'len' }).table, 'len')).toEqual([4, null, 5]);
    expect(values(apply(mixed(), 'text_length', { column: 'd', new_column: 'len' }).table, 'len')).toEqual([10, null, 10]);
  });

  it('without count_spaces skips U+0020 only', () => {
    expect(values(apply(mixed(), 'text_length', { column: 's', new_column: 'len', count_spaces: false }).table, 'len')).toEqual([4, null, 2]);
  });

  it('validates params and renders SQL where the text form matches PostgreSQL', () => {
    expect(runStep(mixed(), 'text_length', { column: 's' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_column' });
    expect(runStep(mixed(), 'text_length', { column: 's', new_column: 'i' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column', message: 'Step 1 (text_length) new_column: column "i" already exists.' });
    expect(runStep(mixed(), 'text_length', { column: 's', new_column: 'x', count_spaces: 'no' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'count_spaces' });
    expect(runStep(mixed(), 'text_length', { column: 'S', new_column: 'x' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 's' });
    const p = getPrimitive('text_length')!;
    expect(p.render({ column: 'i', new_column: 'len', count_spaces: false }, mixed().schema).sql).toBe(
      `SELECT "s", "i", "f", "b", "d", char_length(replace("i"::text, ' ', '')) AS "len", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(p.render({ column: 'f', new_column: 'len', count_spaces: true }, mixed().schema).sql).toBeNull();
  });
});

describe('pad_text', () => {
  it('pads to length code points on the left (default "0"), longer texts unchanged, column becomes string', () => {
    const out = apply(mixed(), 'pad_text', { column: 'i', length: 5 });
    expect(values(out.table, 'i')).toEqual(['00042', null, '000-7']);
    expect(out.table.schema[1]).toEqual({ name: 'i', type: 'string' });
    expect(out.steps[0].params).toEqual({ column: 'i', length: 5, pad_char: '0', side: 'left' });
    expect(values(apply(mixed(), 'pad_text', { column: 's', length: 4, pad_char: '·', side: 'right' }).table, 's')).toEqual(['a b\tc', null, '😀 x·']);
    expect(values(apply(mixed(), 'pad_text', { column: 's', length: 1, pad_char: '😀' }).table, 's')).toEqual(['a b\tc', null, '😀 x']);
  });

  it('validates length and pad_char', () => {
    expect(runStep(mixed(), 'pad_text', { column: 'i' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'length' });
    expect(runStep(mixed(), 'pad_text', { column: 'i', length: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'length' });
    expect(runStep(mixed(), 'pad_text', { column: 'i', length: 2.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'length' });
    expect(runStep(mixed(), 'pad_text', { column: 'i', length: 5, pad_char: '00' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'pad_char' });
    expect(runStep(mixed(), 'pad_text', { column: 'i', length: 5, pad_char: '' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'pad_char' });
    expect(runStep(mixed(), 'pad_text', { column: 'i', length: 5, side: 'both' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'side' });
    expect(runStep(mixed(), 'pad_text', { column: 'i', length: 5, pad_char: '😀' }).ok).toBe(true);
  });

  it('renders SQL that keeps longer texts whole', () => {
    expect(getPrimitive('pad_text')!.render({ column: 'i', length: 5, pad_char: '0', side: 'left' }, mixed().schema).sql).toBe(
      `SELECT "s", CASE WHEN char_length("i"::text) >= 5 THEN "i"::text ELSE lpad("i"::text, 5, '0') END AS "i", "f", "b", "d", "_row" FROM {input} ORDER BY "_row"`,
    );
  });
});

describe('remove_characters', () => {
  const t = () => table({ v: 'string', n: 'integer' }, [['$1,250.00'], ['Zoë-9 ٣'], ['$$'], [null], ['a\tb c']].map((r, k) => [...r, k]));

  it('removes every listed code point; an emptied cell is null; metadata counts changes', () => {
    const out = apply(t(), 'remove_characters', { column: 'v', characters: '$,' });
    expect(values(out.table, 'v')).toEqual(['1250.00', 'Zoë-9 ٣', null, null, 'a\tb c']);
    expect(out.steps[0].params).toEqual({ column: 'v', characters: '$,', remove_type: null });
    expect(out.steps[0].metadata).toEqual({ values_changed: 2 });
    expect(values(apply(t(), 'remove_characters', { column: 'v', characters: ']^-\\' }).table, 'v')).toEqual(['$1,250.00', 'Zoë9 ٣', '$$', null, 'a\tb c']);
  });

  it('removes Unicode digits, letters, punctuation and whitespace classes', () => {
    const by = (remove_type: string) => values(apply(t(), 'remove_characters', { column: 'v', remove_type }).table, 'v');
    expect(by('digits')).toEqual(['$,.', 'Zoë- ', '$$', null, 'a\tb c']);
    expect(by('letters')).toEqual(['$1,250.00', '-9 ٣', '$$', null, '\t ']);
    expect(by('punctuation')).toEqual(['125000', 'Zoë9 ٣', null, null, 'a\tb c']);
    expect(by('whitespace')).toEqual(['$1,250.00', 'Zoë-9٣', '$$', null, 'abc']);
  });

  it('characters win over remove_type; one of them is required; the column becomes string', () => {
    expect(values(apply(t(), 'remove_characters', { column: 'v', characters: 'Z', remove_type: 'digits' }).table, 'v')[1]).toBe('oë-9 ٣');
    const none = runStep(t(), 'remove_characters', { column: 'v' });
    expect(none.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: null, message: "Step 1 (remove_characters): Either 'characters' or 'remove_type' must be specified" });
    expect(runStep(t(), 'remove_characters', { column: 'v', remove_type: 'emoji' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'remove_type' });
    const numbers = apply(t(), 'remove_characters', { column: 'n', characters: '3' });
    expect(values(numbers.table, 'n')).toEqual(['0', '1', '2', null, '4']);
    expect(numbers.table.schema[1]).toEqual({ name: 'n', type: 'string' });
    expect(numbers.steps[0].metadata).toEqual({ values_changed: 1 });
  });

  it('renders SQL with translate for characters only', () => {
    const p = getPrimitive('remove_characters')!;
    expect(p.render({ column: 'v', characters: "$'", remove_type: null }, t().schema).sql).toBe(
      `SELECT NULLIF(translate("v", '$''', ''), '') AS "v", "n", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(p.render({ column: 'v', characters: null, remove_type: 'digits' }, t().schema).sql).toBeNull();
  });
});

describe('string_contains', () => {
  const t = () => table({ s: 'string', n: 'integer' }, [['Gmail.com', 5551234], [null, null], ['axb', 4441234], ['a.b', 1]]);

  it('appends <column>_contains: literal, case-insensitive by default; null → false', () => {
    const out = apply(t(), 'string_contains', { column: 's', substring: 'GMAIL' });
    expect(values(out.table, 's_contains')).toEqual([true, false, false, false]);
    expect(out.table.schema.at(-1)).toEqual({ name: 's_contains', type: 'boolean' });
    expect(out.steps[0].params).toEqual({ column: 's', substring: 'GMAIL', new_column: null, case_sensitive: false, regex: false });
    expect(out.steps[0].metadata).toEqual({ match_count: 1, no_match_count: 3 });
    expect(values(apply(t(), 'string_contains', { column: 's', substring: '.', new_column: 'dot' }).table, 'dot')).toEqual([true, false, false, true]);
    expect(values(apply(t(), 'string_contains', { column: 's', substring: 'GMAIL', case_sensitive: true }).table, 's_contains')).toEqual([false, false, false, false]);
  });

  it('searches with a regex on request, and works on numbers through their text', () => {
    expect(values(apply(t(), 'string_contains', { column: 's', substring: 'a.b', regex: true }).table, 's_contains')).toEqual([false, false, true, true]);
    expect(values(apply(t(), 'string_contains', { column: 's', substring: '^G', regex: true, case_sensitive: true }).table, 's_contains')).toEqual([true, false, false, false]);
    expect(values(apply(t(), 'string_contains', { column: 'n', substring: '555' }).table, 'n_contains')).toEqual([true, false, false, false]);
  });

  it('validates params and the output name', () => {
    expect(runStep(t(), 'string_contains', { column: 's', substring: '' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'substring' });
    expect(runStep(t(), 'string_contains', { column: 's' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'substring' });
    expect(runStep(t(), 'string_contains', { column: 's', substring: '(', regex: true }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'substring' });
    expect(runStep(t(), 'string_contains', { column: 's', substring: '(' }).ok).toBe(true);
    expect(runStep(t(), 'string_contains', { column: 's', substring: 'a', new_column: 'n' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    const twice = table({ s: 'string', s_contains: 'boolean' }, [['a', true]]);
    expect(runStep(twice, 'string_contains', { column: 's', substring: 'a' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(t(), 'string_contains', { column: 's', substring: 'a', case: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'case' });
  });

  it('renders literal SQL, folding with lower() unless case-sensitive', () => {
    const p = getPrimitive('string_contains')!;
    expect(p.render({ column: 's', substring: 'GMail', new_column: null, case_sensitive: false, regex: false }, t().schema).sql).toBe(
      `SELECT "s", "n", COALESCE(strpos(${sqlLower('"s"', ['gmail'])}, 'gmail') > 0, false) AS "s_contains", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(p.render({ column: 's', substring: 'a', new_column: 'x', case_sensitive: false, regex: true }, t().schema).sql).toBeNull();
  });
});

describe('substring', () => {
  const t = () => table({ s: 'string', n: 'integer' }, [['abcdef', 123456], [null, null], ['a😀b', 7]]);

  it('takes length code points from start, in place, result string', () => {
    const out = apply(t(), 'substring', { column: 's', start: 1, length: 2 });
    expect(values(out.table, 's')).toEqual(['bc', null, '😀b']);
    expect(out.steps[0].params).toEqual({ column: 's', start: 1, length: 2, new_column: null });
    expect(out.steps[0].metadata).toEqual({ start: 1, length: 2 });
    expect(values(apply(t(), 'substring', { column: 's', start: 2 }).table, 's')).toEqual(['cdef', null, 'b']);
  });

  it('a negative start counts from the end and is clamped at 0; windows past the end are cut, empty → null', () => {
    expect(values(apply(t(), 'substring', { column: 's', start: -2, length: 5 }).table, 's')).toEqual(['ef', null, '😀b']);
    expect(values(apply(t(), 'substring', { column: 's', start: -10, length: 2 }).table, 's')).toEqual(['ab', null, 'a😀']);
    expect(values(apply(t(), 'substring', { column: 's', start: 10 }).table, 's')).toEqual([null, null, null]);
    expect(values(apply(t(), 'substring', { column: 's', length: 0 }).table, 's')).toEqual([null, null, null]);
  });

  it('writes into a new column, or over its own source; numbers become text', () => {
    const out = apply(t(), 'substring', { column: 'n', start: 0, length: 3, new_column: 'prefix' });
    expect(values(out.table, 'prefix')).toEqual(['123', null, '7']);
    expect(out.table.schema.slice(1)).toEqual([{ name: 'n', type: 'integer' }, { name: 'prefix', type: 'string' }]);
    const inPlace = apply(t(), 'substring', { column: 'n', length: 2, new_column: 'n' });
    expect(inPlace.table.schema[1]).toEqual({ name: 'n', type: 'string' });
    expect(values(inPlace.table, 'n')).toEqual(['12', null, '7']);
  });

  it('validates params', () => {
    expect(runStep(t(), 'substring', { column: 's', length: -1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'length' });
    expect(runStep(t(), 'substring', { column: 's', start: '1' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'start' });
    expect(runStep(t(), 'substring', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'column' });
    expect(runStep(t(), 'substring', { column: 's', new_column: 'n' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(t(), 'substring', { column: 'x' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column' });
  });

  it('renders SQL with substr over code points', () => {
    const p = getPrimitive('substring')!;
    expect(p.render({ column: 's', start: -2, length: 5, new_column: null }, t().schema).sql).toBe(
      `SELECT NULLIF(substr("s", GREATEST(char_length("s") + (-2), 0) + 1, 5), '') AS "s", "n", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(p.render({ column: 'n', start: 0, length: null, new_column: 'x' }, t().schema).sql).toBe(
      `SELECT "s", "n", NULLIF(substr("n"::text, 1), '') AS "x", "_row" FROM {input} ORDER BY "_row"`,
    );
  });
});
