import { describe, expect, it } from 'vitest';
import { plan } from './helpers.js';

describe('replies in the original wording', () => {
  it('one step: "I\'ll <explanation>."', async () => {
    expect((await plan('remove rows where price > 300', 'shop')).reply).toBe("I'll remove rows where price is greater than 300.");
    expect((await plan('keep only rows where country is US', 'shop')).reply).toBe("I'll keep only rows where country is 'US'.");
  });

  it('several steps are listed in order', async () => {
    const result = await plan('lowercase country, then sort by order_date descending', 'shop');
    expect(result.reply).toBe("I'll make 2 changes:\n1. Change country to lowercase.\n2. Sort rows by order_date (descending).");
    expect(result.steps.map((s) => s.explanation)).toEqual(['Change country to lowercase', 'Sort rows by order_date (descending)']);
  });

  it('offers to fix another issue the profile shows for a touched column', async () => {
    const result = await plan('trim company', 'messy_marketing_leads');
    expect(result.reply).toBe("I'll trim leading and trailing whitespace in company. 'company' has 1 missing value. Want me to fix those too?");
    expect((await plan('delete rows where status is inactive', 'shop')).reply).toBe("I'll remove rows where status is 'inactive'. 'status' has inconsistent capitalization. Want me to fix that too?");
    expect((await plan('trim names and remove duplicate emails', 'messy_marketing_leads')).reply).toBe(
      "I'll make 2 changes:\n1. Trim leading and trailing whitespace in first_name and last_name.\n2. Remove rows with a duplicate email.\n'first_name' has inconsistent capitalization. Want me to fix that too?",
    );
  });

  it('offers nothing the plan already settles', async () => {
    expect((await plan("fill empty company with 'Unknown'", 'messy_marketing_leads')).reply).toBe("I'll fill blank company with 'Unknown'.");
    expect((await plan('lowercase city', 'people')).reply).toBe("I'll change city to lowercase.");
  });

  it('a fuzzy column match lowers the confidence but still plans', async () => {
    const exact = await plan('sort by customer', 'shop');
    const typo = await plan('sort by custmer', 'shop');
    expect(typo.steps).toEqual(exact.steps);
    expect(exact.confidence).toBe(0.95);
    expect(typo.confidence).toBe(0.75);
  });

  it('is deterministic: the same message and profile give the same result', async () => {
    const message = 'trim names and remove duplicate emails, then sort by lead_score descending';
    expect(await plan(message, 'messy_marketing_leads')).toEqual(await plan(message, 'messy_marketing_leads'));
  });

  it('honours an aborted signal', async () => {
    const { createOfflinePlanner } = await import('../../../src/planner/offline/index.js');
    const { profileOf } = await import('./profiles.js');
    const controller = new AbortController();
    controller.abort();
    await expect(createOfflinePlanner().plan({ message: 'remove duplicates', profile: profileOf('shop') }, { signal: controller.signal })).rejects.toThrow();
    expect(createOfflinePlanner().kind).toBe('offline');
  });
});
