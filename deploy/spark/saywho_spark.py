"""saywho on Apache Spark: who said what, about whom, over a corpus too big for one machine.

The job pipes every partition of the corpus through the `saywho` binary shipped with
`spark-submit --files`, writes the analyses as the Parquet tables of `saywho export --parquet`
(articles, quotes, entities, mentions, persons, plus errors), then groups stories and links
people across the corpus with a second saywho pass per time window. See README.md beside this
file for the commands and for how a billion-article run is split.

Stages:
  1. analyse   every partition through `saywho analyze --pipe --format rows` (one answer line
               per input line, errors included, checked), read back with an explicit schema;
  2. stories   articles bucketed into time windows of --window-days by date; each window is
               grouped by one `saywho stories` process; story ids are made global per window;
  3. people    the same windows, each linked by one `saywho link` process; people of different
               windows are joined by the identity key saywho gives them (same full name, same
               organisation), the others keep ids of their window;
  4. tables    written as Parquet under --out, one directory per table.
"""

import argparse
import json
import os
import stat
import subprocess
import threading
import time

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F

# The shape of one `saywho analyze --pipe --format rows` line (saywho-exchange's ArticleRows),
# or of an error answer. Explicit, so Spark neither infers (a pass over the data) nor reorders.
ROWS_SCHEMA = """
    id STRING, title STRING, source STRING, url STRING, date STRING, authors ARRAY<STRING>,
    language STRING, text STRING, story BIGINT,
    quotes ARRAY<STRUCT<article: STRING, idx: INT, `start`: INT, `end`: INT, kind: STRING,
        cue_start: INT, cue_end: INT, speaker_entity: INT, speaker_mention: INT,
        speaker_name: STRING, confidence: DOUBLE, text: STRING>>,
    entities ARRAY<STRUCT<article: STRING, idx: INT, name: STRING, type: STRING,
        person: BIGINT>>,
    mentions ARRAY<STRUCT<article: STRING, idx: INT, `start`: INT, `end`: INT, kind: STRING,
        entity: INT, text: STRING>>,
    error STRUCT<kind: STRING, message: STRING>
"""

ARTICLE_COLUMNS = ["id", "title", "source", "url", "date", "authors", "language", "text"]

STORY_SCHEMA = "id STRING, story BIGINT"
PERSON_SCHEMA = """
    window BIGINT, local BIGINT, name STRING, type STRING, aliases ARRAY<STRING>, key STRING,
    members ARRAY<STRUCT<article: STRING, idx: INT>>
"""


def binary_path(name):
    """The saywho binary on this executor: shipped with --files, or a path given as is."""
    path = name if os.path.sep in name else SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        try:
            os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            pass
    return path


