#!/usr/bin/env python3
"""Adds translations to a module's resx files: one TSV line per text, "English key<TAB>ru<TAB>fi".
usage: tools/add_texts.py RESOURCES_PREFIX TEXTS.tsv   e.g. src/Custodian.Modules.Marketplace/Resources/MarketplaceText
A key already present is replaced, so the file can be re-applied; the rest of the file is left as it is."""
import re
import sys
from xml.sax.saxutils import escape, quoteattr

prefix, tsv = sys.argv[1], sys.argv[2]
rows = [line.rstrip("\n").split("\t") for line in open(tsv, encoding="utf-8") if line.strip() and not line.startswith("#")]
for row in rows:
    if len(row) != 3:
        sys.exit(f"{tsv}: expected 3 tab-separated columns: {row}")
for lang, column in (("ru", 1), ("fi", 2)):
    path = f"{prefix}.{lang}.resx"
    text = open(path, encoding="utf-8").read()
    for row in rows:
        name = quoteattr(row[0])
        text = re.sub(r"  <data name=" + re.escape(name) + r" xml:space=\"preserve\">\s*<value>.*?</value>\s*</data>\n", "", text, flags=re.S)
        entry = f"  <data name={name} xml:space=\"preserve\">\n    <value>{escape(row[column])}</value>\n  </data>\n"
        text = text.replace("</root>", entry + "</root>")
    open(path, "w", encoding="utf-8").write(text)
print(f"{len(rows)} texts in {prefix}.ru.resx and .fi.resx")
