/** `lead` (§4.5) is `lag` looking forward; both come from one definition in lag.ts. */
export { lead } from './lag.js';
