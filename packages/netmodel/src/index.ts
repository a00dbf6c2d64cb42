/**
 * @socket-playground/netmodel — a pure, browser-safe model of IPv4/IPv6 addresses and of who
 * can connect to whom in a lab topology, following what the Linux kernel really does.
 */
export { classifyAddress } from './classify.ts';
export { BINDABLE_IDS } from './classify.ts';
export type { Bindable, BindableId, Classification, Ipv4Classification, Ipv6Classification, Rejected } from './classify.ts';
export type { Ipv4Class, Ipv4ClassLetter, Ipv4Scope, Ipv6Kind, PrivateRange, SpecialRow, SpecialRowId, SubnetInfo, Usable } from './address-facts.ts';
export { IPV4_CLASS_LETTERS, IPV4_SCOPES, IPV6_KINDS, SPECIAL_ROW_IDS } from './address-facts.ts';
export { parseAddress } from './parse.ts';
export type { Parsed, ParsedIp, RejectCode } from './parse.ts';
export { KNOWN_DIFFERENCES, RULE_IDS, RULES, isRuleId } from './rules.ts';
export type { RuleId } from './rules.ts';
export { BIND_NOTE_IDS, DEFAULT_LOCALHOST, bindConflicts, describeLocalhost, firstClash, localhostFromHostsFile, resolveBindHost } from './binds.ts';
export type { BindConflict, BindNoteId, BindResolution, Os } from './binds.ts';
export { deliver, lookupRoute } from './routing.ts';
export type { Delivery, RouteChoice } from './routing.ts';
export { REACH_STEP_IDS, predictLocalhost, predictReach } from './reachability.ts';
export type { LocalhostPrediction, Prediction, ReachInput, ReachStep, ReachStepId } from './reachability.ts';
export { cellOf, predictMatrix, startListeners, targetsFor } from './matrix.ts';
export type { ListenerStart, Matrix, MatrixCell, MatrixOptions, MatrixRow, TargetColumn } from './matrix.ts';
export { CLAIM_EXPLANATION_IDS, NOTES_CASES, NOTES_CLAIMS, checkNotesClaims, explanationIdOf, notesDisagreements } from './notes-claims.ts';
export type { ClaimCheck, ClaimExplanationId, NotesCase, NotesClaim } from './notes-claims.ts';
