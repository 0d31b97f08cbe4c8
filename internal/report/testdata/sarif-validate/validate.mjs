// Validates SARIF logs against the SARIF 2.1.0 JSON schema with Ajv and
// checks that every rule descriptor has the security-severity that code
// scanning ranks alerts by.
//
//   node validate.mjs SCHEMA LOG...
//
// Prints one JSON object per log ({"file", "rules", "results", "errors"})
// and exits 1 when any log has an error.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...logs] = process.argv.slice(2);
if (!schemaPath || logs.length === 0) {
  console.error("usage: node validate.mjs SCHEMA LOG...");
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = false;
for (const file of logs) {
  const log = JSON.parse(readFileSync(file, "utf8"));
  const errors = [];
  if (!validate(log)) {
    for (const e of validate.errors) errors.push(`schema: ${e.instancePath || "/"} ${e.message}`);
  }
  let rules = 0;
  let results = 0;
  for (const [i, run] of (log.runs || []).entries()) {
    for (const [j, rule] of (run.tool?.driver?.rules || []).entries()) {
      rules++;
      const where = `/runs/${i}/tool/driver/rules/${j} (${rule.id})`;
      const sev = rule.properties?.["security-severity"];
      if (typeof sev !== "string" || !/^\d+(\.\d+)?$/.test(sev) || Number(sev) < 0 || Number(sev) > 10) {
        errors.push(`${where}: security-severity ${JSON.stringify(sev)} is not a number from 0.0 to 10.0 in a string`);
      }
    }
    results += (run.results || []).length;
  }
  if (errors.length) failed = true;
  console.log(JSON.stringify({ file, rules, results, errors }));
}
process.exit(failed ? 1 : 0);
