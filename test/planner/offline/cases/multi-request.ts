import type { PhrasingCase } from '../helpers.js';

/** Several requests in one message, in order; courtesy words around them. */
export const MULTI_CASES: PhrasingCase[] = [
  { say: "trim names and remove duplicate emails", on: 'messy_marketing_leads', steps: [{ op: 'trim_whitespace', params: { columns: ['first_name', 'last_name'], trim_type: 'both' } }, { op: 'remove_duplicates', params: { subset: ['email'] } }] },
  { say: "trim customer and lowercase email", on: 'shop', steps: [{ op: 'trim_whitespace', params: { columns: ['customer'], trim_type: 'both' } }, { op: 'change_text_casing', params: { column: 'email', case: 'lower' } }] },
  { say: "remove duplicates and sort by price", on: 'shop', steps: [{ op: 'remove_duplicates', params: {} }, { op: 'sort_rows', params: { columns: ['price'], ascending: true } }] },
  { say: "lowercase country, then sort by price descending", on: 'shop', steps: [{ op: 'change_text_casing', params: { column: 'country', case: 'lower' } }, { op: 'sort_rows', params: { columns: ['price'], ascending: false } }] },
  { say: "trim customer, lowercase email, remove duplicate emails and sort by order_date", on: 'shop', steps: [{ op: 'trim_whitespace', params: { columns: ['customer'], trim_type: 'both' } }, { op: 'change_text_casing', params: { column: 'email', case: 'lower' } }, { op: 'remove_duplicates', params: { subset: ['email'] } }, { op: 'sort_rows', params: { columns: ['order_date'], ascending: true } }] },
  { say: "drop notes. rename customer to client; round price to 1 decimal", on: 'shop', steps: [{ op: 'remove_columns', params: { columns: ['notes'] } }, { op: 'rename_columns', params: { mapping: { customer: 'client' } } }, { op: 'round_numbers', params: { column: 'price', decimals: 1 } }] },
  { say: "replace 'Smith and Co' with 'Smith & Co' in customer and remove rows where price > 300", on: 'shop', steps: [{ op: 'find_replace', params: { column: 'customer', find: 'Smith and Co', replace: 'Smith & Co' } }, { op: 'filter_rows', params: { conditions: [{ column: 'price', operator: 'gt', value: 300 }], logic: 'and', keep: false } }] },
  { say: "split customer into first and last and then lowercase first", on: 'shop', steps: [{ op: 'split_column', params: { column: 'customer', delimiter: ' ', new_columns: ['first', 'last'] } }, { op: 'change_text_casing', params: { column: 'first', case: 'lower' } }] },
  { say: "rename customer to client and then trim it", on: 'shop', steps: [{ op: 'rename_columns', params: { mapping: { customer: 'client' } } }, { op: 'trim_whitespace', params: { columns: ['client'], trim_type: 'both' } }] },
  { say: "trim and uppercase region", on: 'shop', steps: [{ op: 'trim_whitespace', params: { columns: ['region'], trim_type: 'both' } }, { op: 'change_text_casing', params: { column: 'region', case: 'upper' } }] },
  { say: "convert zip to integer, then sort by it", on: 'shop', steps: [{ op: 'change_column_type', params: { column: 'zip', to_type: 'integer' } }, { op: 'sort_rows', params: { columns: ['zip'], ascending: true } }] },
  { say: "keep rows where price is between 10 and 100 and sort by price", on: 'shop', steps: [{ op: 'filter_rows', params: { conditions: [{ column: 'price', operator: 'between', value: [10, 100] }], logic: 'and', keep: true } }, { op: 'sort_rows', params: { columns: ['price'], ascending: true } }] },
  { say: "please remove duplicates, thanks", on: 'shop', steps: [{ op: 'remove_duplicates', params: {} }] },
  { say: "Can you sort by price descending?", on: 'shop', steps: [{ op: 'sort_rows', params: { columns: ['price'], ascending: false } }] },
  { say: "I'd like to trim customer please", on: 'shop', steps: [{ op: 'trim_whitespace', params: { columns: ['customer'], trim_type: 'both' } }] },
  { say: "first, remove duplicate emails; then sort by customer", on: 'shop', steps: [{ op: 'remove_duplicates', params: { subset: ['email'] } }, { op: 'sort_rows', params: { columns: ['customer'], ascending: true } }] },
  { say: "trim full_name and then title case it", on: 'dirty_customer_list', steps: [{ op: 'trim_whitespace', params: { columns: ['full_name'], trim_type: 'both' } }, { op: 'change_text_casing', params: { column: 'full_name', case: 'title' } }] },
  { say: "convert signup_date to date and format it as MM/DD/YYYY", on: 'dirty_customer_list', steps: [{ op: 'change_column_type', params: { column: 'signup_date', to_type: 'datetime' } }, { op: 'format_date', params: { column: 'signup_date', output_format: '%m/%d/%Y' } }] },
  { say: "where state is CA, delete those rows", on: 'dirty_customer_list', steps: [{ op: 'filter_rows', params: { conditions: [{ column: 'state', operator: 'eq', value: 'CA' }], logic: 'and', keep: false } }] },
  { say: "strip the dollar signs from unit_price, then convert unit_price to number", on: 'sales_data_raw', steps: [{ op: 'remove_characters', params: { column: 'unit_price', characters: '$' } }, { op: 'change_column_type', params: { column: 'unit_price', to_type: 'float' } }] },
  { say: "sort by email, then by price descending", on: 'shop', steps: [{ op: 'sort_rows', params: { columns: ['email', 'price'], ascending: [true, false] } }] },
];
