import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { executeModuleCommand } from '../../commands/module/execute.js';
import { findDeployedModule, moduleObject } from '../../queries/modules.js';
import { findSession } from '../../queries/sessions.js';
import type { Service } from '../../service/service.js';
import { actorOf, commandContext } from '../request-context.js';
import { sessionParams } from '../schemas.js';

/** Deploy, undeploy and read the module (API.md §6, §11.1–11.2). */
export function moduleRoutes(service: Service): FastifyPluginAsyncZod {
  const db = service.database.db;
  return async (app) => {
    app.post('/sessions/:id/deploy', { schema: { tags: ['modules'], summary: 'Deploy the current version as the next module version', params: sessionParams } }, async (request) => {
      const context = commandContext(service, request);
      const result = await executeModuleCommand(
        service,
        { type: 'DeployModule', actor: actorOf(request), sessionId: request.params.id, deployedAt: context.now.toISOString() },
        context,
      );
      const deployed = result.events.find((e) => e.type === 'ModuleDeployed')!;
      const data = deployed.type === 'ModuleDeployed' ? deployed.data : undefined;
      return {
        session_id: request.params.id,
        status: 'deployed',
        deployed_node_id: data!.deployed_node_id,
        deployed_at: context.now,
        module_version: data!.module_version,
        message: 'Module deployed successfully',
      };
    });

    app.delete('/sessions/:id/deploy', { schema: { tags: ['modules'], summary: 'Undeploy the module (runs stop being accepted)', params: sessionParams } }, async (request) => {
      await executeModuleCommand(service, { type: 'UndeployModule', actor: actorOf(request), sessionId: request.params.id }, commandContext(service, request));
      return { session_id: request.params.id, status: 'draft', deployed_node_id: null, message: 'Module undeployed' };
    });

    app.get('/sessions/:id/module', { schema: { tags: ['modules'], summary: 'The deployed module and its schema contract', params: sessionParams } }, async (request) => {
      const session = await findSession(db, request.params.id, actorOf(request));
      return moduleObject(await findDeployedModule(db, session));
    });
  };
}
