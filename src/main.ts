// Bundle entry: dist/index.js exports runCommand and runPost; dist/<action>.js and
// dist/<action>-post.js are tiny entries that call them (scripts/build.ts writes them), so
// every action shares one copy of the code.
export { runCommand, runPost } from './actions/runner.ts';
