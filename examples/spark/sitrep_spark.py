#!/usr/bin/env python3
"""Run sitrep over an archive on Apache Spark: WARC or JSON-lines in, Parquet out.

Each Spark task starts one `sitrep extract --format jsonl` process, single-threaded
(Spark's task slots are the parallelism; `--threads` to change), on one unit of input:

- JSON lines (`.jsonl`, `.ndjson`, optionally `.gz`): a byte range of a file (plain files
  are cut into `--partitions` ranges, a range owning the lines that start in it; a gzip
  file is one range), streamed in blocks to the process's stdin (`--input-format jsonl
  -`), one output line per input line; no Python object per line;
- WARC (`.warc`, `.warc.gz`, as CC-NEWS ships them): one file per task, which the
  process reads itself (CC-NEWS files are ~1 GB).

Tasks open the input paths themselves, so on a cluster the inputs must be on a
filesystem every executor mounts (as the `sitrep` binary must be). Lines without an `id`
get `<stdin>:LINE` with the line counted within the task's range: give ids.

The documents that come back are parsed by Spark's JSON reader with a schema that keeps
only the metadata and the events, and the events are written as Parquet partitioned by
`country` (ISO2, or `unknown`) and `month` (`YYYY-MM` of the event date, else of the
publication date, else `unknown`). When there are more tasks than task slots, a shuffle
first gives each task whole partitions (one file per directory, not one per task that
saw the partition); with one task per slot the rows go straight to the writer. In local
mode the JVM compiles with C1 only, collects with the serial GC and maps a class archive
(CDS) that its first run saves under the user's cache (`--class-archive`). With `--jdbc-url` the
same rows are appended to a PostgreSQL table over JDBC (the PostgreSQL JDBC driver jar
must be given with `--jdbc-jar`, or be on Spark's classpath).

Example (a laptop; on a cluster use --master yarn / k8s://… and put `sitrep` on every
executor, e.g. with --sitrep pointing at a path shipped by `--files`):

    python3 examples/spark/sitrep_spark.py --sitrep target/release/sitrep \\
        --master 'local[2]' --output events.parquet cc-news/*.warc.gz

It prints one summary line: documents, events, seconds, documents per second.
"""

import argparse
import gzip
import os
import subprocess
import sys
import threading
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="WARC or JSON-lines files or directories")
    p.add_argument("--output", required=True, help="Parquet output directory (replaced)")
    p.add_argument("--sitrep", default="sitrep", help="path of the sitrep binary on the executors")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    p.add_argument("--partitions", type=int, default=None,
                   help="byte ranges the plain JSON-lines files are cut into (default: Spark's "
                        "parallelism, one per task slot; gzip and WARC: one task per file)")
    p.add_argument("--threads", type=int, default=1,
                   help="extraction threads per sitrep process (default 1: one process per task slot)")
    p.add_argument("--quick-jit", action=argparse.BooleanOptionalAction, default=None,
                   help="JVMs compile with C1 only (-XX:TieredStopAtLevel=1): the JVM only moves rows "
                        "and writes Parquet, and C2's compile time cost more CPU than it saved on "
                        "runs of up to a few hundred thousand documents (default: on in local mode, "
                        "off on a cluster, where executors run for hours)")
    p.add_argument("--class-archive", default=None, metavar="FILE|none",
                   help="local mode: a CDS archive of the classes Spark loads (JDK 13+), made by the "
                        "first run at its exit and mapped by the next ones, which then skip most class "
                        "loading and verification (~3 CPU-s a run); 'none' to go without (default: "
                        "$XDG_CACHE_HOME/sitrep/spark-<pyspark>-java<version>.jsa)")
    p.add_argument("--shuffle", choices=("auto", "on", "off"), default="auto",
                   help="shuffle the events by (country, month) before the write, so each partition "
                        "directory gets one file instead of one per task that saw it (default auto: "
                        "only when there are more tasks than task slots, e.g. a directory of WARC "
                        "files on a cluster; with one task per slot the files are few anyway)")
    p.add_argument("--jdbc-url", help="also append the events to PostgreSQL, e.g. jdbc:postgresql://host/db")
    p.add_argument("--jdbc-table", default="spark_events", help="table for --jdbc-url")
    p.add_argument("--jdbc-user", default=None)
    p.add_argument("--jdbc-password", default=os.environ.get("SITREP_JDBC_PASSWORD"))
    p.add_argument("--jdbc-jar", default=None, help="PostgreSQL JDBC driver jar")
    return p.parse_args(argv)


def expand(inputs):
    """Files under the inputs, split into (warc, jsonl); anything else is an error."""
    warc, jsonl = [], []
    for path in inputs:
        files = [path]
        if os.path.isdir(path):
            files = sorted(
                os.path.join(d, f)
                for d, _, fs in os.walk(path)
                for f in fs
                if not f.startswith(".")
            )
        for f in files:
            name = f.lower()
            if name.endswith((".warc", ".warc.gz")):
                warc.append(os.path.abspath(f))
            elif name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
                jsonl.append(os.path.abspath(f))
            else:
                sys.exit(f"error: {f}: not WARC or JSON lines\n"
                         "help: give .warc / .warc.gz / .jsonl / .ndjson files")
    return warc, jsonl


