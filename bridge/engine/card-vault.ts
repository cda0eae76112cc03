// Card data waiting to be sent, kept in memory only and dropped as soon as its operation is final.
// Nothing here is ever written to disk; after a restart the card is gone and the engine knows it.
import type { CardInput } from '../core/card.js';

export class CardVault {
  private readonly cards = new Map<string, CardInput>();

  put(operationId: string, card: CardInput): void {
    this.cards.set(operationId, card);
  }

  get(operationId: string): CardInput | undefined {
    return this.cards.get(operationId);
  }

  wipe(operationId: string): void {
    this.cards.delete(operationId);
  }

  get size(): number {
    return this.cards.size;
  }
}
