import type { Primitive } from '../../plan/types.js';
import { aggregate } from './aggregate.js';
import { pivot } from './pivot.js';
import { unpivot } from './unpivot.js';

/** §4.7 groups. */
export const groupsPrimitives: Primitive[] = [aggregate, pivot, unpivot];
