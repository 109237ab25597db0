// Test helper (`node --import`): runs the CLI from its TypeScript sources, for worker processes.
import { register } from 'node:module';
import { URL } from 'node:url';

register(new URL('../../src/checker/ts-dev-loader.mjs', import.meta.url));
