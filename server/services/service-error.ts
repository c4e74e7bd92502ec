import type { ErrorBody, ErrorCode } from '../../lib/protocol/errors';

/** A refusal the client should see as it is; anything else thrown is reported as INTERNAL. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorBody['issues'],
  ) {
    super(message);
  }
}
