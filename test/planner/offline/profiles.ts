import { readFileSync } from 'node:fs';
import path from 'node:path';
import { profileTable, readCsv, type Profile } from '../../../src/engine/index.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../../samples');

/** Small synthetic tables whose columns have real types (numbers, dates, booleans) next to text. */
const SYNTHETIC: Record<string, string> = {
  shop: [
    'order_id,customer,email,country,status,price,quantity,discount,order_date,ship_date,region,category,tags,notes,zip,paid',
    '1001,Ann Lee,ann@example.com,US,active,350.5,2,0.1,2024-01-05,2024-01-07,North,Books,"red, blue",first order,02134,true',
    '1002,bob ray,BOB@EXAMPLE.ORG,CA,inactive,120,3,,2024-02-10,2024-02-15,south,Toys,blue,,90210,false',
    '1003,Cy Day,,US,Active,80.25,1,0.05,2024-03-15,,East,Books,green,rush,10001,true',
    '1004,Dee Fox,dee@example.com,MX,cancelled,999,10,0,2024-03-20,2024-03-22,West,Games,,gift wrap,30301,',
    '1005,Ed Ng,ed@example.net,US,active,45,4,0.2,2024-04-01,2024-04-03,north,Toys,red,,60601,false',
    '1006,Flo Oz,flo@example.com,US,active,60,2,0.1,2024-04-02,2024-04-05,South,Books,blue,,02134,true',
  ].join('\n'),
  people: [
    'id,first_name,last_name,full_name,email,phone,mobile,gender,age,city,company,signup_date,score,balance',
    '1,  Ann ,Lee,Ann Lee,ann@example.com,(555) 123-4567,555-000-1111,F,34,Boston,Acme,2023-05-01,88,-12.5',
    '2,bob,RAY,bob ray,bob@example.org,555.222.3333,,male,,new york,,2023-06-15,72,40',
    '3,Cy,Day,Cy Day,,5553334444,5559990000,M,51,Chicago,Initech,2023-07-20,95,0',
    '4,Dee,fox,Dee Fox,dee@example.com,,555-111-2222,Female,28,boston,Acme,2023-08-05,60,150.75',
    '5,Eve,Ng,Eve Ng,eve@example.com,555 444 5555,,female,45,Chicago,Globex,2023-09-09,81,-3',
  ].join('\n'),
  sales: [
    'month,region,rep,revenue,cost,units,jan,feb,mar',
    '2024-01-01,North,ann,1200,800,12,10,20,30',
    '2024-02-01,South,bob,950.5,700,9,11,21,31',
    '2024-03-01,North,ann,1430,900,15,12,22,32',
    '2024-04-01,East,cy,610,400,5,13,23,33',
  ].join('\n'),
};

const cache = new Map<string, Profile>();

/** The engine's profile of a sample file (`samples/<name>.csv`) or of a synthetic table above. */
export function profileOf(name: string): Profile {
  let profile = cache.get(name);
  if (!profile) {
    const bytes = name in SYNTHETIC ? new TextEncoder().encode(`${SYNTHETIC[name]}\n`) : readFileSync(path.join(SAMPLES, `${name}.csv`));
    const { table, ingest } = readCsv(bytes);
    profile = profileTable(table, ingest);
    cache.set(name, profile);
  }
  return profile;
}
