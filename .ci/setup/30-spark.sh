# PySpark for the Spark example's test (crates/sitrep/tests/spark.rs runs
# examples/spark/sitrep_spark.py in local[2] mode). Spark 3.5 runs on Java 17; install a
# headless JDK when there is no java, and pyspark from PyPI when python3 lacks it.
if ! command -v java >/dev/null 2>&1; then
    ci_apt_install openjdk-17-jre-headless
fi
if ! command -v python3 >/dev/null 2>&1; then
    ci_apt_install python3 python3-pip
fi
if ! python3 -c "import pyspark" >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check 'pyspark>=3.5,<3.6' \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages 'pyspark>=3.5,<3.6'
fi
