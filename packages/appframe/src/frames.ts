import { FrameDecoder, type DecodedMessage, type DecoderState, type FrameError, type FrameStep } from './decoder.ts';
import { DEFAULT_FRAME_LIMITS, PROTOHEADER_BYTES, type FrameLimits } from './wire.ts';

/**
 * A recorded byte stream split into frames, for the frame view: which bytes are protoheader, header
 * and content, and what the receiver's state machine did with each recv. It replays the recorded
 * chunks through the same decoder the lab's server runs, so it reaches the same verdict.
 */

export type FramePartKind = 'protoheader' | 'header' | 'content' | 'unparsed';

export interface FramePart {
  kind: FramePartKind;
  /** Stream offsets, end exclusive. */
  start: number;
  end: number;
  /** Which message it belongs to (0-based). */
  message: number;
  /** False while the part is still waiting for bytes (or was cut off). */
  complete: boolean;
  /** The receiver refused this part (see the stream's error). */
  refused?: boolean;
}

/** One recv as the receiver lived it: the state before and after, and what completed in between. */
export interface ChunkReading {
  offset: number;
  length: number;
  before: DecoderState;
  after: DecoderState;
  steps: FrameStep[];
}

export interface StreamFrames {
  parts: FramePart[];
  readings: ChunkReading[];
  messages: DecodedMessage[];
  error: FrameError | null;
  /** The closing step when the stream ended mid-message (a TRUNCATED error), else null. */
  ending: FrameStep | null;
  length: number;
}

export function frameStream(chunks: readonly Uint8Array[], ended: boolean, limits: FrameLimits = DEFAULT_FRAME_LIMITS): StreamFrames {
  const decoder = new FrameDecoder(limits);
  const readings: ChunkReading[] = [];
  const steps: FrameStep[] = [];
  let length = 0;
  for (const chunk of chunks) {
    const before = decoder.state();
    const done = decoder.push(chunk);
    readings.push({ offset: length, length: chunk.length, before, after: decoder.state(), steps: done });
    steps.push(...done);
    length += chunk.length;
  }
  const ending = ended ? decoder.end() : null;
  if (ending) steps.push(ending);
  const messages = steps.flatMap((s) => (s.type === 'message' ? [s.message] : []));
  return { parts: partsOf(steps, decoder.state(), length, decoder.error()), readings, messages, error: decoder.error(), ending, length };
}

function partsOf(steps: readonly FrameStep[], state: DecoderState, length: number, error: FrameError | null): FramePart[] {
  const parts: FramePart[] = [];
  let message = 0;
  let headerLength = 0;
  for (const step of steps) {
    if (step.type === 'protoheader') {
      parts.push({ kind: 'protoheader', start: step.at, end: step.at + PROTOHEADER_BYTES, message, complete: true });
      headerLength = step.value;
    } else if (step.type === 'header') {
      parts.push({ kind: 'header', start: step.at, end: step.at + headerLength, message, complete: true });
    } else if (step.type === 'message') {
      parts.push({ kind: 'content', start: step.message.contentStart, end: step.message.end, message, complete: true });
      message += 1;
    }
  }
  if (error) {
    parts.push(...refusedParts(error, headerLength, length, message));
    return parts;
  }
  if (state.have > 0 && state.phase !== 'error') {
    parts.push({ kind: state.phase, start: length - state.have, end: length, message, complete: false });
  }
  return parts;
}

/** Where an error leaves the stream: the refused part, then whatever followed, never parsed. */
function refusedParts(error: FrameError, headerLength: number, length: number, message: number): FramePart[] {
  if (error.code === 'TRUNCATED') {
    return [{ kind: error.phase ?? 'protoheader', start: error.at, end: length, message, complete: false }];
  }
  const refused: FramePart =
    error.code === 'HEADER_TOO_LONG'
      ? { kind: 'protoheader', start: error.at, end: error.at + PROTOHEADER_BYTES, message, complete: true, refused: true }
      : { kind: 'header', start: error.at, end: error.at + headerLength, message, complete: true, refused: true };
  return refused.end < length ? [refused, { kind: 'unparsed', start: refused.end, end: length, message, complete: false }] : [refused];
}
