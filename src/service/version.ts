import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The service version (package.json); also recorded as the engine version on nodes. */
export const SERVICE_VERSION: string = pkg.version;
