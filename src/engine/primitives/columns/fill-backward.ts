/** `fill_backward` (§4.2) shares its implementation with `fill_forward`, mirrored. */
export { fillBackward } from './fill-forward.js';
