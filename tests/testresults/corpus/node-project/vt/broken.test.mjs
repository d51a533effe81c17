import { x } from './does-not-exist.mjs';
import { test } from 'vitest';
test('never runs', () => { x(); });
