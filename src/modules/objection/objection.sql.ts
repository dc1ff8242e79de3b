/**
 * The objection mark (异议标注): true while an objection about the record is PENDING. Every kind
 * of record reads its `underObjection` through this, one probe of the pending-objection index.
 * `target` is an ObjectionTarget value; `id` the SQL expression of the record's key.
 */
export const pendingObjection = (target: string, id: string) =>
  `EXISTS (SELECT 1 FROM objection o WHERE o.target = '${target}' AND o.target_id = (${id})::text AND o.status = 'PENDING')`;
