// Worker entry for ./pool.ts: registers tsx in this thread, then runs the default export of the
// TypeScript module each task names. (Importing the .ts module only after registration avoids a
// race between tsx's asynchronous loader hooks and the module graph's static imports.)
import { register } from 'tsx/esm/api';

register();
const modules = new Map();

export default async function run({ module, payload }) {
  let mod = modules.get(module);
  if (!mod) {
    mod = await import(module);
    modules.set(module, mod);
  }
  return mod.default(payload);
}
