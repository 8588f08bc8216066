/** FNV-1a of a patient id: the bucket (0..n-1) its resources are gathered in, the same in every thread. */
export function bucketOf(patientId: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < patientId.length; i++) {
    h ^= patientId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}
