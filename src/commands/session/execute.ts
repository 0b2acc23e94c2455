import type { Service } from '../../service/service.js';
import { handleCommand, type CommandContext, type CommandResult } from '../handle-command.js';
import { sessionDecider, sessionStream, type SessionCommand } from './session-decider.js';
import type { SessionState } from './session-state.js';

/** Runs a session command and returns once the read tables show it (read-your-writes, bounded wait). */
export async function executeSessionCommand(
  service: Pick<Service, 'store' | 'settle'>,
  command: SessionCommand,
  context: CommandContext,
): Promise<CommandResult<SessionState>> {
  const result = await handleCommand(service.store, sessionStream(command.sessionId), sessionDecider, command, context);
  if (result.append) await service.settle(result.append.checkpoint);
  return result;
}
