// Test helper (`node --import`): runs the CLI from its TypeScript sources and records the modules it loads.
import { register } from 'node:module';
import { URL } from 'node:url';

register(new URL('../../src/checker/ts-dev-loader.mjs', import.meta.url));
register(new URL('./module-recorder.mjs', import.meta.url));
