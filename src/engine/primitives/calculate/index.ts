import type { Primitive } from '../../plan/types.js';
import { absoluteValue } from './absolute-value.js';
import { binValues } from './bin-values.js';
import { caseWhen } from './case-when.js';
import { conditionalValue } from './conditional-value.js';
import { denseRank } from './dense-rank.js';
import { firstValue } from './first-value.js';
import { floorCeil } from './floor-ceil.js';
import { isBetween } from './is-between.js';
import { lag } from './lag.js';
import { lead } from './lead.js';
import { mathOperation } from './math-operation.js';
import { movingAverage } from './moving-average.js';
import { ntile } from './ntile.js';
import { percentRank } from './percent-rank.js';
import { percentage } from './percentage.js';
import { rank } from './rank.js';
import { roundNumbers } from './round-numbers.js';
import { runningTotal } from './running-total.js';

/** §4.5 calculate, in catalogue order. */
export const calculatePrimitives: Primitive[] = [
  mathOperation,
  roundNumbers,
  percentage,
  runningTotal,
  rank,
  conditionalValue,
  floorCeil,
  binValues,
  absoluteValue,
  isBetween,
  caseWhen,
  denseRank,
  ntile,
  lag,
  lead,
  movingAverage,
  percentRank,
  firstValue,
];
