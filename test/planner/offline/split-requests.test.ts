import { describe, expect, it } from 'vitest';
import { cleanRequest } from '../../../src/planner/offline/text/normalize.js';
import { splitRequests } from '../../../src/planner/offline/text/split-requests.js';

const COLUMNS = new Set(['city', 'state', 'rank', 'name', 'email']);
/** As the planner does: courtesy words off the whole message, then split. */
const split = (message: string) => splitRequests(cleanRequest(message), (text) => COLUMNS.has(text.toLowerCase()));

describe('splitting a message into requests', () => {
  it.each([
    ['trim names and remove duplicate emails', ['trim names', 'remove duplicate emails']],
    ['lowercase country, then sort by amount descending', ['lowercase country', 'sort by amount descending']],
    ['drop notes. rename a to b; round price', ['drop notes', 'rename a to b', 'round price']],
    ['first, remove duplicates; then sort by name', ['remove duplicates', 'sort by name']],
    ['trim name, lowercase email and sort by city', ['trim name', 'lowercase email', 'sort by city']],
    ['please trim name and then title case it, thanks', ['trim name', 'title case it']],
    ['trim and lowercase email', ['trim email', 'lowercase email']],
  ])('%s', (message, requests) => {
    expect(split(message)).toEqual(requests);
  });

  it.each([
    "replace 'Smith and Co' with 'Smith & Co' in company",
    'replace "remove rows, then sort" with x in notes',
    'drop city and state',
    'combine first_name and last_name into full_name',
    'remove rows where price > 300 and country is US',
    'keep rows where age is between 18 and 65',
    'remove rows where price is less than or equal to 60',
    'sort by last_name, then first_name',
    'sort by amount descending and then by date',
    'where state is CA, delete those rows',
    'in notes, replace rush with urgent',
    'group by region and calculate the total amount',
    'sort by score and rank',
  ])('keeps "%s" whole', (message) => {
    expect(split(message)).toEqual([message]);
  });
});
