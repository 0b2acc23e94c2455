/**
 * BullMQ rejects custom job ids that contain ':' (its Redis key separator) or that read as integers (they would
 * collide with its own counter ids). Event ids are UUIDs today, but the port takes any string, so ids are escaped
 * reversibly: '%' → '%25', ':' → '%3A', and an integer-looking id gets its first character escaped ('42' → '%342').
 * The escaped form contains only these escapes, so `decodeURIComponent` restores the original exactly.
 */
export function encodeJobId(id: string): string {
  const escaped = id.replace(/%/g, '%25').replace(/:/g, '%3A');
  if (`${Number.parseInt(escaped, 10)}` !== escaped) return escaped;
  return `%${escaped.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${escaped.slice(1)}`;
}

export function decodeJobId(jobId: string): string {
  return decodeURIComponent(jobId);
}
