import "reflect-metadata";
import fs from "node:fs";
import { SCHEMA_FILE, buildHubSchema, printHubSchema } from "./build-schema";

/** `npm run emit-schema`: rewrites schema/schema.graphql from the code. */
buildHubSchema()
  .then((schema) => {
    fs.writeFileSync(SCHEMA_FILE, printHubSchema(schema));
    console.log(`wrote ${SCHEMA_FILE}`);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
