import type { MethodName } from './contract';
import type { WheelbenchErrorData } from './errors';
import type { WheelbenchEvent } from './events';

// Message frames for transports that carry the contract as messages (WebSocket; IPC uses invoke).

export interface RequestFrame {
  readonly kind: 'request';
  readonly id: number;
  readonly method: MethodName | string;
  readonly params: unknown;
}

export type ResponseFrame =
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: WheelbenchErrorData };

export interface EventFrame {
  readonly kind: 'event';
  readonly event: WheelbenchEvent;
}

export type ServerFrame = ResponseFrame | EventFrame;
