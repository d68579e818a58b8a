#!/usr/bin/env node
// The `outpost` command. The CLI is TypeScript: tsx's hooks (CommonJS and ESM, as the tsx command
// registers them) run it directly, so there is no separate compile step to forget.
const path = require('node:path');
require('tsx/cjs/api').register();
import('tsx/esm/api')
  .then(({ register }) => {
    register();
    return import(require('node:url').pathToFileURL(path.join(__dirname, '..', 'lib', 'cli', 'main.ts')).href);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
