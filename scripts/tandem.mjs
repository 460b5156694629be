#!/usr/bin/env node
// `tandem` (`npm run --silent tandem -- <command>`): runs the command line compiled ahead of time
// (build/cli), compiling it first when it is missing or older than its sources.
import { pathToFileURL } from 'node:url';
import { compiledCli } from './cli-launch.mjs';

const { main } = await compiledCli();
await import(pathToFileURL(main).href);
