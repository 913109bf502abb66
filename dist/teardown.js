// The entry of the teardown action; the code is in index.js.
import { runCommand } from './index.js';

await runCommand('teardown');
