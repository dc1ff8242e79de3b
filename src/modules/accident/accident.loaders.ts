import type { DataSource } from "typeorm";
import { groupLoader, perArguments } from "../../db/loader";
import { addYears, today } from "../../shared/clock";
import { ACCIDENT_COLUMNS, Accident } from "./accident.types";

export function createAccidentLoaders(db: DataSource) {
  return {
    accidentsSince: perArguments((args: { sinceYears: number }) =>
      groupLoader<string, Accident>(
        (ids) =>
          db.query(
            `SELECT ${ACCIDENT_COLUMNS} FROM accident a WHERE a.enterprise_id = ANY($1) AND a.occurred_on >= $2::date
             ORDER BY a.occurred_on DESC, a.id`,
            [ids, addYears(today(), -args.sinceYears)],
          ),
        (a) => a.enterpriseId,
      ),
    ),
  };
}
