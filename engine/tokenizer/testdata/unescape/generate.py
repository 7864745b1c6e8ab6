#!/usr/bin/env python3
"""Writes python_unescape.json: strings built from the pieces of HTML
character references, and what Python's own html.unescape makes of them
(the reference for pyUnescape in ../../unescape.go).

    python3 generate.py > python_unescape.json
"""
import html
import json
import random
import sys

PIECES = ["&", "&", "&#", "&#x", "&#X", "#", ";", ";", "x", "0", "1", "3", "6", "9",
          "13", "59", "65", "128", "129", "159", "160", "x41", "xD800", "x110000",
          "99999999999999999999", "FDD0", "xFFFE", "a", "F", "g", "amp", "lt", "gt",
          "notin", "not", "AElig", "AMP", "semi", "quot", "ampx", "é", " ", "\t",
          "\n", "<", "z" * 40, "\x03", "\u00a0", "花"]

FIXED = ["&#65", "&#6", "&#x41", "&#0\x03", "&#0;", "&#65x", "&#x;", "&#;", "&#128;",
         "&#13;", "&#xD800;", "&#1114112;", "&#99999999999999999999;", "&amp", "&ampx;",
         "&notin", "&notit;", "&#03$", "&amp;amp;", "&#x1F305;", "&#xfffe;", "&#127;",
         "&", "&&&", "&;", "&#", "&#x", "&semi;", "&NotNestedLessLess;", "&bne;"]

def main():
    rng = random.Random(20261205)
    cases = list(FIXED)
    for _ in range(4000):
        cases.append("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))))
    json.dump([{"in": c, "out": html.unescape(c)} for c in cases], sys.stdout,
              ensure_ascii=True, indent=0)
    sys.stdout.write("\n")

main()
