import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const five = () => table({ n: 'integer' }, [0, 1, 2, 3, 4].map((n) => [n]));
const many = (count: number) => table({ n: 'integer' }, Array.from({ length: count }, (_, i) => [i]));

describe('shuffle_rows', () => {
  it('reorders by the §1.5 shuffle of the seed', () => {
    const result = apply(five(), 'shuffle_rows', { seed: 42 });
    expect(values(result.table, 'n')).toEqual([0, 4, 2, 1, 3]);
    expect(result.steps[0].metadata).toEqual({ shuffled: true });
    expect(values(apply(table({ n: 'integer' }, []), 'shuffle_rows', { seed: 1 }).table, 'n')).toEqual([]);
  });
  it('requires a seed in range', () => {
    expect(runStep(five(), 'shuffle_rows', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(runStep(five(), 'shuffle_rows', { seed: -1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(runStep(five(), 'shuffle_rows', { seed: 4294967296 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(getPrimitive('shuffle_rows')!.needsSeed).toBe(true);
    expect(getPrimitive('shuffle_rows')!.render({ seed: 3 }, five().schema)).toEqual({ js: 'dt = md.shuffle_rows(dt, {"seed":3});', sql: null });
  });
});

describe('sample_rows', () => {
  it('takes the first n of the seeded shuffle, in input order', () => {
    const result = apply(five(), 'sample_rows', { n: 3, seed: 42 });
    expect(values(result.table, 'n')).toEqual([0, 2, 4]);
    expect(result.steps[0].metadata).toEqual({ sampled_rows: 3, sample_rate: 0.6 });
    expect(result.steps[0].params).toEqual({ n: 3, fraction: null, seed: 42, replace: false });
  });
  it('sizes by fraction (half away from zero), defaults to min(10, rows), caps without replacement', () => {
    expect(apply(five(), 'sample_rows', { fraction: 0.5, seed: 1 }).steps[0].metadata).toEqual({ sampled_rows: 3, sample_rate: 0.6 });
    expect(apply(many(25), 'sample_rows', { seed: 1 }).steps[0].metadata).toEqual({ sampled_rows: 10, sample_rate: 0.4 });
    expect(apply(five(), 'sample_rows', { seed: 1 }).steps[0].metadata).toEqual({ sampled_rows: 5, sample_rate: 1 });
    expect(apply(five(), 'sample_rows', { n: 50, seed: 1 }).steps[0].metadata).toEqual({ sampled_rows: 5, sample_rate: 1 });
    expect(apply(many(3), 'sample_rows', { n: 1, seed: 1 }).steps[0].metadata).toEqual({ sampled_rows: 1, sample_rate: 0.3333 });
    expect(apply(table({ n: 'integer' }, []), 'sample_rows', { n: 3, seed: 1, replace: true }).steps[0].metadata).toEqual({ sampled_rows: 0, sample_rate: 0 });
  });
  it('with replacement draws floor(rand × rows), repeats adjacent', () => {
    // seed 42 draws 0.601…, 0.448…, 0.852… → rows 3, 2, 4 of 5
    const result = apply(five(), 'sample_rows', { n: 3, seed: 42, replace: true });
    expect(values(result.table, 'n')).toEqual([2, 3, 4]);
    const big = apply(five(), 'sample_rows', { n: 8, seed: 7, replace: true });
    const drawn = values(big.table, 'n') as number[];
    expect(drawn).toHaveLength(8);
    expect([...drawn].sort()).toEqual(drawn);
    expect(big.steps[0].metadata).toEqual({ sampled_rows: 8, sample_rate: 1.6 });
  });
  it('validates params', () => {
    const both = runStep(five(), 'sample_rows', { n: 1, fraction: 0.5, seed: 1 });
    expect(both.errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: null, message: "Step 1 (sample_rows): Specify either 'n' or 'fraction', not both" });
    expect(runStep(five(), 'sample_rows', { n: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'seed' });
    expect(runStep(five(), 'sample_rows', { fraction: 0, seed: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'fraction' });
    expect(runStep(five(), 'sample_rows', { fraction: 1.5, seed: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'fraction' });
    expect(runStep(five(), 'sample_rows', { n: -1, seed: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'n' });
    expect(getPrimitive('sample_rows')!.render({ n: 1, fraction: null, seed: 1, replace: false }, five().schema).sql).toBeNull();
  });
});
