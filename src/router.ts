import { randomUUID } from 'node:crypto';
import { BUILT_IN_PROVIDERS } from '../providers/index.js';
import { parseDeployment, parseRouterOptions, type RouterConfig } from './config/parse-router-options.js';
import type { RouterOptions } from './config/router-options.js';
import { describeDeployment, type Deployment, type DeploymentInfo } from './deployments/deployment.js';
import type { DeploymentConfig } from './deployments/deployment-config.js';
import { DeploymentRegistry } from './deployments/deployment-registry.js';
import { NotFoundError } from './errors/api-errors.js';
import type { RequestLabels, RouterEventListener, RouterEventName } from './events/event-types.js';
import { RouterEventBus } from './events/router-event-bus.js';
import { callChat, openChatStream, type AttemptSettings } from './pipeline/call-deployment.js';
import { ChatCompletionStream } from './pipeline/chat-completion-stream.js';
import type { CompletionOptions } from './pipeline/completion-options.js';
import { costFromPricing } from './pipeline/cost.js';
import type { StreamTracker } from './pipeline/stream-tracker.js';
import { validateRequest } from './pipeline/validate-request.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { Deadlines } from './transport/deadlines.js';
import { HttpTransport } from './transport/http-transport.js';
import type { ChatCompletion, ChatCompletionRequest, CompletionUsage } from './types/chat.js';

type StreamingRequest = ChatCompletionRequest & { stream: true };
type NonStreamingRequest = ChatCompletionRequest & { stream?: false | null };

/** What one `completion` call knows about itself, for its events. */
interface CallRecord {
  requestId: string;
  request: ChatCompletionRequest;
  options: CompletionOptions;
  startedAt: number;
  deployment: Deployment | undefined;
  attempts: number;
}

function labelsOf(options: CompletionOptions): RequestLabels {
  return {
    user: options.user,
    team: options.team,
    apiKeyId: options.apiKeyId,
    tags: options.tags,
    sessionId: options.sessionId,
    metadata: options.metadata,
  };
}

/**
 * Routes OpenAI-shaped chat completions across deployments of many providers, inside
 * this process. Build one per application; every router keeps its own state.
 */
export class Router {
  readonly #config: RouterConfig;
  readonly #providers: ReadonlyMap<string, ProviderAdapter>;
  readonly #registry: DeploymentRegistry;
  readonly #events: RouterEventBus;
  readonly #transport = new HttpTransport();
  readonly #deadlines = new Deadlines();
  /** Request ids are this router's random prefix and a sequence number: unique, and far cheaper than a UUID per call. */
  readonly #requestIdPrefix = randomUUID();
  #requestSequence = 0;

  constructor(options: RouterOptions) {
    this.#providers = new Map(BUILT_IN_PROVIDERS.map((p) => [p.name, p]));
    this.#config = parseRouterOptions(options, this.#providers);
    this.#registry = new DeploymentRegistry(this.#config.deployments);
    this.#events = new RouterEventBus(this.#config.callbacks);
  }

  completion(request: StreamingRequest, options?: CompletionOptions): Promise<ChatCompletionStream>;
  completion(request: NonStreamingRequest, options?: CompletionOptions): Promise<ChatCompletion>;
  completion(request: ChatCompletionRequest, options?: CompletionOptions): Promise<ChatCompletion | ChatCompletionStream>;
  async completion(request: ChatCompletionRequest, options: CompletionOptions = {}): Promise<ChatCompletion | ChatCompletionStream> {
    const call: CallRecord = {
      requestId: `${this.#requestIdPrefix}-${++this.#requestSequence}`,
      request,
      options,
      startedAt: performance.now(),
      deployment: undefined,
      attempts: 0,
    };
    try {
      validateRequest(request, options);
      const deployment = this.#pick(request);
      call.deployment = deployment;
      call.attempts = 1;
      if (this.#events.has('request')) this.#emitRequest(call, deployment);
      const settings: AttemptSettings = {
        transport: this.#transport,
        deadlines: this.#deadlines,
        timeoutMs: options.timeoutMs ?? deployment.timeoutMs ?? this.#config.timeoutMs,
        signal: options.signal,
        random: this.#config.random,
      };
      if (request.stream) {
        const open = await openChatStream(deployment, request, settings);
        return new ChatCompletionStream(call.requestId, deployment.id, open, call.startedAt, {
          succeeded: (tracker, completed) => this.#emitSuccess(call, deployment, tracker.usage, tracker.ttftMs, completed),
          failed: (error, tracker) => this.#emitFailure(call, error, tracker),
        });
      }
      const response = await callChat(deployment, request, settings);
      this.#emitSuccess(call, deployment, response.usage, undefined, true);
      return response;
    } catch (error) {
      this.#emitFailure(call, error);
      throw error;
    }
  }

  on<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): this {
    this.#events.on(event, listener);
    return this;
  }

