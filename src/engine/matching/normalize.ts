/**
 * Column-name forms used by schema matching (API.md §11.4): the normalized form that comparisons use, and the
 * spelling variants a contract lists as alternative names.
 */

/** Lower-case, then delete spaces, `_`, `-` and `.`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, '');
}

/** Python's `str.title()`: the first letter of each run of letters upper-case, the others lower-case. */
export function titleCase(name: string): string {
  return name.replace(/[A-Za-z]+/g, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
}

/** lower, UPPER, Title, `_`→space, space→`_`, `-`→`_`, `_`→`-`, in that order. */
export function spellingVariants(name: string): string[] {
  return [
    name.toLowerCase(),
    name.toUpperCase(),
    titleCase(name),
    name.replaceAll('_', ' '),
    name.replaceAll(' ', '_'),
    name.replaceAll('-', '_'),
    name.replaceAll('_', '-'),
  ];
}
