import type { EventListener } from '../../common/contract';
import type { WheelbenchEvent } from '../../common/events';

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WheelbenchEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop the others or the build.
      }
    }
  }
}
