/**
 * Links tips that named an enterprise the hub did not know yet (alias-free, `$1` = the
 * enterprise's id), in the transaction that registers it: by credit code, or, when the reporter
 * gave none, by the exact name in the same city.
 */
export const LINK_PENDING_TIPS = `
UPDATE tip t SET enterprise_id = e.id FROM enterprise e
WHERE e.id = $1 AND t.enterprise_id IS NULL
  AND (t.credit_code = e.credit_code OR (t.credit_code IS NULL AND t.enterprise_name = e.name AND substr(t.region_code, 1, 4) = substr(e.region_code, 1, 4)))`;
