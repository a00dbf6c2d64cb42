import type { FrameError } from './decoder.ts';

/**
 * A frame error in the shape of the playground's wire errors ({ code, message, context }), so the
 * lab can report it as an event and the page can explain it from its catalogue: code FRAME_<code>.
 */
export interface FrameProblem {
  code: `FRAME_${FrameError['code']}`;
  message: string;
  context: Record<string, string | number>;
}

const MESSAGES: Record<FrameError['code'], (e: FrameError) => string> = {
  HEADER_TOO_LONG: (e) => `protoheader announces a ${e.announced}-byte header; limit ${e.limit}`,
  HEADER_NOT_UTF8: () => 'header is not valid UTF-8',
  HEADER_NOT_JSON: (e) => `header is not JSON: ${e.detail ?? ''}`,
  HEADER_NOT_OBJECT: () => 'header is JSON but not an object',
  MISSING_HEADER_KEY: (e) => `missing required header '${e.key ?? ''}'`,
  BAD_CONTENT_LENGTH: (e) => `content-length is not a byte count: ${e.detail ?? ''}`,
  CONTENT_TOO_LONG: (e) => `content-length ${e.announced} over the limit ${e.limit}`,
  TRUNCATED: (e) => `peer closed in the ${e.phase ?? ''} after ${e.received} of ${e.announced} bytes`,
};

export function frameProblem(error: FrameError): FrameProblem {
  const context: Record<string, string | number> = { at: error.at };
  for (const key of ['key', 'announced', 'received', 'limit', 'phase', 'detail'] as const) {
    const value = error[key];
    if (value !== undefined) context[key] = typeof value === 'string' ? value.slice(0, 200) : value;
  }
  return { code: `FRAME_${error.code}`, message: MESSAGES[error.code](error).slice(0, 1000), context };
}
