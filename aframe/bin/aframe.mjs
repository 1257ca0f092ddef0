#!/usr/bin/env node
// The `aframe` executable: registers tsx so the TypeScript sources run directly (no build step),
// then hands over to src/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
