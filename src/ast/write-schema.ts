import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAstSchema } from './schema.js';

// Regenerates schemas/ast.schema.json: `npm run build && node dist/src/ast/write-schema.js`.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const file = path.join(root, 'schemas', 'ast.schema.json');
writeAstSchema(file);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
