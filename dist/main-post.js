// The post step of the umbrella action; the code is in index.js.
import { runPost } from './index.js';

await runPost();
