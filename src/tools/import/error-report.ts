import fs from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import type { RowError } from "../../db/import-feed";


/**
 * `<file>.errors.csv`: line,field,message for each refused row. The file is created at the
 * first error only; a run without errors removes the report of an earlier run, which would
 * now be wrong.
 */
export class ErrorReport {
  private out: fs.WriteStream | null = null;
  private failure: Error | null = null;

  constructor(readonly path: string) {}

  async add(error: RowError): Promise<void> {
    if (!this.out) {
      this.out = fs.createWriteStream(this.path);
      // Kept until the next write or close throws it: an error event nobody listens to would crash the process.
      this.out.on("error", (err) => (this.failure ??= err));
      await this.put(["line", "field", "message"]);
    }
    await this.put([error.line, error.field, error.message]);
  }

  /** Ends the report; answers its path, or null when no row was refused. */
  async close(): Promise<string | null> {
    if (!this.out) {
      fs.rmSync(this.path, { force: true });
      return null;
    }
    this.out.end();
    await finished(this.out);
    if (this.failure) throw this.failure;
    return this.path;
  }

  /** Gives up the report when the import fails part way. */
  destroy(): void {
    this.out?.destroy();
  }

  private async put(row: (string | number)[]): Promise<void> {
    if (this.failure) throw this.failure;
    // A feed that is mostly bad must not pile its report up in memory while the disk catches up.
    if (!this.out!.write(stringify([row]))) await once(this.out!, "drain");
  }
}
