import {
  applyNoteInputSchema,
  errorSchema,
  idParams,
  noteInputSchema,
  noteListSchema,
  noteParams,
  noteResultSchema,
} from '@triage/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { applyNote, createNote, leadNotes } from './notes.service';

export const notesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['notes'];
  app.post('/leads/:id/notes', {
    bodyLimit: 512 * 1024,
    schema: {
      tags,
      summary:
        'Store call notes or a transcript and return what they reveal (evidence, red flags, question coaching)',
      params: idParams,
      body: noteInputSchema,
      response: { 201: noteResultSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createNote(ctx, request.auth, request.params.id, request.body)),
  });
  app.get('/leads/:id/notes', {
    schema: {
      tags,
      summary: "The lead's notes with their analyses, newest first",
      params: idParams,
      response: { 200: noteListSchema, 404: errorSchema },
    },
    handler: (request) => leadNotes(ctx, request.auth, request.params.id),
  });
  app.post('/leads/:id/notes/:noteId/apply', {
    schema: {
      tags,
      summary: "Apply a note's extracted evidence to the assessment (only criteria not set by a rep)",
      params: noteParams,
      body: applyNoteInputSchema,
      response: { 200: noteResultSchema, 400: errorSchema, 404: errorSchema },
    },
    handler: (request) =>
      applyNote(ctx, request.auth, request.params.id, request.params.noteId, request.body.criteria),
  });
};
