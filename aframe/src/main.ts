/** Entry point of the `aframe` executable (see bin/aframe.mjs): `aframe <project> <command> [args]`. */
import { runCli } from '@aframe/cli';
import { registry } from './registry.ts';

process.exitCode = await runCli(process.argv.slice(2), registry);
