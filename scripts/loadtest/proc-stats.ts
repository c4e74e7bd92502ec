import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Linux /proc readings of the processes the load test started. Processes are found by the TCP port
 * they listen on, so this holds however the server is launched (tsx runs the server in a child process).
 */

const TCP_LISTEN = '0A';

/** Clock ticks per second of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Socket inodes listening on `port`, from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (readOrNull(table) ?? '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
      if (parseInt(fields[1].split(':').pop() ?? '', 16) === port) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** The process id listening on TCP `port` on this machine, or null (none, or not ours to inspect). */
export function pidListeningOn(port: number): number | null {
  const wanted = new Set([...listeningInodes(port)].map((inode) => `socket:[${inode}]`));
  if (wanted.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  return null;
}

/** User + system CPU seconds the process has used so far; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

/** The process's peak resident memory (VmHWM) in MiB; null once it is gone. */
export function peakRssMb(pid: number): number | null {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readOrNull(`/proc/${pid}/status`) ?? '');
  return match ? Math.round(Number(match[1]) / 1024) : null;
}
