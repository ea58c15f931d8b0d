import type { FastifyInstance } from 'fastify';

/**
 * Request bodies are JSON or nothing. Fastify's JSON parser (with its prototype-poisoning
 * guard) reads them, except that an empty body counts as `{}`: clients send the JSON content
 * type on bodiless POSTs (`.../cancel`). Any other content type is refused with 415.
 */
export function installJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    if (text === '') done(null, {});
    else void parseJson(req, text, done);
  });
}