# The fields the job keeps: sitrep leaves out the layers (a tenth of the bytes to move
# through Python and parse in the JVM).
FIELDS = "id,title,published,publisher,url,events"


def jsonl_ranges(files, pieces):
    """The JSON-lines inputs as (path, start, end) byte ranges, about `pieces` in all.

    Plain files are cut at byte offsets (a range owns the lines that start inside it, as
    Hadoop's text splits do); gzip files cannot be cut and are one range each (end None).
    """
    plain = {f: os.path.getsize(f) for f in files if not f.lower().endswith(".gz")}
    size = max(1, -(-sum(plain.values()) // max(1, pieces)))
    out = []
    for f in files:
        if f not in plain:
            out.append((f, 0, None))
            continue
        out.extend((f, s, min(s + size, plain[f])) for s in range(0, max(plain[f], 1), size))
    return out


BLOCK = 1 << 20


def range_bytes(path, start, end):
    """The bytes of the lines that start in [start, end) of a JSON-lines file, in blocks
    (a gzip file, `end` None, is decompressed whole). No Python object per line."""
    if end is None:
        with gzip.open(path, "rb") as f:
            while block := f.read(BLOCK):
                yield block
        return
    with open(path, "rb") as f:
        if start > 0:
            # The line running over `start` belongs to the range before.
            f.seek(start - 1)
            f.readline()
        left, last = end - f.tell(), b"\n"
        while left > 0 and (block := f.read(min(BLOCK, left))):
            left -= len(block)
            last = block[-1:]
            yield block
        if left <= 0 and last != b"\n":
            # The last line starts inside the range: it ends after it.
            yield f.readline()


def extract(sitrep, threads, docs_acc, fail_acc):
    """mapPartitions function: one `sitrep extract` process per task.

    A unit is `("warc", path)`: the process reads the file itself; or `("jsonl", path,
    start, end)`: a byte range of JSON lines that a thread streams to the process's stdin
    in blocks. The process writes one JSON line per document.
    """

    def run(units):
        units = list(units)
        warc = [u[1] for u in units if u[0] == "warc"]
        ranges = [u[1:] for u in units if u[0] == "jsonl"]
        if not units:
            return
        cmd = [sitrep, "extract", "--jobs", str(threads), "--format", "jsonl", "--fields", FIELDS]
        if warc:
            cmd += ["--input-format", "warc", *warc]
        else:
            cmd += ["--input-format", "jsonl", "-"]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if ranges else None, stdout=subprocess.PIPE)

        def feed():
            try:
                for r in ranges:
                    for block in range_bytes(*r):
                        proc.stdin.write(block)
            except BrokenPipeError:
                pass  # the process failed: its exit code says so
            finally:
                proc.stdin.close()

        t = None
        if ranges:
            t = threading.Thread(target=feed, daemon=True)
            t.start()
        n = 0
        for out in proc.stdout:
            n += 1
            yield out.decode("utf-8")
        if t:
            t.join()
        docs_acc.add(n)
        if proc.wait() != 0:
            fail_acc.add(1)

    return run


def schema():
    from pyspark.sql import types as T

    span = T.StructType([T.StructField("start", T.LongType()), T.StructField("end", T.LongType())])
    event = T.StructType([
        T.StructField("event_date", T.StringType()),
        T.StructField("date_precision", T.StringType()),
        T.StructField("event_type", T.StringType()),
        T.StructField("sub_event_type", T.StringType()),
        T.StructField("actor1", T.StringType()),
        T.StructField("actor2", T.StringType()),
        T.StructField("country", T.StringType()),
        T.StructField("admin1", T.StringType()),
        T.StructField("admin2", T.StringType()),
        T.StructField("location", T.StringType()),
        T.StructField("latitude", T.DoubleType()),
        T.StructField("longitude", T.DoubleType()),
        T.StructField("location_precision", T.StringType()),
        T.StructField("fatalities", T.LongType()),
        T.StructField("injured", T.LongType()),
        T.StructField("killed_or_wounded", T.LongType()),
        T.StructField("modality", T.StringType()),
        T.StructField("evidence", T.ArrayType(span)),
    ])
    return T.StructType([
        T.StructField("id", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("published", T.StringType()),
        T.StructField("publisher", T.StringType()),
        T.StructField("url", T.StringType()),
        T.StructField("events", T.ArrayType(event)),
    ])


def class_archive(arg):
    """Path of the local JVM's class archive (CDS), or None: `arg` when given ('none' for
    none), else one per pyspark version and java binary under the user's cache."""
    if arg:
        return None if arg == "none" else arg
    import hashlib
    import shutil

    import pyspark

    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        return None
    java = os.path.realpath(java)
    key = hashlib.sha1(f"{java} {os.stat(java).st_mtime_ns}".encode()).hexdigest()[:12]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    d = os.path.join(cache, "sitrep")
    try:
        os.makedirs(d, exist_ok=True)
    except OSError:
        return None
    return os.path.join(d, f"spark-{pyspark.__version__}-java-{key}.jsa")


def finish_archive(spark, dumping, archive):
    """The JVM writes its class archive as it exits: end it now (it exits when its stdin
    closes), wait, and move the archive into place, so that no run maps a half-written one."""
    proc = getattr(spark.sparkContext._gateway, "proc", None)
    try:
        if proc is not None:
            proc.stdin.close()
            proc.wait(timeout=120)
        if os.path.exists(dumping):
            os.replace(dumping, archive)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"sitrep-spark: class archive not saved ({e}); the next run makes one", file=sys.stderr)


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    warc, jsonl = expand(a.inputs)
    if not warc and not jsonl:
        sys.exit("error: no input files\nhelp: give WARC or JSON-lines files or directories")

    from pyspark.sql import Observation, SparkSession
    from pyspark.sql import functions as F

    b = SparkSession.builder.appName("sitrep")
    if a.master:
        b = b.master(a.master)
    local = (a.master or "").startswith("local")
    if local:
        # Local mode: the driver listens on loopback only.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    jvm = []
    if a.quick_jit if a.quick_jit is not None else local:
        jvm.append("-XX:TieredStopAtLevel=1")
    archive, dumping = None, None
    if local:
        # One short-lived JVM with a small heap: the serial collector, no GC threads.
        jvm.append("-XX:+UseSerialGC")
        archive = class_archive(a.class_archive)
    if archive:
        if os.path.exists(archive):
            jvm.append(f"-XX:SharedArchiveFile={archive}")
        else:
            dumping = f"{archive}.{os.getpid()}.tmp"
            jvm.append(f"-XX:ArchiveClassesAtExit={dumping}")
        # The JVM's notes on classes it cannot archive go to stdout: keep them out.
        jvm.append("-Xlog:cds=off,cds+dynamic=off,class+path=off")
    if jvm:
        for who in ("driver", "executor"):
            b = b.config(f"spark.{who}.extraJavaOptions", " ".join(jvm))
    b = b.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
    if a.jdbc_jar:
        b = b.config("spark.jars", a.jdbc_jar)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    sc = spark.sparkContext
    started = time.time()
    docs_acc, fail_acc = sc.accumulator(0), sc.accumulator(0)

    # One unit per task: a WARC file, or a byte range of JSON lines.
    units = [("warc", f) for f in warc]
    units += [("jsonl", *r) for r in jsonl_ranges(jsonl, a.partitions or sc.defaultParallelism)]
    out = sc.parallelize(units, len(units)).mapPartitions(
        extract(a.sitrep, a.threads, docs_acc, fail_acc))

    docs = spark.read.schema(schema()).json(out)
    ev = docs.select(
        F.col("id").alias("doc_id"), "title", "published", "publisher", "url",
        F.posexplode("events").alias("seq", "e"),
    ).select("doc_id", "seq", "e.*", "title", "published", "publisher", "url")
    ev = ev.withColumn(
        "month",
        F.coalesce(F.substring("event_date", 1, 7), F.substring("published", 1, 7), F.lit("unknown")),
    ).withColumn("country", F.coalesce(F.col("country"), F.lit("unknown")))
    # Rows of one country and month to one task, so each writes one file per partition
    # directory (without it every task writes a file into every directory it sees).
    if a.shuffle == "on" or (a.shuffle == "auto" and len(units) > sc.defaultParallelism):
        ev = ev.repartition(sc.defaultParallelism, "country", "month")
    else:
        # No exchange to re-plan: adaptive execution would only add planning time.
        spark.conf.set("spark.sql.adaptive.enabled", "false")
    # The events are counted as they are written, not by reading the output back.
    rows = Observation("events")
    ev = ev.observe(rows, F.count(F.lit(1)).alias("n"))
    ev.write.mode("overwrite").partitionBy("country", "month").parquet(a.output)

    if a.jdbc_url:
        props = {"driver": "org.postgresql.Driver"}
        if a.jdbc_user:
            props["user"] = a.jdbc_user
        if a.jdbc_password:
            props["password"] = a.jdbc_password
        flat = spark.read.parquet(a.output).withColumn("evidence", F.to_json("evidence"))
        flat.write.jdbc(a.jdbc_url, a.jdbc_table, mode="append", properties=props)

    secs = time.time() - started
    n_events = rows.get["n"]
    print(f"sitrep-spark: {docs_acc.value} documents, {n_events} events in {secs:.1f}s "
          f"= {docs_acc.value / max(secs, 1e-3):.0f} documents/s; "
          f"{fail_acc.value} sitrep processes reported failures")
    spark.stop()
    if dumping:
        finish_archive(spark, dumping, archive)
    return 1 if fail_acc.value else 0


if __name__ == "__main__":
    sys.exit(main())
