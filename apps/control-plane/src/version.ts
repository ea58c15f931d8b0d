import fs from 'node:fs';
import path from 'node:path';

/** The control plane's package version (resolved the same from src/ and dist/). */
export const SERVICE_VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
