import { ConfigError, Router, RouterError, type RouterOptions } from 'switchyard';
import { expect } from 'vitest';

/** The ConfigError `build` throws; fails the test if it throws nothing or something else. */
export function configErrorOf(build: () => unknown): ConfigError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(RouterError);
    return error as ConfigError;
  }
  return expect.fail('expected a ConfigError');
}

/** The ConfigError a router built from `options` throws; typed loosely, as the options are wrong on purpose. */
export function routerConfigError(options: unknown): ConfigError {
  return configErrorOf(() => new Router(options as RouterOptions));
}

/** What `promise` rejects with, or undefined when it resolves. */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}
