import type { FailureEvent, SuccessEvent, WarningEvent } from '../events/event-types.js';
import type { Router } from '../router.js';
import { systemClock, type Clock } from '../time/clock.js';
import { failureRecord, successRecord, warningRecord, type CallLogRecord, type WarningLogRecord } from './log-records.js';

export type { CallLogRecord, CallLogTokens, LoggedError, WarningLogRecord } from './log-records.js';

/** A logger with pino's shape (pino, bunyan-style and many others): the record first, then the message. */
export interface StructuredLogger {
  info(record: object, message?: string): unknown;
  warn(record: object, message?: string): unknown;
}

/** Where records go: a structured logger, or a function given every record (tell them apart by `kind`). */
export type CallLogger = StructuredLogger | ((record: CallLogRecord | WarningLogRecord) => unknown);

export interface LogCallsOptions {
  /**
   * Add the content to each call's record: `messages` (or an embedding's `input`) as sent, and
   * the answer's `output` messages. Content may hold personal data. Default false.
   */
  captureContent?: boolean;
  /** Source of the records' timestamps (default: the system clock). */
  clock?: Pick<Clock, 'now'>;
}

/**
 * Writes one structured record per finished call (`info`) and one per router warning (`warn`).
 * Records hold no API keys or headers: errors are reduced to class, message, status and code.
 * Returns `stop()`, which detaches every listener.
 */
export function logCalls(router: Router, logger: CallLogger, options: LogCallsOptions = {}): () => void {
  const clock = options.clock ?? systemClock;
  const captureContent = options.captureContent === true;
  const timestamp = () => new Date(clock.now()).toISOString();
  const write = (level: 'info' | 'warn', record: CallLogRecord | WarningLogRecord, message: string): void => {
    if (typeof logger === 'function') logger(record);
    else logger[level](record, message);
  };

  const onSuccess = (event: SuccessEvent) => write('info', successRecord(event, timestamp(), captureContent), callMessage(event.model, 'success'));
  const onFailure = (event: FailureEvent) => write('info', failureRecord(event, timestamp(), captureContent), callMessage(event.model, 'failure'));
  const onWarning = (event: WarningEvent) => write('warn', warningRecord(event, timestamp()), event.message);

  router.on('success', onSuccess).on('failure', onFailure).on('warning', onWarning);
  return () => {
    router.off('success', onSuccess).off('failure', onFailure).off('warning', onWarning);
  };
}

function callMessage(model: string, outcome: 'success' | 'failure'): string {
  return `switchyard call ${outcome}: ${model}`;
}