def run_saywho(binary, args, chunks):
    """Runs saywho with `chunks` (bytes) written to its standard input by a thread while its
    standard output is read line by line here, so neither side waits on a full pipe. Raises
    when saywho fails, with the end of what it said, so Spark retries or reports the task."""
    proc = subprocess.Popen(
        [binary_path(binary)] + args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    fed = [0]
    failure = []

    def feed():
        try:
            for chunk in chunks:
                proc.stdin.write(chunk)
                fed[0] += 1
        except BrokenPipeError:
            pass
        except Exception as err:  # noqa: BLE001 - reported below with saywho's own words
            failure.append(err)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    err_lines = []

    def drain_stderr():
        for line in proc.stderr:
            err_lines.append(line.decode("utf-8", "replace").rstrip())
            del err_lines[:-20]

    writer = threading.Thread(target=feed, daemon=True)
    reader = threading.Thread(target=drain_stderr, daemon=True)
    writer.start()
    reader.start()
    out = [line.rstrip(b"\n").decode("utf-8") for line in proc.stdout]
    writer.join()
    code = proc.wait()
    reader.join()
    if failure:
        raise failure[0]
    if code != 0:
        raise RuntimeError(
            "saywho %s exited with %d:\n%s" % (" ".join(args), code, "\n".join(err_lines))
        )
    return out, fed[0]


def analyse_jsonl(binary):
    """mapPartitions function: JSONL lines in, one rows answer per line out (checked)."""

    def run(lines):
        lines = [line for line in lines if line.strip()]
        if not lines:
            return iter(())
        out, _ = run_saywho(
            binary,
            ["analyze", "--pipe", "--format", "rows", "--input", "jsonl", "-"],
            (line.encode("utf-8") + b"\n" for line in lines),
        )
        if len(out) != len(lines):
            raise RuntimeError(
                "saywho answered %d lines for %d input lines" % (len(out), len(lines))
            )
        return iter(out)

    return run


def analyse_warc(binary):
    """mapPartitions function: whole WARC files (path, bytes) in, one answer per record out."""

    def run(files):
        for _path, content in files:
            out, _ = run_saywho(
                binary,
                ["analyze", "--pipe", "--format", "rows", "--input", "warc", "-"],
                iter([bytes(content)]),
            )
            yield from out

    return run


def per_window(binary, args, parse):
    """mapPartitions function over (window, json line) rows sorted by window: one saywho
    process per window, its output lines parsed by `parse(window, line)`."""

    def run(rows):
        current, batch = None, []
        for window, line in rows:
            if batch and window != current:
                out, _ = run_saywho(binary, args, (l.encode("utf-8") + b"\n" for l in batch))
                yield from (parse(current, l) for l in out)
                batch = []
            current = window
            batch.append(line)
        if batch:
            out, _ = run_saywho(binary, args, (l.encode("utf-8") + b"\n" for l in batch))
            yield from (parse(current, l) for l in out)

    return run


def story_row(window, line):
    """A window's story id made global: the window in the high 32 bits."""
    answer = json.loads(line)
    return (answer["id"], ((window + 1) << 32) | answer["story"])


def person_row(window, line):
    p = json.loads(line)
    members = [(m["article"], m["idx"]) for m in p["members"]]
    return (window, p["id"], p["name"], p["type"], p["aliases"], p.get("key"), members)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", required=True, nargs="+", help="JSONL or WARC files/globs")
    parser.add_argument("--format", choices=["jsonl", "warc"], default="jsonl")
    parser.add_argument("--out", required=True, help="output directory (must not exist)")
    parser.add_argument(
        "--binary", default="saywho", help="saywho shipped with --files (name), or a path"
    )
    parser.add_argument(
        "--partitions", type=int, default=0, help="analysis partitions (default: Spark's)"
    )
    parser.add_argument(
        "--window-days", type=int, default=7, help="time window of story and people passes"
    )
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("saywho").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    timings = {}
    started = time.time()

    # 1. Analyse.
    if args.format == "jsonl":
        lines = sc.textFile(",".join(args.input), minPartitions=args.partitions or None)
        answers = lines.mapPartitions(analyse_jsonl(args.binary))
    else:
        files = sc.binaryFiles(",".join(args.input), minPartitions=args.partitions or None)
        answers = files.mapPartitions(analyse_warc(args.binary))
    rows = spark.read.schema(ROWS_SCHEMA).json(answers)
    rows = rows.withColumn("pos", F.monotonically_increasing_id())
    rows.persist(StorageLevel.MEMORY_AND_DISK)
    total = rows.count()
    timings["analyse"] = time.time() - started

    errors = rows.where(F.col("error").isNotNull()).select("id", "error.kind", "error.message")
    ok = rows.where(F.col("error").isNull())
    # One row per id, the last read winning, as a sequential ingest would replace it.
    latest = Window.partitionBy("id").orderBy(F.col("pos").desc())
    ok = ok.withColumn("copy", F.row_number().over(latest)).where("copy = 1").drop("copy")
    days = F.datediff(F.to_date(F.substring("date", 1, 10)), F.lit("1970-01-01"))
    ok = ok.withColumn(
        "window", F.coalesce(F.floor(days / args.window_days), F.lit(-1)).cast("bigint")
    )
    ok.persist(StorageLevel.MEMORY_AND_DISK)
    articles_n = ok.count()
    # Windows are spread over as many partitions as any other shuffle of the job.
    n_windows = int(spark.conf.get("spark.sql.shuffle.partitions"))

    def windows(df, payload):
        keyed = df.select("window", F.to_json(F.struct(*payload)).alias("line"))
        keyed = keyed.repartition(n_windows, "window").sortWithinPartitions("window")
        return keyed.rdd.map(lambda r: (r.window, r.line))

    # 2. Stories, one saywho process per window.
    t = time.time()
    stories = windows(ok, ["id", "title", "source", "date", "text"]).mapPartitions(
        per_window(args.binary, ["stories", "--input", "-", "--format", "jsonl"], story_row)
    )
    stories = spark.createDataFrame(stories, STORY_SCHEMA)

    # 3. People, one saywho process per window, joined across windows by identity key.
    people = windows(ok, ["id", "entities", "mentions"]).mapPartitions(
        per_window(args.binary, ["link", "-"], person_row)
    )
    people = spark.createDataFrame(people, PERSON_SCHEMA)
    people = people.withColumn(
        "person",
        F.when(F.col("key").isNotNull(), F.xxhash64("key")).otherwise(
            F.xxhash64(F.col("window").cast("string"), F.col("local").cast("string"))
        ),
    ).persist(StorageLevel.MEMORY_AND_DISK)
    links = people.select("person", F.explode("members").alias("m")).select(
        F.col("m.article").alias("article"), F.col("m.idx").alias("idx"), "person"
    )
    persons = people.groupBy("person").agg(
        F.min("name").alias("name"),
        F.first("type").alias("type"),
        F.array_distinct(F.flatten(F.collect_list("aliases"))).alias("aliases"),
    ).select(F.col("person").alias("id"), "name", "type", "aliases")

    # 4. Tables.
    out = args.out.rstrip("/")
    articles = ok.select(*ARTICLE_COLUMNS).join(stories, "id", "left")
    articles.write.mode("errorifexists").parquet(out + "/articles")
    ok.select(F.explode("quotes").alias("q")).select("q.*").write.parquet(out + "/quotes")
    entities = ok.select(F.explode("entities").alias("e")).select("e.*").drop("person")
    entities.join(links, ["article", "idx"], "left").select(
        "article", "idx", "name", "type", "person"
    ).write.parquet(out + "/entities")
    ok.select(F.explode("mentions").alias("m")).select("m.*").write.parquet(out + "/mentions")
    persons.write.parquet(out + "/persons")
    errors.write.parquet(out + "/errors")
    timings["stories, people and tables"] = time.time() - t

    summary = {
        "answers": total,
        "articles": articles_n,
        "errors": errors.count(),
        "seconds": {k: round(v, 2) for k, v in timings.items()},
        "total_seconds": round(time.time() - started, 2),
    }
    print("saywho-spark: " + json.dumps(summary))
    spark.stop()


if __name__ == "__main__":
    main()
