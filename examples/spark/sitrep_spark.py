#!/usr/bin/env python3
"""Run sitrep over an archive on Apache Spark: WARC or JSON-lines in, Parquet out.

Each Spark task starts one `sitrep extract --format jsonl` process and streams its
partition through it:

- JSON lines (`.jsonl`, `.ndjson`, optionally `.gz`): the lines of the partition are
  written to the process's stdin (`--input-format jsonl -`), one output line per input;
- WARC (`.warc`, `.warc.gz`, as CC-NEWS ships them): the partition is a list of files,
  which the process reads itself (one WARC file per task: CC-NEWS files are ~1 GB).

The documents that come back are parsed by Spark's JSON reader with a schema that keeps
only the metadata and the events, and the events are written as Parquet partitioned by
`country` (ISO2, or `unknown`) and `month` (`YYYY-MM` of the event date, else of the
publication date, else `unknown`). With `--jdbc-url` the same rows are appended to a
PostgreSQL table over JDBC (the PostgreSQL JDBC driver jar must be given with
`--jdbc-jar`, or be on Spark's classpath).

Example (a laptop; on a cluster use --master yarn / k8s://… and put `sitrep` on every
executor, e.g. with --sitrep pointing at a path shipped by `--files`):

    python3 examples/spark/sitrep_spark.py --sitrep target/release/sitrep \\
        --master 'local[2]' --output events.parquet cc-news/*.warc.gz

It prints one summary line: documents, events, seconds, documents per second.
"""

import argparse
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
                   help="JSON-lines partitions (default: Spark's; WARC: one per file)")
    p.add_argument("--threads", type=int, default=1,
                   help="extraction threads per sitrep process (default 1: one process per task slot)")
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


def sitrep_env(threads):
    env = dict(os.environ)
    env["RAYON_NUM_THREADS"] = str(threads)
    return env


# The fields the job keeps: sitrep leaves out the layers (a tenth of the bytes to move
# through Python and parse in the JVM).
FIELDS = "id,title,published,publisher,url,events"


def extract_lines(sitrep, threads, docs_acc, fail_acc):
    """mapPartitions function: JSON lines through `sitrep extract` on stdin."""

    def run(lines):
        proc = subprocess.Popen(
            [sitrep, "extract", "--input-format", "jsonl", "--format", "jsonl", "--fields", FIELDS, "-"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=sitrep_env(threads),
        )

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8"))
                    proc.stdin.write(b"\n")
            finally:
                proc.stdin.close()

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        n = 0
        for out in proc.stdout:
            n += 1
            yield out.decode("utf-8")
        t.join()
        docs_acc.add(n)
        if proc.wait() != 0:
            fail_acc.add(1)

    return run


def extract_files(sitrep, threads, docs_acc, fail_acc):
    """mapPartitions function: the partition's WARC files read by `sitrep extract`."""

    def run(files):
        files = list(files)
        if not files:
            return
        proc = subprocess.Popen(
            [sitrep, "extract", "--input-format", "warc", "--format", "jsonl", "--fields", FIELDS, *files],
            stdout=subprocess.PIPE, env=sitrep_env(threads),
        )
        n = 0
        for out in proc.stdout:
            n += 1
            yield out.decode("utf-8")
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


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    warc, jsonl = expand(a.inputs)
    if not warc and not jsonl:
        sys.exit("error: no input files\nhelp: give WARC or JSON-lines files or directories")

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    b = SparkSession.builder.appName("sitrep")
    if a.master:
        b = b.master(a.master)
    if (a.master or "").startswith("local"):
        # Local mode: the driver listens on loopback only.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    b = b.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
    if a.jdbc_jar:
        b = b.config("spark.jars", a.jdbc_jar)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    sc = spark.sparkContext
    started = time.time()
    docs_acc, fail_acc = sc.accumulator(0), sc.accumulator(0)

    parts = []
    if jsonl:
        lines = sc.textFile(",".join(jsonl), a.partitions or sc.defaultParallelism)
        parts.append(lines.mapPartitions(extract_lines(a.sitrep, a.threads, docs_acc, fail_acc)))
    if warc:
        files = sc.parallelize(warc, len(warc))
        parts.append(files.mapPartitions(extract_files(a.sitrep, a.threads, docs_acc, fail_acc)))
    out = parts[0] if len(parts) == 1 else sc.union(parts)

    docs = spark.read.schema(schema()).json(out)
    ev = docs.select(
        F.col("id").alias("doc_id"), "title", "published", "publisher", "url",
        F.posexplode("events").alias("seq", "e"),
    ).select("doc_id", "seq", "e.*", "title", "published", "publisher", "url")
    ev = ev.withColumn(
        "month",
        F.coalesce(F.substring("event_date", 1, 7), F.substring("published", 1, 7), F.lit("unknown")),
    ).withColumn("country", F.coalesce(F.col("country"), F.lit("unknown")))
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
    n_events = spark.read.parquet(a.output).count()
    print(f"sitrep-spark: {docs_acc.value} documents, {n_events} events in {secs:.1f}s "
          f"= {docs_acc.value / max(secs, 1e-3):.0f} documents/s; "
          f"{fail_acc.value} sitrep processes reported failures")
    spark.stop()
    return 1 if fail_acc.value else 0


if __name__ == "__main__":
    sys.exit(main())
