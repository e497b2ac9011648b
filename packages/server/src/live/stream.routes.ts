import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';

const KEEP_ALIVE_MS = 25_000;

/** Server-Sent Events: one `leads` message per ingested batch, so open inboxes refresh without polling. */
export const streamRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Open streams never end by themselves; closing the app ends them so it does not wait forever.
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get('/stream', {
    schema: {
      tags: ['live'],
      summary: 'Server-Sent Events: a "leads" event whenever events for this workspace are ingested',
      response: { 200: z.string().describe('text/event-stream') },
    },
    handler: (request, reply) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');
      const unsubscribe = ctx.live.subscribe(request.auth.tenantId, (message) => {
        raw.write(`event: leads\ndata: ${JSON.stringify(message)}\n\n`);
      });
      const ping = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      const stop = () => {
        clearInterval(ping);
        unsubscribe();
        open.delete(end);
      };
      const end = () => {
        stop();
        raw.end();
      };
      open.add(end);
      request.raw.on('close', stop);
      raw.on('close', stop);
    },
  });
};
