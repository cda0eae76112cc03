// Card data an open operation may still send. In memory, and with a secret key also sealed (AES-256-GCM)
// in the operation's row from intake on, so that a restart — a crash, or one while the provider is
// unreachable — neither loses a payment the POS was told was accepted nor turns into "send it again" for
// a customer already gone. Both copies go when the operation ends (state-writer.ts wipes them). CVV is
// only ever inside that sealed blob.
import type { SecretBox } from '../../native/secret-box.js';
import type { CardInput } from '../core/card.js';
import type { Store } from '../store/store.js';

export const cardContext = (operationId: string) => `queued-card:${operationId}`;

export class CardVault {
  private readonly cards = new Map<string, CardInput>();

  constructor(
    private readonly store?: Store,
    private readonly secrets?: SecretBox,
  ) {}

  /** Whether cards can be kept across a restart (a secret box is configured). */
  get canPersist(): boolean {
    return this.store !== undefined && this.secrets !== undefined;
  }

  /** The sealed form to store with the operation, written in the same transaction as the operation. */
  seal(operationId: string, card: CardInput): Buffer {
    if (!this.secrets) throw new Error('no secret box to seal card data with');
    return this.secrets.seal(JSON.stringify(card), cardContext(operationId));
  }

  /**
   * What tells one card from another in a request's fingerprint: a keyed hash of the full number and
   * expiry (never stored in clear, useless without secret.key), so a different card that shares the
   * first six and last four digits is a different request. Undefined without a secret box.
   */
  cardKey(card: CardInput): string | undefined {
    return this.secrets?.mac(
      `${card.number.replace(/\D/g, '')}|${card.expiry_month}|${card.expiry_year}`,
      'card-fingerprint',
    );
  }

  put(operationId: string, card: CardInput): void {
    this.cards.set(operationId, card);
  }

  get(operationId: string): CardInput | undefined {
    const inMemory = this.cards.get(operationId);
    if (inMemory || !this.store || !this.secrets) return inMemory;
    const sealed = this.store.operations.get(operationId)?.card_blob;
    if (!sealed) return undefined;
    const card = JSON.parse(this.secrets.open(sealed, cardContext(operationId))) as CardInput;
    this.cards.set(operationId, card);
    return card;
  }

  /** The operation ended (its sealed copy is already nulled in the same transaction): the clear copy goes. */
  forget(operationId: string): void {
    this.cards.delete(operationId);
  }

  get size(): number {
    return this.cards.size;
  }
}
