#!/usr/bin/env node
// Entry point of the `posbridge` command; the code lives in dist/ (built by `npm ci` via prepare).
import { main } from '../dist/bridge/cli.js';

await main(process.argv.slice(2));
