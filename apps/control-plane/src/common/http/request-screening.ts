import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@podium/protocol';
import { MAX_JSON_DEPTH, screenJson } from '../validation/storable-json';

/** The parts of a request a client writes, in the order a problem names them. */
const PARTS = [
  ['path', (request: FastifyRequest) => request.params],
  ['query string', (request: FastifyRequest) => request.query],
  ['request body', (request: FastifyRequest) => request.body],
] as const;

/**
 * Every route, before any guard, pipe, handler or service: text PostgreSQL cannot store and
 * JSON nested too deep are a 422 here, not a 500 from an insert or a stack overflow later.
 * Runs once the body is parsed (preValidation) and covers not-found routes too.
 */
export function installRequestScreening(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    done(screeningFailure(request));
  });
}

function screeningFailure(request: FastifyRequest): AppError | undefined {
  for (const [part, read] of PARTS) {
    const screening = screenJson(read(request));
    if (screening.kind === 'too-deep') {
      return AppError.validation(
        [{ path: screening.path, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` }],
        `The ${part} is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays.`,
      );
    }
    if (screening.kind === 'unstorable-text') {
      return AppError.validation(
        screening.errors,
        `Text in the ${part} cannot be stored: NUL characters and unpaired UTF-16 surrogates are refused.`,
      );
    }
  }
  return undefined;
}
