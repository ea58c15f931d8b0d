// dist/esm holds the ES module build that browsers get through the "browser" condition of
// `@podium/protocol/rest` (package.json "exports"): bundlers can drop what is unused there, and
// it imports zod's ES modules rather than its CommonJS build (which carries every locale). A
// package.json in the folder tells tools that its .js files are ES modules. Node itself never
// loads it: its imports are extensionless, for bundlers only.
import { writeFileSync } from 'node:fs';

writeFileSync(
  new URL('../dist/esm/package.json', import.meta.url),
  `${JSON.stringify({ type: 'module', sideEffects: false }, null, 2)}\n`,
);
