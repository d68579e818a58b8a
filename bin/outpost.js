#!/usr/bin/env node
// The `outpost` command. The CLI is TypeScript; tsx runs it directly so there is no separate compile step.
const { pathToFileURL } = require('node:url');
const path = require('node:path');
(async () => {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(__dirname, '..', 'lib', 'cli', 'main.ts')).href);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
