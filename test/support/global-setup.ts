import { postgresUrl, redisUrl } from './services.js';

/** Says once, at the top of the run, which real services the suites will use or skip. */
export default async function setup(): Promise<void> {
  const [pg, redis] = await Promise.all([postgresUrl(), redisUrl()]);
  console.log(`services: postgres ${pg ? 'reachable' : 'NOT REACHABLE (suites skipped)'}, redis ${redis ? 'reachable' : 'NOT REACHABLE (suites skipped)'}`);
}
