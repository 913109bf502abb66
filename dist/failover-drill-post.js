// The post step of the failover-drill action; the code is in index.js.
import { runPost } from './index.js';

await runPost('failover-drill');
