/**
 * A virtual X display with a chosen refresh rate, for measuring event to screen on a faster frame
 * clock than headless Chromium's fixed 60 Hz (it has no switch for another rate). Xorg with the
 * dummy video driver takes any modeline; headed Chromium on it paces its frames by the mode's
 * refresh rate (measured: 8.3 ms between animation frames at 120 Hz). Optional: without Xorg and
 * the dummy driver (Debian: xserver-xorg-core, xserver-xorg-video-dummy) or the rights to start it,
 * `startVirtualDisplay` says why, and the bench reports the 60 Hz runs only.
 * Xorg listens on a Unix socket only (-nolisten tcp) and is stopped (and if need be killed) by `stop`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface VirtualDisplay {
  /** For DISPLAY, e.g. ":91". */
  display: string;
  hz: number;
  stop(): Promise<void>;
}

export type VirtualDisplayResult = { ok: true; value: VirtualDisplay } | { ok: false; why: string };

const XORG = '/usr/bin/Xorg';
const DUMMY_DRIVER = '/usr/lib/xorg/modules/drivers/dummy_drv.so';

/**
 * A modeline for width × height at `hz`: small fixed blanking (the dummy driver shows nothing, so
 * only the pixel clock, totals and refresh matter). Refresh = clock / (htotal × vtotal). Not CVT's
 * reduced-blanking timings (+48/+80/+160, +3): Xorg refuses those unless the monitor says it takes them.
 */
export function modeline(width: number, height: number, hz: number): { name: string; line: string; refreshHz: number } {
  const htotal = width + 120;
  const vtotal = height + 30;
  const clockMHz = Math.round((htotal * vtotal * hz) / 1e4) / 100;
  const name = `${width}x${height}_${hz}`;
  const line = `"${name}" ${clockMHz.toFixed(2)} ${width} ${width + 40} ${width + 80} ${htotal} ${height} ${height + 5} ${height + 10} ${vtotal}`;
  return { name, line, refreshHz: (clockMHz * 1e6) / (htotal * vtotal) };
}

/** The xorg.conf of one dummy screen showing only that mode. */
export function xorgConfig(width: number, height: number, hz: number): string {
  const mode = modeline(width, height, hz);
  // VideoRam (KiB) holds the frame buffer at 32 bits a pixel with room to spare.
  const videoRamKiB = Math.ceil((width * height * 4 * 2) / 1024);
  return [
    'Section "Device"',
    '  Identifier "dummy"',
    '  Driver "dummy"',
    `  VideoRam ${videoRamKiB}`,
    'EndSection',
    'Section "Monitor"',
    '  Identifier "monitor"',
    '  HorizSync 5.0 - 1000.0',
    '  VertRefresh 5.0 - 500.0',
    `  Modeline ${mode.line}`,
    'EndSection',
    'Section "Screen"',
    '  Identifier "screen"',
    '  Device "dummy"',
    '  Monitor "monitor"',
    '  DefaultDepth 24',
    '  SubSection "Display"',
    '    Depth 24',
    `    Modes "${mode.name}"`,
    '  EndSubSection',
    'EndSection',
    '',
  ].join('\n');
}

/** The first display number from 90 with no X server's lock or socket. */
function freeDisplayNumber(): number | undefined {
  for (let n = 90; n < 110; n++) if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  return undefined;
}

/** Resolves when the child has ended, or never started (a spawn error comes without an exit). */
const exitOf = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });

/** Start Xorg with a dummy screen at `hz`; resolves once its socket is there (at most 10 s). */
export async function startVirtualDisplay(hz: number, width = 1600, height = 1000): Promise<VirtualDisplayResult> {
  if (!existsSync(XORG) || !existsSync(DUMMY_DRIVER)) return { ok: false, why: `needs Xorg and its dummy driver (Debian: apt-get install xserver-xorg-core xserver-xorg-video-dummy)` };
  const n = freeDisplayNumber();
  if (n === undefined) return { ok: false, why: 'no free X display number from :90 to :109' };
  const dir = mkdtempSync(join(tmpdir(), 'sp-xorg-'));
  const config = join(dir, 'xorg.conf');
  const logFile = join(dir, 'xorg.log');
  writeFileSync(config, xorgConfig(width, height, hz));
  const child = spawn(XORG, [`:${n}`, '-config', config, '-noreset', '-nolisten', 'tcp', '-logfile', logFile], { stdio: 'ignore' });
  const exited = exitOf(child);
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  // Never leave an X server behind, even if the bench process ends abruptly.
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', onExit);
  };
  const until = Date.now() + 10_000;
  while (!existsSync(`/tmp/.X11-unix/X${n}`)) {
    if (spawnError || child.exitCode !== null || Date.now() > until) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('(EE)')).slice(-3).join(' ') : '';
      await stop();
      return { ok: false, why: `Xorg did not start${spawnError ? `: ${spawnError.message}` : ''}${log ? ` (${log})` : ''}` };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // Xorg falls back to a default 60 Hz mode when it refuses ours: then this display is no use.
  const refused = readFileSync(logFile, 'utf8').match(new RegExp(`Not using mode "${modeline(width, height, hz).name}" \\(([^)]*)\\)`));
  if (refused) {
    await stop();
    return { ok: false, why: `Xorg refused the ${hz} Hz mode: ${refused[1]}` };
  }
  return { ok: true, value: { display: `:${n}`, hz, stop } };
}
