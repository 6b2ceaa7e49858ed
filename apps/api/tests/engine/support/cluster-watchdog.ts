// Loaded with `--import` into every process a test cluster spawns (cluster-process.ts): exits when the
// test process that started it is gone, so a test run killed mid-way (Ctrl-C twice, a CI timeout, a
// crashed vitest worker) leaves no Kairos servers running. SIGTERM first, so the process shuts down
// as usual (releasing its leases); SIGKILL to itself if that has not finished within 10 s.
const parentPid = Number(process.env.KAIROS_CLUSTER_WATCHDOG_PARENT);

/** An orphan is adopted by init (or a subreaper), so its parent pid changes; no pid reuse to fool it. */
function parentAlive(): boolean {
  return process.ppid === parentPid;
}

if (Number.isInteger(parentPid) && parentPid > 0) {
  const check = setInterval(() => {
    if (parentAlive()) return;
    clearInterval(check);
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), 10_000).unref();
  }, 1_000);
  check.unref();
}
