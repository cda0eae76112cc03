// What the simulated terminal knows of its ECR: the config byte of the last Registration (06 00) and
// whether the ECR takes TLV containers. Pure; the terminal keeps one value and replaces it.
//
// Sources (VDT PA00P015 rev 13.08): §2.1 Registration `06 00 len <password><config-byte>[<CC>[03
// <service-byte>][06 <TLV>]]` with Table 1 (config bits); §9.2.2 "The PT may only send a TLV-container to
// the ECR, if the ECR sent a TLV-container (BMP 06 with length 00 …) during Registration or … in the
// corresponding request … The TLV-activation via the ECR is valid until Log-off"; §2.24 Log-Off resets
// the config byte to 86 and ends TLV. The config and service bytes have no TLV bit: BMP 06 is the signal.
import { decodeMessage, type ZvtMessage } from '../../terminals/zvt/message.js';

export interface EcrSettings {
  readonly config: number;
  /** The ECR sent a TLV container (possibly empty, `06 00`): the terminal may send TLV to it. */
  readonly tlv: boolean;
}

/** Config bit 08: intermediate status only for an ECR that asked for it (Table 1). */
export const sendsIntermediateStatus = (s: EcrSettings): boolean => (s.config & 0x08) !== 0;

/** Config bits 02 (ECR prints payment receipts) and 80 (via Print Line): receipts go to the ECR as 06 D1. */
export const ecrPrintsPaymentReceipts = (s: EcrSettings): boolean => (s.config & 0x82) === 0x82;

/** Config bits 04 (ECR prints administration receipts) and 80 (via Print Line): end-of-day receipts go to the ECR. */
export const ecrPrintsAdminReceipts = (s: EcrSettings): boolean => (s.config & 0x84) === 0x84;

const hasTlvContainer = (m: ZvtMessage): boolean => m.fields.some((f) => f.bmp === 0x06);

/** The settings a Registration sets. Its prefix is password (3), config byte, currency (2). */
export function settingsOfRegistration(m: ZvtMessage): EcrSettings {
  // Assumption: a new Registration states anew what the ECR takes, so one without BMP 06 ends TLV even
  // though §9.2.2 names only Log-off; otherwise an ECR without TLV support that replaces one with it
  // would get containers it cannot read.
  return { config: m.prefix[3] ?? 0, tlv: hasTlvContainer(m) };
}

/** Any other request carrying BMP 06 switches TLV on until Log-off (§9.2.2). */
export function settingsAfterRequest(s: EcrSettings, m: ZvtMessage): EcrSettings {
  return !s.tlv && hasTlvContainer(m) ? { ...s, tlv: true } : s;
}

/** Log-Off (06 02): config byte 86, no more TLV (§2.24). */
export const LOGGED_OFF: EcrSettings = { config: 0x86, tlv: false };

/**
 * Before any Registration the terminal behaves as registered the way the captured Feig ECR registers
 * (zvt-captures 1681273860.511128000_ecr_pt: `06 00 06 12 34 56 DE 09 78`: config DE, no TLV).
 * Assumption, because §2.1 allows an Authorisation without Registration but does not say which
 * configuration applies then; a terminal in the field has been registered by its installer.
 */
export const CAPTURED_REGISTRATION = Buffer.from('060006123456de0978', 'hex');
export const INITIAL_SETTINGS: EcrSettings = settingsOfRegistration(decodeMessage(CAPTURED_REGISTRATION));
