// A request's (or response's) whole body, as bytes: the sandbox's servers read JSON, protobuf,
// XML and blobs this way, and decode once it is complete (a chunk may end inside a character).
import type { IncomingMessage } from 'node:http';

export async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
