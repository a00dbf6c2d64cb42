import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const DEFAULT_TOKEN_FILE = join(homedir(), '.socket-playground', 'token');

/** A stored token is used only if it looks like one we made (or at least as strong). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,256}$/;

/** Group/other permission bits: a token file with any of them set is readable by other users. */
const OTHERS = 0o077;

/**
 * The session token. Kept in a file readable only by this user, so a restarted bridge
 * accepts the page that is already open (it reconnects with the same token). A file left
 * readable by others (an older version, a copied home directory) is tightened to 0600 first.
 */
export function loadOrCreateToken(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(existing)) {
      if ((statSync(file).mode & OTHERS) !== 0) chmodSync(file, 0o600);
      return existing;
    }
  } catch {
    // No token yet: make one below.
  }
  // Hex, not base64url: a token starting with '-' would read as an option in `--token T`.
  const token = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an existing (invalid) file keeps its own.
  chmodSync(file, 0o600);
  return token;
}
