#!/usr/bin/env python3
"""Where a Spark job's CPU goes: runs a command in its own session and prints the CPU
seconds of its processes by kind (JVM, sitrep, Python workers) and of the JVM's threads
by name (JIT compilers, executor tasks, the driver's query thread, GC).

    python3 examples/spark/cpu_by_process.py python3 examples/spark/sitrep_spark.py \\
        --master 'local[2]' --sitrep target/release/sitrep --output /tmp/ev corpus.jsonl

Linux only (reads /proc every 0.25 s, so a process that lives less than that may be
missed; figures are CPU time, so they hold on a loaded host where wall times do not).
"""

import collections
import os
import re
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def session_and_cpu(stat):
    """Session id and user+system CPU seconds from a /proc stat line."""
    rest = stat[stat.rfind(b")") + 2:].split()
    return int(rest[3]), (int(rest[11]) + int(rest[12])) / TICK


def kind(pid, leader):
    cmd = read(f"/proc/{pid}/cmdline")
    if not cmd:
        return None
    exe = os.path.basename(cmd.split(b"\0")[0].decode(errors="replace"))
    if exe == "java":
        return "jvm"
    if exe.startswith("sitrep"):
        return "sitrep"
    if "python" in exe:
        return "python driver" if pid == leader else "python workers"
    return exe


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    child = subprocess.Popen(sys.argv[1:], start_new_session=True)
    procs, threads = {}, {}
    started = time.time()
    while child.poll() is None:
        for d in filter(str.isdigit, os.listdir("/proc")):
            stat = read(f"/proc/{d}/stat")
            if not stat:
                continue
            sid, cpu = session_and_cpu(stat)
            if sid != child.pid:
                continue
            pid = int(d)
            k = kind(pid, child.pid) or procs.get(pid, ("?", 0))[0]
            procs[pid] = (k, max(cpu, procs.get(pid, (k, 0))[1]))
            if k != "jvm":
                continue
            for t in os.listdir(f"/proc/{d}/task") if os.path.isdir(f"/proc/{d}/task") else []:
                ts = read(f"/proc/{d}/task/{t}/stat")
                if not ts:
                    continue
                name = ts[ts.find(b"(") + 1:ts.rfind(b")")].decode(errors="replace")
                name = re.sub(r"[-\d ]+$", "", re.sub(r"#\d+", "", name)) or "?"
                key = (pid, int(t))
                threads[key] = (name, max(session_and_cpu(ts)[1], threads.get(key, (name, 0))[1]))
        time.sleep(0.25)
    by_kind = collections.defaultdict(float)
    for k, c in procs.values():
        by_kind[k] += c
    by_thread = collections.defaultdict(float)
    for n, c in threads.values():
        by_thread[n] += c
    out = [f"cpu_by_process: wall {time.time() - started:.1f} s, "
           f"CPU {sum(by_kind.values()):.1f} s"]
    out += [f"  {k:16} {c:7.1f} s" for k, c in sorted(by_kind.items(), key=lambda x: -x[1]) if c >= 0.05]
    out.append("  JVM threads: " + ", ".join(
        f"{n} {c:.1f}" for n, c in sorted(by_thread.items(), key=lambda x: -x[1]) if c >= 0.2))
    print("\n".join(out), file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
