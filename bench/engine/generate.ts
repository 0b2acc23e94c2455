/**
 * The benchmark's messy customer/sales table (issue 3, point 7): ten columns, deterministic for a seed.
 *
 *   id           1, 2, 3, … ; ~2 % of rows are exact copies of an earlier row (same id and every other cell)
 *   name         first + last name, mixed case (Title, lower, UPPER), ~15 % with stray leading/trailing spaces
 *   email        first.last<n>@domain, 5 % empty
 *   country      ~20 countries, mixed case
 *   signup_date  ISO YYYY-MM-DD in 2018–2024, 3 % empty
 *   amount       0.01–999.99 with two decimals, 4 % empty
 *   quantity     1–10
 *   status       active / inactive / pending
 *   phone        one number in five formats: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, 5551234567
 *   notes        free text, often empty, with commas and double quotes (quoted fields)
 *
 *   node --import tsx bench/engine/generate.ts 100000 out.csv [seed]
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../../src/engine/values/random.js';

export const HEADER = 'id,name,email,country,signup_date,amount,quantity,status,phone,notes';

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Amélie', 'José', 'Zoë', 'Łukasz', 'Søren', 'Ngozi', 'Hiroshi', 'Priya', 'Chen', 'Fatima'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', "O'Neil", 'Müller', 'Dubois', 'Rossi', 'Nakamura', 'Okafor', 'Kowalski', 'Andersen', 'Singh', 'Haddad'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'example.org', 'company.co.uk', 'mail.de'];
const COUNTRIES = ['United States', 'Canada', 'Mexico', 'Brazil', 'Argentina', 'United Kingdom', 'France', 'Germany', 'Spain', 'Italy', 'Netherlands', 'Sweden', 'Poland', 'Nigeria', 'Kenya', 'India', 'China', 'Japan', 'Australia', 'New Zealand'];
const NOTES = [
  'Called twice, no answer',
  'Prefers "email" over phone',
  'VIP customer, handle with care',
  'Asked about the "premium, annual" plan',
  'Moved from another account',
  'Refund issued, see ticket #4411',
  'Said: "call me after 5pm, not before"',
  'n/a',
];

/** Weighted pick of status: 60 % active, 25 % inactive, 15 % pending. */
function status(r: number): string {
  return r < 0.6 ? 'active' : r < 0.85 ? 'inactive' : 'pending';
}

function casing(text: string, r: number): string {
  return r < 0.6 ? text : r < 0.8 ? text.toLowerCase() : text.toUpperCase();
}

const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function phone(rand: () => number): string {
  const a = 200 + Math.floor(rand() * 800);
  const b = 200 + Math.floor(rand() * 800);
  const c = pad(Math.floor(rand() * 10_000), 4);
  switch (Math.floor(rand() * 5)) {
    case 0:
      return `(${a}) ${b}-${c}`;
    case 1:
      return `${a}-${b}-${c}`;
    case 2:
      return `${a}.${b}.${c}`;
    case 3:
      return `+1 ${a} ${b} ${c}`;
    default:
      return `${a}${b}${c}`;
  }
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2018, 0, 1) / DAY_MS;
const DAYS = Date.UTC(2025, 0, 1) / DAY_MS - FIRST_DAY;

/** One fresh (not duplicated) row for `id`. Every cell draws from `rand` in a fixed order. */
function row(id: number, rand: () => number): string {
  const first = FIRST[Math.floor(rand() * FIRST.length)];
  const last = LAST[Math.floor(rand() * LAST.length)];
  let name = casing(`${first} ${last}`, rand());
  const space = rand();
  if (space < 0.05) name = `  ${name}`;
  else if (space < 0.1) name = `${name} `;
  else if (space < 0.15) name = ` ${name}  `;
  const email = rand() < 0.05 ? '' : `${first}.${last}${Math.floor(rand() * 1000)}@${DOMAINS[Math.floor(rand() * DOMAINS.length)]}`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  const country = casing(COUNTRIES[Math.floor(rand() * COUNTRIES.length)], rand());
  const date = rand() < 0.03 ? '' : new Date((FIRST_DAY + Math.floor(rand() * DAYS)) * DAY_MS).toISOString().slice(0, 10);
  const amount = rand() < 0.04 ? '' : (1 + Math.floor(rand() * 99_999)) / 100;
  const quantity = 1 + Math.floor(rand() * 10);
  const st = status(rand());
  const ph = phone(rand);
  const notes = rand() < 0.6 ? '' : NOTES[Math.floor(rand() * NOTES.length)];
  return `${id},${quote(name)},${email},${country},${date},${amount},${quantity},${st},${ph},${quote(notes)}`;
}

/**
 * Writes `rows` data rows (duplicates included) after the header to `file`, streaming, and returns the byte count.
 * The same rows and seed always give the same bytes.
 */
export function generateCsv(file: string, rows: number, seed = 20240601): number {
  const rand = mulberry32(seed);
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let chunk: string[] = [HEADER];
  const recent: string[] = [];
  let id = 0;
  const flush = () => {
    const text = chunk.join('\n') + '\n';
    bytes += fs.writeSync(fd, text);
    chunk = [];
  };
  try {
    for (let i = 0; i < rows; i++) {
      // An exact duplicate repeats one of the last 1000 fresh rows: copies sit near their originals, as re-imports do.
      const line = recent.length > 0 && rand() < 0.02 ? recent[Math.floor(rand() * recent.length)] : row(++id, rand);
      if (recent.length < 1000) recent.push(line);
      else recent[id % 1000] = line;
      chunk.push(line);
      if (chunk.length >= 50_000) flush();
    }
    if (chunk.length > 0) flush();
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [rows, file, seed] = process.argv.slice(2);
  if (!rows || !file) {
    console.error('Usage: node --import tsx bench/engine/generate.ts ROWS OUT.csv [SEED]');
    process.exit(2);
  }
  const bytes = generateCsv(file, Number(rows), seed === undefined ? undefined : Number(seed));
  console.log(`${rows} rows, ${bytes} bytes → ${file}`);
}
