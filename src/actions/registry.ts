// Which module implements each command; loaded on demand so that an action's bundle chunk is
// read only when that action runs.
import type { Command } from '../inputs/spec.ts';
import type { RunnableAction } from './action.ts';

export async function loadAction(command: Command): Promise<RunnableAction> {
  switch (command) {
    case 'deploy':
      return (await import('./deploy.ts')).deploy;
    case 'backup':
      return (await import('./backup.ts')).backup;
    case 'restore-verify':
      return (await import('./restore-verify.ts')).restoreVerify;
    case 'failover-drill':
      return (await import('./failover-drill.ts')).failoverDrill;
    case 'teardown':
      return (await import('./teardown.ts')).teardown;
  }
}
