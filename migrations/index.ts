import { InitialSchema1764201600000 } from "./1764201600000-initial-schema";

/** Every migration, oldest first. Listed here so that ts-jest and the compiled hub load the same set. */
export const migrations = [InitialSchema1764201600000];
