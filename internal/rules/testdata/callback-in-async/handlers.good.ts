import Fastify from "fastify";

// An error handler registered on the server: it is only ever called with
// an error, and returning the reply is how Fastify expects it to answer.
export async function buildApp() {
  const app = Fastify();
  app.setErrorHandler((error, request, reply) => {
    request.log.error(error);
    return reply.status(500).send({ message: error.message });
  });
  return app;
}
