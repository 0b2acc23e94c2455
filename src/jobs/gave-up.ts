/** The failure a job records when its last attempt fails: that retrying already happened, what went wrong, and that nothing changed. */
export function gaveUpMessage(detail: string, attempts: number): string {
  return `Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${detail.replace(/[.\s]*$/, '')}. Nothing was changed.`;
}
