"""The original project's cleaning step of an AirLabs /flights answer, in memory, timed.

It reproduces `get_rt_data.get_dataframe_flights` of the Python project skyboard re-imagines
(../shared/reference/seed-project.md, section 2.3): parse the answer (`json.load`), build a
pandas DataFrame of `response`, drop the records without `hex`, and fill missing `dep_iata` and
`arr_iata` with "XXXX". Nothing is written anywhere: this is the in-memory baseline that
`scripts/bench-ingest.sh` compares skyboard's whole `ingest-file` (lake, staging and warehouse
written and committed) against.

    python3 scripts/original_clean.py FILE [RUNS]    prints the median milliseconds of RUNS runs
"""

import json
import statistics
import sys
import time

import pandas as pd


def clean(path):
    with open(path, encoding="utf-8") as f:
        answer = json.load(f)
    records = answer["response"] if isinstance(answer, dict) else answer
    df = pd.DataFrame(records)
    df = df.dropna(subset=["hex"]).reset_index(drop=True)
    df["dep_iata"] = df["dep_iata"].fillna("XXXX")
    df["arr_iata"] = df["arr_iata"].fillna("XXXX")
    return df


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    clean(path)  # warm-up: the first run pays for imports and caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        df = clean(path)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{statistics.median(times):.1f} ms median of {runs} runs, {len(df)} rows kept")


if __name__ == "__main__":
    main()