  once<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): this {
    this.#events.once(event, listener);
    return this;
  }

  off<E extends RouterEventName>(event: E, listener: RouterEventListener<E>): this {
    this.#events.off(event, listener);
    return this;
  }

  /** Adds a deployment; requests already in flight are not affected. Throws ConfigError when it is invalid. */
  addDeployment(config: DeploymentConfig): DeploymentInfo {
    const deployment = parseDeployment(config, this.#providers, this.#registry.ids());
    this.#registry.add(deployment);
    return describeDeployment(deployment);
  }

  /** Removes a deployment by id; true when it existed. Requests already using it finish normally. */
  removeDeployment(id: string): boolean {
    return this.#registry.remove(id) !== undefined;
  }

  /** Every deployment, as configured, without keys. */
  deployments(): DeploymentInfo[] {
    return this.#registry.all().map(describeDeployment);
  }

  /** Closes pooled connections. The router should not be used afterwards. */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  #pick(request: ChatCompletionRequest): Deployment {
    const group = this.#registry.group(request.model);
    if (!group) {
      const known = this.#registry.models();
      throw new NotFoundError(
        `No deployment serves model '${request.model}'. Known models: ${known.length ? known.join(', ') : '(none: add deployments)'}`,
      );
    }
    return this.#config.strategy.pick(group, { model: request.model, request, random: this.#config.random, now: this.#config.now });
  }

  #emitRequest(call: CallRecord, deployment: Deployment): void {
    this.#events.emit('request', {
      ...labelsOf(call.options),
      requestId: call.requestId,
      model: call.request.model,
      deploymentId: deployment.id,
      provider: deployment.provider,
      providerModel: deployment.providerModel,
      attempt: call.attempts,
      stream: call.request.stream === true,
    });
  }

  #emitSuccess(call: CallRecord, deployment: Deployment, usage: CompletionUsage | undefined, ttftMs: number | undefined, completed: boolean): void {
    if (!this.#events.has('success')) return;
    this.#events.emit('success', {
      ...labelsOf(call.options),
      requestId: call.requestId,
      model: call.request.model,
      deploymentId: deployment.id,
      provider: deployment.provider,
      providerModel: deployment.providerModel,
      latencyMs: performance.now() - call.startedAt,
      ttftMs,
      usage,
      costUsd: costFromPricing(usage, deployment.pricing),
      cacheHit: false,
      attempts: call.attempts,
      stream: call.request.stream === true,
      completed,
    });
  }

  #emitFailure(call: CallRecord, error: unknown, tracker?: StreamTracker): void {
    if (!this.#events.has('failure')) return;
    this.#events.emit('failure', {
      ...labelsOf(call.options),
      requestId: call.requestId,
      model: typeof call.request?.model === 'string' ? call.request.model : '',
      deploymentId: call.deployment?.id,
      provider: call.deployment?.provider,
      error,
      latencyMs: performance.now() - call.startedAt,
      attempts: call.attempts,
      stream: call.request?.stream === true,
      usage: tracker?.usage,
    });
  }
}
