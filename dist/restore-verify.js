// The entry of the restore-verify action; the code is in index.js.
import { runCommand } from './index.js';

await runCommand('restore-verify');
