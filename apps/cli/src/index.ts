export { main, EXIT_INTERNAL, EXIT_INVALID_INPUT, type CliIo } from './main.js';
export { jsonSchemas } from './json-schemas.js';
