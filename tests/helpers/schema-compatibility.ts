import fs from "node:fs";
import path from "node:path";
import { type BreakingChange, buildSchema, findBreakingChanges, findDangerousChanges } from "graphql";

export const RELEASED_DIR = path.join(__dirname, "../../schema/released");

/** The announcements: a breaking change may ship only when its description is listed here, with why. */
interface Announcements {
  released: string;
  breakingChanges: { description: string; reason: string; announced: string }[];
}

/**
 * The breaking changes of `current` against the last released schema that no announcement names:
 * what would break an agency's client (a removed field or type, a changed argument, a value no
 * longer accepted) without warning.
 */
export function unannouncedBreakingChanges(current: string, dir = RELEASED_DIR): { released: string; unannounced: BreakingChange[]; dangerous: string[] } {
  const announcements = JSON.parse(fs.readFileSync(path.join(dir, "announced-changes.json"), "utf8")) as Announcements;
  const released = buildSchema(fs.readFileSync(path.join(dir, `${announcements.released}.graphql`), "utf8"));
  const next = buildSchema(current);
  const announced = new Set(announcements.breakingChanges.map((c) => c.description));
  return {
    released: announcements.released,
    unannounced: findBreakingChanges(released, next).filter((c) => !announced.has(c.description)),
    dangerous: findDangerousChanges(released, next).map((c) => c.description),
  };
}
