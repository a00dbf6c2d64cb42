/** Shown when the page has no session token: it cannot talk to the bridge without one. */
export function NoTokenScreen() {
  return (
    <div className="no-token" data-testid="no-token">
      <div className="no-token-card">
        <h1>Socket Playground</h1>
        <p className="no-token-lead">Open the link the bridge printed in your terminal (it contains the session token).</p>
        <p>When you start the bridge, it prints a line like this:</p>
        <pre className="mono">Socket Playground is running at http://127.0.0.1:6464/#token=…</pre>
        <p className="muted">
          The token proves to the bridge that this page is yours, so no other web page you visit can open sockets on
          your machine. Start the bridge with <code>npm start</code> if it is not running.
        </p>
      </div>
    </div>
  );
}
