import { normalizeName } from './normalize.js';

/** The synonym groups of API.md §11.4, in their order (the order decides which group a name belongs to first). */
export const SYNONYM_GROUPS: readonly { name: string; members: readonly string[] }[] = [
  { name: 'email', members: ['email', 'e_mail', 'email_address', 'emailaddress', 'e-mail', 'mail'] },
  { name: 'phone', members: ['phone', 'telephone', 'tel', 'phone_number', 'phonenumber', 'mobile', 'cell'] },
  { name: 'name', members: ['name', 'full_name', 'fullname', 'customer_name', 'customername', 'user_name', 'username'] },
  { name: 'first_name', members: ['first_name', 'firstname', 'fname', 'first', 'given_name', 'givenname'] },
  { name: 'last_name', members: ['last_name', 'lastname', 'lname', 'last', 'surname', 'family_name', 'familyname'] },
  { name: 'address', members: ['address', 'street_address', 'streetaddress', 'addr', 'street'] },
  { name: 'city', members: ['city', 'town', 'municipality'] },
  { name: 'state', members: ['state', 'province', 'region', 'state_province'] },
  { name: 'country', members: ['country', 'nation', 'country_code', 'countrycode'] },
  { name: 'zip', members: ['zip', 'zipcode', 'zip_code', 'postal_code', 'postalcode', 'postal'] },
  { name: 'date', members: ['date', 'dt', 'created_date', 'createddate', 'updated_date', 'updateddate'] },
  { name: 'id', members: ['id', 'identifier', 'key', 'pk', 'primary_key'] },
  { name: 'customer_id', members: ['customer_id', 'customerid', 'cust_id', 'custid', 'client_id', 'clientid'] },
  { name: 'order_id', members: ['order_id', 'orderid', 'order_number', 'ordernumber'] },
  { name: 'product_id', members: ['product_id', 'productid', 'prod_id', 'prodid', 'item_id', 'itemid'] },
  { name: 'amount', members: ['amount', 'total', 'total_amount', 'totalamount', 'sum', 'value'] },
  { name: 'price', members: ['price', 'unit_price', 'unitprice', 'cost', 'rate'] },
  { name: 'quantity', members: ['quantity', 'qty', 'count', 'num', 'number'] },
  { name: 'status', members: ['status', 'state', 'condition', 'status_code', 'statuscode'] },
  { name: 'description', members: ['description', 'desc', 'details', 'notes', 'comment', 'comments'] },
];

const NORMALIZED = SYNONYM_GROUPS.map((g) => new Set(g.members.map(normalizeName)));

/** Indexes of the groups that contain this normalized name, in group order. */
export function groupsContaining(normalized: string): number[] {
  const out: number[] = [];
  NORMALIZED.forEach((members, i) => {
    if (members.has(normalized)) out.push(i);
  });
  return out;
}

/** The first group containing this normalized name, or -1. */
export function firstGroupOf(normalized: string): number {
  return NORMALIZED.findIndex((members) => members.has(normalized));
}
