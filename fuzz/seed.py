#!/usr/bin/env python3
"""Lays the fuzz corpora in fuzz/corpus/<target>/ from the files the repository ships
(rules, example cases, test fixtures, the earlier decisions in examples/corpus) and the
one draft in fuzz/seeds/. The corpora themselves are not committed.

    python3 fuzz/seed.py [path/to/beslutskoll]

With the binary, the corpus_index target also gets a real index of examples/corpus
(`beslutskoll corpus build`); without it, only the empty and a truncated header.
"""
import hashlib, io, pathlib, re, subprocess, sys, tempfile, zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"


def put(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def files(*globs):
    for g in globs:
        yield from sorted(p for p in ROOT.glob(g) if p.is_file())


def document_xml(text):
    """A document.xml as Word writes it: headings get a Heading style."""
    paras = []
    for line in text.splitlines():
        heading = line.startswith("#") or bool(re.fullmatch(r"[A-ZÅÄÖ][\wåäö ]{2,40}", line))
        line = line.lstrip("# ").replace("&", "&amp;").replace("<", "&lt;")
        style = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' if heading else ""
        paras.append(f'<w:p>{style}<w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body>{"".join(paras)}</w:body></w:document>').encode()


def docx(xml, compression=zipfile.ZIP_STORED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compression) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", xml)
    return b.getvalue()


rule_files = list(files("rules/**/*.regler", "riktlinjer/**/*.regler", "tests/**/*.regler"))
case_files = list(files("examples/*.yaml", "tests/fixtures/**/*.yaml", "tests/fixtures/**/*.json",
                        "tests/data/provfall/*.yaml"))
drafts = list(files("fuzz/seeds/*.txt", "examples/corpus/*.txt"))

ITEM = re.compile(r"^(?=(?:regel|definition|lista|tabell|justera) )", re.M)

for p in rule_files:
    text = p.read_bytes()
    put("rules", text)
    # Each item alone under its file's header as well: small inputs that reach every
    # construct, so the fuzzer mutates a 1 kB rule instead of a 40 kB file (run.sh caps
    # the length at 8 kB; a seed longer than that is cut, and a cut file mostly stops at
    # the parser).
    head, *items = ITEM.split(text.decode())
    for item in items:
        put("rules", (head + item).encode())
for p in case_files:
    put("case_reader", p.read_bytes())
    put("http_body", (b"\x01" if p.suffix == ".json" else b"\x00") + p.read_bytes())
for p in drafts:
    text = p.read_bytes()
    xml = document_xml(text.decode())
    put("document", b"\x00" + text)
    put("document", b"\x01" + docx(xml))
    put("document", b"\x01" + docx(xml, zipfile.ZIP_DEFLATED))
    put("document", b"\x02" + xml)
    put("http_body", b"\x02" + text)
    put("http_body", b"\x04" + docx(xml))

put("corpus_index", b"")
binary = sys.argv[1] if len(sys.argv) > 1 else None
if binary:
    with tempfile.TemporaryDirectory() as tmp:
        for subset in (["LSS-2025-0031.txt"], None):
            src = ROOT / "examples" / "corpus"
            if subset:
                src = pathlib.Path(tmp) / "one"
                src.mkdir(exist_ok=True)
                for name in subset:
                    (src / name).write_bytes((ROOT / "examples" / "corpus" / name).read_bytes())
            idx = pathlib.Path(tmp) / "korpus.idx"
            subprocess.run([binary, "corpus", "build", str(src), "-o", str(idx)], check=True,
                           stdout=subprocess.DEVNULL)
            data = idx.read_bytes()
            put("corpus_index", data)
            put("corpus_index", data[:16])

for t in sorted(OUT.iterdir()):
    print(f"{t.name}: {len(list(t.iterdir()))} seeds")
