#!/usr/bin/env python3
"""Builds the TimeML (.tml) dev files from the inline-marked sources in src/.

Source format: first line `DCT YYYY-MM-DD`, then text where each time expression is
written [[words|TYPE|VALUE]]. Output: dev/<name>.tml (or heldout/ for names starting
with `heldout-`). Texts are our own wire-style writing; values follow TimeML/TIMEX3.
"""
import pathlib, re, html

here = pathlib.Path(__file__).parent
mark = re.compile(r"\[\[([^|\]]+)\|([A-Z]+)\|([^\]]+)\]\]")
for src in sorted((here / "src").glob("*.txt")):
    lines = src.read_text().splitlines()
    dct = lines[0].split()[1]
    body = "\n".join(lines[1:]).strip() + "\n"
    out, pos, n = [], 0, 0
    for m in mark.finditer(body):
        out.append(html.escape(body[pos:m.start()], quote=False))
        n += 1
        words, typ, val = m.groups()
        out.append(f'<TIMEX3 tid="t{n}" type="{typ}" value="{val}">{html.escape(words, quote=False)}</TIMEX3>')
        pos = m.end()
    out.append(html.escape(body[pos:], quote=False))
    name = src.stem
    folder = "heldout" if name.startswith("heldout-") else "heldout2" if name.startswith("blind2-") else "dev"
    (here / folder).mkdir(exist_ok=True)
    dest = here / folder / f"{name}.tml"
    dest.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>' + name + '</DOCID>\n'
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
        "<TEXT>" + "".join(out) + "</TEXT>\n</TimeML>\n"
    )
    print(dest, n)
