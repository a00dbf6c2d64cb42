import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const DEFAULT_TOKEN_FILE = join(homedir(), '.socket-playground', 'token');

/**
 * The session token. Kept in a file readable only by this user, so a restarted bridge
 * accepts the page that is already open (it reconnects with the same token).
 */
export function loadOrCreateToken(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  } catch {
    // No token yet: make one below.
  }
  // Hex, not base64url: a token starting with '-' would read as an option in `--token T`.
  const token = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
