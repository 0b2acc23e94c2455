import type { PhrasingCase } from '../helpers.js';

/** Other tables attached to the session (customers, regions, q2_sales): joins, appends and lookups. */
export const TABLE_CASES: PhrasingCase[] = [
  { say: 'join with customers on email', on: 'shop', steps: [{ op: 'join_tables', params: { right_table: 'customers', left_on: ['email'], right_on: ['email'], how: 'left' } }] },
  { say: 'inner join customers on email', on: 'shop', steps: [{ op: 'join_tables', params: { right_table: 'customers', left_on: ['email'], right_on: ['email'], how: 'inner' } }] },
  { say: 'left join regions on region = name', on: 'shop', steps: [{ op: 'join_tables', params: { right_table: 'regions', left_on: ['region'], right_on: ['name'], how: 'left' } }] },
  { say: 'merge with customers using email', on: 'shop', steps: [{ op: 'join_tables', params: { right_table: 'customers', left_on: ['email'], right_on: ['email'], how: 'left' } }] },
  { say: 'append q2_sales', on: 'shop', steps: [{ op: 'union_tables', params: { other_tables: ['q2_sales'] } }] },
  { say: 'stack the q2_sales table below', on: 'shop', steps: [{ op: 'union_tables', params: { other_tables: ['q2_sales'] } }] },
  { say: 'look up segment from customers by email', on: 'shop', steps: [{ op: 'lookup', params: { lookup_table: 'customers', lookup_column: 'email', lookup_key: 'email', return_columns: ['segment'] } }] },
  { say: 'look up manager in regions by region = name', on: 'shop', steps: [{ op: 'lookup', params: { lookup_table: 'regions', lookup_column: 'region', lookup_key: 'name', return_columns: ['manager'] } }] },
];
