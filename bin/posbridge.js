#!/usr/bin/env node
// Entry point of the `posbridge` command; the code lives in dist/ (built by `npm ci` via prepare).
import { setFlagsFromString } from 'node:v8';

// The daemon keeps V8's young generation near its initial size instead of letting it grow to 32 MB: on
// an old POS PC about 8 MB less when idle and 30 MB less after a burst of preauths, for a few per cent
// more garbage-collection work. It is set here, before the daemon's code loads, because every way of
// starting the daemon runs this file (the tray app's child, a Windows service, `posbridge start`), and a
// packaged app cannot be given NODE_OPTIONS. (The size limit itself, --max-semi-space-size, is read only
// when Node starts; the growth factor is read at each collection.)
if (process.argv[2] === 'start') setFlagsFromString('--semi-space-growth-factor=1');

const { main } = await import('../dist/bridge/cli.js');
await main(process.argv.slice(2));
