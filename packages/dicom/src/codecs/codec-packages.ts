/**
 * The codec packages, loaded on first use so that reading uncompressed files costs none of their memory
 * (the three WebAssembly decoders take about 27 MiB of resident memory once instantiated): libjpeg-turbo
 * (8-bit JPEG baseline/extended), CharLS (JPEG-LS) and OpenJPEG (JPEG 2000) as WebAssembly builds shipped
 * inside their npm packages (@cornerstonejs/codec-*; no download at run time), and
 * jpeg-lossless-decoder-js (JPEG lossless, process 14) in plain JavaScript.
 *
 * Decoding stays synchronous: each WebAssembly module is compiled and instantiated synchronously
 * (`new WebAssembly.Module`/`new WebAssembly.Instance`, allowed for any size in Node.js) through the
 * Emscripten `instantiateWasm` hook, which makes the factory attach its classes to the module object
 * before it returns; the factory's promise is then only a formality.
 */
import { readFileSync } from 'node:fs';
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

/** The part of the WebAssembly JavaScript API used here (the compiler's lib set has no WebAssembly types). */
interface WasmInstance {
  readonly exports: object;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** What the Emscripten factory is given: the hook that instantiates the module synchronously. */
interface EmscriptenModuleArgument extends Record<string, unknown> {
  instantiateWasm(imports: object, receiveInstance: (instance: WasmInstance) => void): object;
}

/** Instantiates one decoder package synchronously and returns its decoder class. */
function instantiateWasmDecoder(packageName: string, className: string): WasmDecoderClass {
  const factory = require(`${packageName}/decodewasmjs`) as (argument: EmscriptenModuleArgument) => Promise<unknown>;
  const wasmBytes = readFileSync(require.resolve(`${packageName}/decodewasm`));
  const moduleArgument: EmscriptenModuleArgument = {
    instantiateWasm(imports, receiveInstance) {
      const instance = new webAssembly.Instance(new webAssembly.Module(wasmBytes), imports);
      receiveInstance(instance);
      return instance.exports;
    },
  };
  // A failure shows below as a missing class; the promise must not also surface as an unhandled rejection.
  factory(moduleArgument).catch(() => undefined);
  const decoderClass = moduleArgument[className];
  if (typeof decoderClass !== 'function') {
    throw new Error(`${packageName} did not provide ${className} after synchronous instantiation`);
  }
  return decoderClass as WasmDecoderClass;
}

/** A decoder class instantiated on the first call and kept for the life of the process. */
function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return (): T => {
    loaded ??= load();
    return loaded;
  };
}

/** libjpeg-turbo decoder (8-bit samples only). */
export const jpegTurboDecoder = onFirstUse(() =>
  instantiateWasmDecoder('@cornerstonejs/codec-libjpeg-turbo-8bit', 'JPEGDecoder'),
);
/** CharLS JPEG-LS decoder. */
export const jpegLsDecoder = onFirstUse(() => instantiateWasmDecoder('@cornerstonejs/codec-charls', 'JpegLSDecoder'));
/** OpenJPEG JPEG 2000 decoder. */
export const jpeg2000Decoder = onFirstUse(() => instantiateWasmDecoder('@cornerstonejs/codec-openjpeg', 'J2KDecoder'));
/** JPEG lossless (process 14, any predictor) decoder. */
export const jpegLosslessDecoder = onFirstUse(
  (): new () => LosslessDecoder => (require('jpeg-lossless-decoder-js') as LosslessModule).Decoder,
);
