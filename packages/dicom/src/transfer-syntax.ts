/**
 * Transfer syntaxes (PS3.6 Table A-1). This version reads the uncompressed native encodings only; every
 * other transfer syntax is refused by UID and name rather than decoded wrongly.
 */
import { BonemetError } from '@bonemet/core';

/** Transfer syntaxes whose pixel data this reader decodes, with their byte order. */
export const supportedTransferSyntaxes = Object.freeze({
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', littleEndian: true },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', littleEndian: true },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian (retired)', littleEndian: false },
} as const);

export type SupportedTransferSyntaxUid = keyof typeof supportedTransferSyntaxes;

/** Names of transfer syntaxes that are recognised but not read by this version. */
export const unsupportedTransferSyntaxNames: Readonly<Record<string, string>> = Object.freeze({
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless Image Compression',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Lossy (Near-Lossless) Image Compression',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000 Image Compression',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile / Main Level',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 High Profile / Level 4.1',
});

function isSupported(uid: string): uid is SupportedTransferSyntaxUid {
  return Object.hasOwn(supportedTransferSyntaxes, uid);
}

/** Returns the byte order of a supported transfer syntax, or throws `unsupported` naming it. */
export function requireSupportedTransferSyntax(uid: string, source: string): SupportedTransferSyntaxUid {
  if (isSupported(uid)) return uid;
  const name = unsupportedTransferSyntaxNames[uid] ?? 'unknown transfer syntax';
  throw new BonemetError('unsupported', `${source}: transfer syntax ${uid} (${name}) is not supported`, {
    issues: [
      {
        path: ['TransferSyntaxUID'],
        message: `${uid} (${name}) is not read by this version`,
        hint: `convert the series to Explicit VR Little Endian first (e.g. DCMTK: dcmdjpeg / dcmdrle / dcmconv +te)`,
      },
    ],
  });
}
