/**
 * The two WHATWG text codecs this package uses, which both the browser and Node provide as globals.
 * Declared here because the package compiles without DOM or Node types (it must not lean on either);
 * consumers get the real declarations from their own environment.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
