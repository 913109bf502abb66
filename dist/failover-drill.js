// The entry of the failover-drill action; the code is in index.js.
import { runCommand } from './index.js';

await runCommand('failover-drill');
