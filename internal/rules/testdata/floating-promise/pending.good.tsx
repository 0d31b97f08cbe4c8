import { useEffect, useState } from "react";

type Stats = { count: number };

async function fetchStats(): Promise<Stats> {
  const res = await fetch("/api/stats");
  return res.json();
}

// A read on a page: when it fails, the browser logs the rejection and the
// widget shows nothing new. No state is left set and no change is lost.
export function StatsWidget() {
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    fetchStats().then(setStats);
  }, []);
  return <button onClick={() => fetchStats().then(setStats)}>{stats ? stats.count : "..."}</button>;
}

// The flag is cleared in finally, which runs on a failure too.
export function Refresh() {
  const [busy, setBusy] = useState(false);
  const refresh = () => {
    setBusy(true);
    fetchStats().finally(() => setBusy(false));
  };
  return <button onClick={refresh} disabled={busy}>Refresh</button>;
}

// A rejection handler resets the flag.
export function Reload() {
  const [busy, setBusy] = useState(false);
  const reload = () => {
    setBusy(true);
    fetchStats().then(
      () => setBusy(false),
      () => setBusy(false),
    );
  };
  return <button onClick={reload} disabled={busy}>Reload</button>;
}

// A service worker registration that fails only leaves the page without
// offline support; the browser logs it.
export function register() {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js");
  });
}
