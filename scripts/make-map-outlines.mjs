// Converts Natural Earth outlines (the npm package world-atlas, TopoJSON) into skyboard's compact
// map asset: polylines of (lon, lat) in hundredths of a degree, little-endian i16.
//   node scripts/make-map-outlines.mjs NODE_MODULES_DIR OUT_DIR
// Writes coast-110m.bin, coast-50m.bin (land outlines, each arc once) and borders-110m.bin,
// borders-50m.bin (borders between two countries, each once). Edges that exist only because a
// polygon is cut (across or along the antimeridian, along the south pole) are left out: no coast.
// Format: "SKYL" u32 lines, then per line u32 points followed by points as (i16 lon, i16 lat).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const [modules, out] = process.argv.slice(2);
const require = createRequire(join(modules, "noop.js"));
const topojson = require("topojson-client");

const load = (name) => JSON.parse(readFileSync(join(modules, "world-atlas", name), "utf8"));
const q = (v) => Math.round(v * 100);

// A cut edge: a jump across the antimeridian, both ends on it, or both at the pole's edge.
const cut = (a, b) =>
  Math.abs(a[0] - b[0]) > 180 ||
  (Math.abs(a[0]) >= 179.999 && Math.abs(b[0]) >= 179.999 && Math.sign(a[0]) === Math.sign(b[0])) ||
  (a[1] <= -89.9 && b[1] <= -89.9);

function write(file, multiLine) {
  const lines = [];
  for (const line of multiLine.coordinates) {
    let current = [];
    for (let i = 0; i < line.length; i++) {
      const p = [q(line[i][0]), q(line[i][1])];
      if (i > 0 && cut(line[i - 1], line[i])) {
        if (current.length > 1) lines.push(current);
        current = [];
      }
      const last = current[current.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) current.push(p);
    }
    if (current.length > 1) lines.push(current);
  }
  const points = lines.reduce((n, l) => n + l.length, 0);
  const buf = Buffer.alloc(8 + lines.length * 4 + points * 4);
  buf.write("SKYL", 0, "ascii");
  buf.writeUInt32LE(lines.length, 4);
  let o = 8;
  for (const l of lines) {
    buf.writeUInt32LE(l.length, o);
    o += 4;
    for (const [x, y] of l) {
      buf.writeInt16LE(x, o);
      buf.writeInt16LE(y, o + 2);
      o += 4;
    }
  }
  writeFileSync(join(out, file), buf);
  console.log(`${file}: ${lines.length} lines, ${points} points, ${buf.length} bytes`);
}

for (const scale of ["110m", "50m"]) {
  const land = load(`land-${scale}.json`);
  write(`coast-${scale}.bin`, topojson.mesh(land, land.objects.land));
  const countries = load(`countries-${scale}.json`);
  write(`borders-${scale}.bin`, topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b));
}
