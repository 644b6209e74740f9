import { MemoryStateStore } from 'switchyard';
import { runStateStoreConformance } from '../../src/testing/index.js';

runStateStoreConformance({ name: 'MemoryStateStore', newStore: () => new MemoryStateStore() });
