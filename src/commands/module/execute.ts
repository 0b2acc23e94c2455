import type { Service } from '../../service/service.js';
import { handleCommand, type CommandContext, type CommandResult } from '../handle-command.js';
import { sessionStream } from '../session/session-decider.js';
import { moduleDecider, type ModuleCommand } from './module-decider.js';
import type { ModuleState } from './module-state.js';

/** Runs a module command on the session's stream and returns once the read tables show it (bounded wait). */
export async function executeModuleCommand(service: Pick<Service, 'store' | 'settle'>, command: ModuleCommand, context: CommandContext): Promise<CommandResult<ModuleState>> {
  const result = await handleCommand(service.store, sessionStream(command.sessionId), moduleDecider, command, context);
  if (result.append) await service.settle(result.append.checkpoint);
  return result;
}
