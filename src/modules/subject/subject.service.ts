import type { DataSource } from "typeorm";
import type { SubjectActor } from "../../auth/actor";
import { generateSubjectKey, hashApiKey } from "../../auth/api-key";
import type { SubjectDirectory } from "../../auth/identity";
import type { JwtSubject } from "../../auth/jwt";
import { preparedQuery } from "../../db/prepared";
import { creditCodeProblem } from "../../shared/identifiers";
import { badInput, notFound } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";

/** A subject key as an operator lists it (never the key itself: only its hash is stored). */
export interface SubjectKey {
  id: string;
  creditCode: string;
  enterpriseName: string;
  createdAt: Date;
  revokedAt: Date | null;
}

interface SubjectRow {
  id: string;
  enterpriseId: string;
  creditCode: string;
  personIds: string[];
}

// The enterprise and the persons who hold or held a post in it, in the statement that finds the key.
const SUBJECT_OF = (where: string) => `
  SELECT e.id AS "enterpriseId", e.credit_code AS "creditCode",
    ARRAY(SELECT DISTINCT rp.person_id FROM responsible_person rp WHERE rp.enterprise_id = e.id) AS "personIds"
  FROM enterprise e WHERE ${where}`;

const toActor = (row: SubjectRow, subjectId: string): SubjectActor => ({
  kind: "subject",
  subjectId,
  enterpriseId: row.enterpriseId,
  creditCode: row.creditCode,
  personIds: new Set(row.personIds),
});

/**
 * Enterprises' own keys (the SUBJECT audience): issued and revoked by an operator with
 * `hub subject`, stored as a hash like agencies' keys, and found again by one index probe.
 */
export class SubjectService implements SubjectDirectory {
  constructor(private readonly db: DataSource) {}

  /** Issues a key for the enterprise with this credit code; the key is returned once and never stored. */
  async create(creditCode: string): Promise<{ key: SubjectKey; token: string }> {
    const problem = creditCodeProblem(creditCode);
    if (problem) throw badInput("creditCode", problem);
    const token = generateSubjectKey();
    const [row] = await this.db.query(
      `WITH e AS (SELECT id, credit_code, name FROM enterprise WHERE credit_code = $1),
         ins AS (INSERT INTO subject_key (enterprise_id, key_hash) SELECT id, $2 FROM e RETURNING id, created_at, revoked_at)
       SELECT ins.id, e.credit_code AS "creditCode", e.name AS "enterpriseName", ins.created_at AS "createdAt", ins.revoked_at AS "revokedAt"
       FROM ins, e`,
      [creditCode, hashApiKey(token)],
    );
    if (!row) throw notFound(`No enterprise with credit code ${creditCode}.`, "creditCode");
    return { key: row, token };
  }

  list(): Promise<SubjectKey[]> {
    return this.db.query(
      `SELECT k.id, e.credit_code AS "creditCode", e.name AS "enterpriseName", k.created_at AS "createdAt", k.revoked_at AS "revokedAt"
       FROM subject_key k JOIN enterprise e ON e.id = k.enterprise_id ORDER BY k.created_at, k.id`,
    );
  }

  /** Revokes a key: its calls are UNAUTHENTICATED from the next request on. Revoking twice keeps the first date. */
  async revoke(id: string): Promise<SubjectKey> {
    const [row] = isUuid(id)
      ? await this.db.query(
          `WITH upd AS (UPDATE subject_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id, enterprise_id, created_at, revoked_at)
           SELECT upd.id, e.credit_code AS "creditCode", e.name AS "enterpriseName", upd.created_at AS "createdAt", upd.revoked_at AS "revokedAt"
           FROM upd JOIN enterprise e ON e.id = upd.enterprise_id`,
          [id],
        )
      : [];
    if (!row) throw notFound(`No subject key with id ${id}.`, "id");
    return row;
  }

  async findByKey(token: string): Promise<SubjectActor | null> {
    // Every request with a subject key runs this: a prepared statement.
    const [row] = await preparedQuery<SubjectRow>(
      this.db,
      `SELECT k.id, s.* FROM subject_key k CROSS JOIN LATERAL (${SUBJECT_OF("e.id = k.enterprise_id")}) s
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hashApiKey(token)],
    );
    return row ? toActor(row, row.id) : null;
  }

  /** A JWT names its enterprise by credit code; an enterprise the hub does not know has no record to read. */
  async findByClaim(identity: JwtSubject): Promise<SubjectActor | null> {
    const [row] = await preparedQuery<SubjectRow>(this.db, SUBJECT_OF("e.credit_code = $1"), [identity.creditCode]);
    return row ? toActor(row, identity.externalId) : null;
  }
}
