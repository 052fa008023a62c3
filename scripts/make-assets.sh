#!/usr/bin/env bash
# Rebuilds assets/ from the reference data in ../shared/data (or $SHARED_DATA).
# airportsdata: only the rows with an IATA code are kept (the board and the cleaner key airports
# by IATA); every kept row is byte-identical to the original. OpenFlights files are copied unmodified.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src=${SHARED_DATA:-$here/../shared/data}
out=$here/assets
mkdir -p "$out/airportsdata" "$out/openflights"
python3 - "$src/airportsdata/airports.csv" "$out/airportsdata/airports-iata.csv" <<'PY'
import csv, io, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8", newline="") as f:
    lines = f.read().splitlines(keepends=True)
out = [lines[0]]
for line in lines[1:]:
    row = next(csv.reader(io.StringIO(line)))
    if row[1].strip():
        out.append(line)
with open(dst, "w", encoding="utf-8", newline="") as f:
    f.writelines(out)
print(f"airports-iata.csv: {len(out) - 1} airports")
PY
cp "$src/airportsdata/LICENSE" "$out/airportsdata/LICENSE"
for f in airlines.dat routes.dat planes.dat countries.dat airports-extended.dat LICENSE; do
  cp "$src/openflights/$f" "$out/openflights/$f"
done
chmod 0644 "$out"/airportsdata/* "$out"/openflights/*

# Map outlines: Natural Earth (public domain) from the npm package world-atlas, converted into
# assets/natural-earth/*.bin by scripts/make-map-outlines.mjs (needs node and npm).
npm_dir=$(mktemp -d)
(cd "$npm_dir" && npm init -y >/dev/null && npm install --silent world-atlas@2.0.2 topojson-client@3.1.0)
mkdir -p "$out/natural-earth"
node "$here/scripts/make-map-outlines.mjs" "$npm_dir/node_modules" "$out/natural-earth"
rm -rf "$npm_dir"
