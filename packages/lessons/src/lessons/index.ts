import type { Lesson } from '../lesson-types.ts';
import { appProtocolLesson } from './app-protocol.ts';
import { backlogLesson } from './backlog.ts';
import { bindLesson } from './bind.ts';
import { byteStreamLesson } from './byte-stream.ts';
import { echoLesson } from './echo.ts';
import { ipAddressesLesson } from './ip-addresses.ts';
import { localhostLesson } from './localhost.ts';
import { manyConnectionsLesson } from './many-connections.ts';
import { pitfallsLesson } from './pitfalls.ts';
import { sendRecvLesson } from './send-recv.ts';
import { specialAddressesLesson } from './special-addresses.ts';
import { tcpCallFlowLesson } from './tcp-call-flow.ts';
import { whatIsASocketLesson } from './what-is-a-socket.ts';
import { whoCanConnectLesson } from './who-can-connect.ts';

/** The curriculum, in order. A new lesson is one file in this folder plus one line here. */
export const LESSONS: readonly Lesson[] = [
  whatIsASocketLesson,
  tcpCallFlowLesson,
  echoLesson,
  ipAddressesLesson,
  localhostLesson,
  whoCanConnectLesson,
  specialAddressesLesson,
  bindLesson,
  backlogLesson,
  sendRecvLesson,
  byteStreamLesson,
  manyConnectionsLesson,
  appProtocolLesson,
  pitfallsLesson,
].sort((a, b) => a.number - b.number);
