import { MemoryStateStore } from 'switchyard';
import { runStateStoreConformance } from '../../src/testing/index.js';

runStateStoreConformance({ newStore: () => new MemoryStateStore() });
