import { BonemetError } from '@bonemet/core';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A DICOM UID from a UUID: "2.25." followed by the UUID read as one unsigned 128-bit integer in decimal
 * (DICOM PS3.5 §B.2, ISO/IEC 9834-8). At most 4 + 39 = 43 characters, within the 64 of a UID.
 */
export function dicomUidFromUuid(uuid: string): string {
  if (!UUID_PATTERN.test(uuid)) {
    throw new BonemetError('invalid_input', `not a UUID: ${uuid}`, {
      issues: [{ path: [], message: 'a UUID is 32 hexadecimal digits in 8-4-4-4-12 groups' }],
    });
  }
  return `2.25.${BigInt(`0x${uuid.replaceAll('-', '')}`).toString(10)}`;
}

/** A new random tracking UID (random UUID, RFC 9562 version 4). */
export function newTrackingUid(): string {
  return dicomUidFromUuid(globalThis.crypto.randomUUID());
}
