import type { ExpectedVersion } from './event-store.js';

/** Another writer appended to the stream first; `actual` is the version the stream really has. */
export class WrongExpectedVersionError extends Error {
  override name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Wrong expected version for stream ${streamId}: expected ${String(expected)}, actual ${actual}`);
  }
}

/** An event that is not in the catalogue or whose data does not match its schema: a programming error. */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}
