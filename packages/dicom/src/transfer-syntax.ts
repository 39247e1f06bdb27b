/**
 * Transfer syntaxes (PS3.6 Table A-1). This version reads the native encodings, Deflate, and the JPEG,
 * JPEG-LS, JPEG 2000 and RLE compressions; every other transfer syntax is refused by UID and name rather
 * than decoded wrongly.
 */
import { BonemetError } from '@bonemet/core';

/**
 * Transfer syntaxes whose pixel data this reader decodes, with their byte order and whether the pixel data
 * is encapsulated (compressed fragments, PS3.5 A.4). Deflate compresses the whole data set and is
 * inflated before parsing (PS3.5 A.5), so its pixel data is native.
 */
export const supportedTransferSyntaxes = Object.freeze({
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', littleEndian: true, encapsulated: false },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', littleEndian: true, encapsulated: false },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian (retired)', littleEndian: false, encapsulated: false },
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian', littleEndian: true, encapsulated: false },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', littleEndian: true, encapsulated: true },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended (Process 2 & 4)', littleEndian: true, encapsulated: true },
  '1.2.840.10008.1.2.4.57': {
    name: 'JPEG Lossless, Non-Hierarchical (Process 14)',
    littleEndian: true,
    encapsulated: true,
  },
  '1.2.840.10008.1.2.4.70': {
    name: 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
    littleEndian: true,
    encapsulated: true,
  },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless Image Compression', littleEndian: true, encapsulated: true },
  '1.2.840.10008.1.2.4.81': {
    name: 'JPEG-LS Lossy (Near-Lossless) Image Compression',
    littleEndian: true,
    encapsulated: true,
  },
  '1.2.840.10008.1.2.4.90': {
    name: 'JPEG 2000 Image Compression (Lossless Only)',
    littleEndian: true,
    encapsulated: true,
  },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000 Image Compression', littleEndian: true, encapsulated: true },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless', littleEndian: true, encapsulated: true },
} as const);

export type SupportedTransferSyntaxUid = keyof typeof supportedTransferSyntaxes;

/** Names of transfer syntaxes that are recognised but not read by this version. */
export const unsupportedTransferSyntaxNames: Readonly<Record<string, string>> = Object.freeze({
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000 Image Compression',
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
        hint: `convert the series to Explicit VR Little Endian first (e.g. DCMTK: dcmconv +te, or the vendor's decompressor)`,
      },
    ],
  });
}
