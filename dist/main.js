// The entry of the umbrella action; the code is in index.js.
import { runCommand } from './index.js';

await runCommand();
