/**
 * English text of the call views: the call-flow diagram and its tooltip, the event details and the
 * code panel. API names (`bind`, `recv`) and errno codes stay as they are.
 */
export const enCalls = {
  flow: {},
  details: {},
  code: {},
};
