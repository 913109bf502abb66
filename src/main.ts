// Bundle entry: dist/index.js exports runCommand; dist/<action>.js are tiny entries that
// call it (scripts/build.mjs writes them), so every action shares one copy of the code.
export { runCommand } from './actions/runner.ts';
