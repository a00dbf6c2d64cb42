export * from './wire.ts';
export * from './decoder.ts';
export * from './messages.ts';
export * from './frames.ts';
export * from './frame-error.ts';
