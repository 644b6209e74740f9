import { describe, expect, it } from 'vitest';
import { SemanticIndex } from '../../../src/cache/semantic/semantic-index.js';

describe('the semantic index', () => {
  it('finds a question only within its own context', () => {
    const index = new SemanticIndex(10);
    index.add('context-a', 'key-1', [1, 0]);
    expect(index.nearest('context-a', [0.99, 0.1], 0.95)).toBe('key-1');
    expect(index.nearest('context-b', [0.99, 0.1], 0.95)).toBeUndefined();
    expect(index.nearest('context-a', [0, 1], 0.95)).toBeUndefined();
  });

  it('is bounded as a whole: past maxEntries the oldest question, whatever its context, is forgotten', () => {
    const index = new SemanticIndex(2);
    index.add('a', 'key-1', [1, 0]);
    index.add('b', 'key-2', [1, 0]);
    index.add('a', 'key-3', [0, 1]);
    expect(index.size).toBe(2);
    expect(index.nearest('a', [1, 0], 0.95)).toBeUndefined();
    expect(index.nearest('b', [1, 0], 0.95)).toBe('key-2');
    expect(index.nearest('a', [0, 1], 0.95)).toBe('key-3');
    index.delete('b', 'key-2');
    expect(index.nearest('b', [1, 0], 0.95)).toBeUndefined();
    expect(index.size).toBe(1);
  });
});
