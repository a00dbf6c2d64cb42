import { readSync, writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { CONTROL } from './worker-messages.ts';

/** Thrown inside a step worker when the agent asked it to stop. */
export class StopRequested extends Error {}

/**
 * Real recv()/send() on a connected socket's file descriptor, from a thread whose event loop is
 * deliberately not running. libuv made the descriptor non-blocking, so "would block" (EAGAIN)
 * is turned back into blocking here: sleep briefly on the control array and try again.
 */
export class BlockingIo {
  constructor(private readonly control: Int32Array) {}

  checkStop(): void {
    if (Atomics.load(this.control, CONTROL.stop) === 1) throw new StopRequested();
  }

  /** Sleep up to `ms`, waking early when the agent notifies (stop, step, run). */
  sleep(ms: number): void {
    Atomics.wait(this.control, CONTROL.sleep, 0, ms);
  }

  /** The descriptor libuv holds for this socket (Unix only; -1 elsewhere). */
  static fdOf(socket: Socket): number {
    // _handle is Node's internal TCPWrap; `fd` is its documented-in-source Unix descriptor.
    const handle = (socket as unknown as { _handle?: { fd?: number } })._handle;
    return typeof handle?.fd === 'number' ? handle.fd : -1;
  }

  /** recv(fd, bufsize): waits until at least one byte (or end of stream) is there. */
  recv(fd: number, bufsize: number, onBlock: () => void): Buffer {
    const buf = Buffer.allocUnsafe(bufsize);
    let blocked = false;
    for (;;) {
      this.checkStop();
      try {
        const n = readSync(fd, buf, 0, bufsize, null);
        return buf.subarray(0, n);
      } catch (err) {
        if (!wouldBlock(err)) throw err;
        if (!blocked) {
          blocked = true;
          onBlock();
        }
        this.sleep(2);
      }
    }
  }

  /** send(fd, data) once: returns how many bytes the kernel took (may be fewer than asked). */
  sendOnce(fd: number, data: Buffer, onBlock: () => void): number {
    let blocked = false;
    for (;;) {
      this.checkStop();
      try {
        return writeSync(fd, data, 0, data.length);
      } catch (err) {
        if (!wouldBlock(err)) throw err;
        if (!blocked) {
          blocked = true;
          onBlock();
        }
        this.sleep(2);
      }
    }
  }
}

function wouldBlock(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
}
