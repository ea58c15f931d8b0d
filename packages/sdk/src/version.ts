import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * This SDK's version, read from its package.json: the one source of the number. The manifest
 * sits one directory above both `src/` (tests) and `dist/` (builds), and every install ships it.
 */
export const SDK_VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * What the agent reports as `dbos_version`: not a DBOS release, so control planes cannot
 * mistake it for one.
 */
export const SDK_VERSION_STRING = `podium-sdk/${SDK_VERSION}`;
