// The entry of the deploy action; the code is in index.js.
import { runCommand } from './index.js';

await runCommand('deploy');
