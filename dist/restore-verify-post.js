// The post step of the restore-verify action; the code is in index.js.
import { runPost } from './index.js';

await runPost('restore-verify');
