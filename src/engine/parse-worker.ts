import { parentPort } from 'node:worker_threads';
import { loadParser } from './parser.js';

export interface WorkerRequest {
  id: number;
  file: string;
  content: string | Uint8Array;
}

export type WorkerResponse =
  | { id: number; ok: true; text: string; ast: unknown }
  | { id: number; ok: false; error: string };

const parse = await loadParser();
parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    const { ast, text } = parse(request.content, request.file);
    response = { id: request.id, ok: true, text, ast };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
