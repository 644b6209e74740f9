import type { GatewayRequest } from '../http/gateway-request.js';
import { callOptions, modelRefused, type CallOptions } from './call-options.js';
import type { TrackedCall } from './call-tracker.js';
import type { OpenAIContext } from './openai-context.js';

export type RouterCall = (body: Record<string, unknown>, options: CallOptions, call: TrackedCall) => Promise<void>;

/**
 * One OpenAI endpoint's call through the router: the body, the caller's right to its model, the
 * call's options, the caller's parallel slot held to the end (a stream's last chunk included),
 * and the router's request id on the answer, an error answer too.
 */
export async function routedCall({ calls, tagRouting }: OpenAIContext, request: GatewayRequest, run: RouterCall): Promise<void> {
  const body = await request.json();
  const { caller } = request;
  if (typeof body.model === 'string' && !caller.mayUse(body.model)) throw modelRefused(body.model);
  const options = callOptions(body, caller, request.signal, tagRouting);
  const leave = caller.enter();
  const call = calls.track(caller, options.metadata, options.metadata.end_user as string | undefined);
  try {
    await run(body, options, call);
  } catch (error) {
    request.requestId ??= call.requestId;
    throw error;
  } finally {
    calls.forget(call);
    leave();
  }
}
