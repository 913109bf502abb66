// The entry of the backup action; the code is in index.js.
import { runCommand } from './index.js';

await runCommand('backup');
