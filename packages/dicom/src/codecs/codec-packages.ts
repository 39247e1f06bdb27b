/**
 * The codec packages, loaded once when this module is imported so that decoding stays synchronous:
 * libjpeg-turbo (8-bit JPEG baseline/extended), CharLS (JPEG-LS) and OpenJPEG (JPEG 2000) as WebAssembly
 * builds shipped inside their npm packages (@cornerstonejs/codec-*; no download at run time), and
 * jpeg-lossless-decoder-js (JPEG lossless, process 14) in plain JavaScript.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Image description reported by the WebAssembly decoders after `decode()`. */
export interface CodecFrameInfo {
  readonly width: number;
  readonly height: number;
  readonly bitsPerSample: number;
  readonly componentCount: number;
  readonly isSigned?: boolean;
}

/** The common surface of the three WebAssembly decoders (embind classes). */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): CodecFrameInfo;
  delete(): void;
}

type WasmDecoderClass = new () => WasmDecoder;

interface LosslessDecoder {
  decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): ArrayBufferView;
}

interface LosslessModule {
  Decoder: new () => LosslessDecoder;
}

async function loadWasmDecoder(specifier: string, className: string): Promise<WasmDecoderClass> {
  const factory = require(specifier) as () => Promise<Record<string, unknown>>;
  const module = await factory();
  const decoderClass = module[className];
  if (typeof decoderClass !== 'function') throw new Error(`${specifier} does not export ${className}`);
  return decoderClass as WasmDecoderClass;
}

/** libjpeg-turbo decoder (8-bit samples only). */
export const JpegTurboDecoder: WasmDecoderClass = await loadWasmDecoder(
  '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
  'JPEGDecoder',
);
/** CharLS JPEG-LS decoder. */
export const JpegLsDecoder: WasmDecoderClass = await loadWasmDecoder(
  '@cornerstonejs/codec-charls/decodewasmjs',
  'JpegLSDecoder',
);
/** OpenJPEG JPEG 2000 decoder. */
export const Jpeg2000Decoder: WasmDecoderClass = await loadWasmDecoder(
  '@cornerstonejs/codec-openjpeg/decodewasmjs',
  'J2KDecoder',
);
/** JPEG lossless (process 14, any predictor) decoder. */
export const JpegLosslessDecoder: new () => LosslessDecoder = (require('jpeg-lossless-decoder-js') as LosslessModule)
  .Decoder;
