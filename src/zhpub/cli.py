"""zhpub command line: normalise, check, export, ids, build. Works without MkDocs."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from . import __version__
from .content import ContentFolder, load_document, load_path, resolve
from .errors import Location, ProblemsError, ZhpubError, write_file
from .export import document_json, dumps
from .manifest import Entry, read_legacy, recorded, write_manifest
from .model import Document

EPILOG = "Documents live in content/<slug>/ (source.txt, document.yaml, errata.yaml). See README.md."


def utf8_streams() -> None:
    """Standard output and error in UTF-8 when the locale's encoding cannot write Chinese (LC_ALL=C with UTF-8 mode
    off, PYTHONIOENCODING=ascii): zhpub's output is Chinese text, and a traceback halfway through it helps nobody."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "中".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    utf8_streams()
    parser = argparse.ArgumentParser(prog="zhpub", description=__doc__, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"zhpub {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("normalise", aliases=["normalize"], help="print the normalised text of a scrape or content folder")
    p.add_argument("path", type=Path, help="a raw scrape file or a content folder")
    p.add_argument("--variant", choices=["hans", "hant", "hk"], default="hans",
                   help="Simplified (default), Traditional, or Traditional with Hong Kong glyphs (hk)")
    p.add_argument("--strict", action="store_true", help="exit 1 if anything is left unresolved")
    p.set_defaults(run=cmd_normalise)

    p = commands.add_parser("check", help="lint content: corruption left, YAML, glossary, published ids")
    p.add_argument("docs", nargs="*", help="document slugs (default: all under content/)")
    p.set_defaults(run=cmd_check)

    p = commands.add_parser("export", help="write the document model as JSON")
    p.add_argument("doc", help="document slug or folder")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("--variant", action="append", choices=["hk"], default=[],
                   help="also export this on-request variant (hk: Traditional, Hong Kong glyphs); default: the "
                        "zhpub plugin's variants: in mkdocs.yml")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.set_defaults(run=cmd_export)

    p = commands.add_parser("ids", help="list a document's ids; --record publishes them (published-ids.jsonl)")
    p.add_argument("doc", help="document slug or folder")
    p.add_argument("--record", action="store_true", help="record new ids and the text every id names")
    p.add_argument("--accept", action="append", default=[], metavar="ID=revised",
                   help="the changed text of ID is the same block revised: keep the id (implies --record)")
    p.add_argument("--retire", action="append", default=[], metavar="OLD->NEW",
                   help="OLD is gone: redirect it to NEW (implies --record)")
    p.set_defaults(run=cmd_ids)

    p = commands.add_parser("errata", help="list garbled spans with their ranked readings; --accept writes one as an erratum")
    p.add_argument("doc", help="document slug or folder")
    p.add_argument("--accept", action="append", default=[], metavar="LINE:COL[=N]",
                   help="write reading N (default 1, the best) of the span at LINE:COL into errata.yaml")
    p.set_defaults(run=cmd_errata)

    p = commands.add_parser("new", help="start a document: content/SLUG/ from a scrape, with a document.yaml read from it")
    p.add_argument("slug", help="the new document's folder name (qinghe-county-2023)")
    p.add_argument("source", type=Path, help="the scrape, copied byte for byte")
    p.set_defaults(run=cmd_new)

    p = commands.add_parser("build", help="build data exports, every published site edition and the PDFs into build/")
    p.add_argument("--only", choices=["data", "site", "pdf"], action="append", help="build only these parts")
    add_build_options(p)
    p.set_defaults(run=cmd_build)

    p = commands.add_parser("pdf", help="build the PDF editions into build/pdf/")
    p.add_argument("docs", nargs="*", help="document slugs (default: all)")
    add_build_options(p)
    p.set_defaults(run=cmd_pdf)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ProblemsError as error:  # every problem of every document, then the count
        for line in error.lines:
            print(line, file=sys.stderr)
        print(f"zhpub {args.command}: {error.message}", file=sys.stderr)
        return 1
    except ZhpubError as error:
        print(f"zhpub: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a file we could not read or write: say which, without a traceback
        print(f"zhpub: error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


def warn_problems(doc: Document) -> None:
    for p in doc.problems:
        print(f"{doc.source_path}:{p.line}:{p.column}: {p}", file=sys.stderr)


def cmd_normalise(args: argparse.Namespace) -> int:
    from .pipeline import with_variants

    doc = with_variants(load_path(args.path), [args.variant])
    warn_problems(doc)
    sys.stdout.write(doc.text(args.variant) + "\n")
    return 1 if args.strict and doc.problems else 0


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import check_project

    errors, notes = check_project(args.root, args.docs)
    for line in notes:
        print(f"zhpub: warning: {line}", file=sys.stderr)
    for line in errors:
        print(line)
    if errors:
        print(f"zhpub check: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    return 0


def refuse_content_output(root: Path, folder: ContentFolder, output: Path) -> None:
    """An export goes anywhere but over the project's own input (source.txt, the YAML files, the glossary)."""
    target = output.resolve()
    for protected in (folder.path.resolve(), (root / "content").resolve(), (root / "glossary").resolve()):
        if target == protected or target.is_relative_to(protected):
            raise ZhpubError("refusing to write the export into the project's content",
                             Location(str(output)), "write it elsewhere, e.g. -o build/doc.json")


def cmd_errata(args: argparse.Namespace) -> int:
    import re

    from .text.errata import accept_reading

    folder = resolve(args.root, args.doc)
    if not args.accept:
        doc = load_document(folder)
        for p in doc.problems:
            print(f"{doc.source_path}:{p.line}:{p.column}: {p}")
        return 1 if doc.problems else 0
    for spec in args.accept:
        m = re.fullmatch(r"(\d+):(\d+)(?:=(\d+))?", spec)
        if not m:
            raise ZhpubError(f"--accept {spec!r}: expected LINE:COL or LINE:COL=N", None, "e.g. --accept 51:141=1")
        entry = accept_reading(folder.source, folder.errata, int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
        print(f"{folder.errata}: added{entry.rstrip()}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .build import configured_variants
    from .pipeline import with_variants

    folder = resolve(args.root, args.doc)
    doc = with_variants(load_document(folder), args.variant or configured_variants(args.root))
    text = dumps(document_json(doc))
    if args.output:
        refuse_content_output(args.root, folder, args.output)
        write_file(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _decisions(args: argparse.Namespace) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    accept, retire = set(), []
    for value in args.accept:
        id_, _, what = value.partition("=")
        if what != "revised" or not id_:
            raise ZhpubError(f"--accept {value}: write ID=revised", hint="e.g. --accept s2-p11=revised")
        accept.add(id_)
    for value in args.retire:
        old, sep, new = (part.strip() for part in value.partition("->"))
        if not sep or not old or not new:
            raise ZhpubError(f"--retire {value}: write OLD->NEW", hint="e.g. --retire s2-p11->s2-p12")
        retire.append((old, new))
    return frozenset(accept), tuple(sorted(retire))


def cmd_ids(args: argparse.Namespace) -> int:
    folder: ContentFolder = resolve(args.root, args.doc)
    legacy = folder.manifest.with_name("published-ids.txt")
    if legacy.exists() and not folder.manifest.exists():
        return migrate_legacy(folder, legacy) if args.record else _legacy_error(folder, legacy)
    accept, retire = _decisions(args)
    doc = load_document(folder, accept, retire)
    for e in doc.id_errors:
        print(f"zhpub: error: {e}", file=sys.stderr)
    if not (args.record or accept or retire):
        sys.stdout.write("".join(f"{i}\n" for i in doc.anchor_ids))
        return 1 if doc.id_errors else 0
    if doc.problems:  # the manifest records what each id names: never garbled text
        warn_problems(doc)
        print(f"zhpub ids: nothing recorded: {len(doc.problems)} unresolved problem(s) in the text; add errata first",
              file=sys.stderr)
        return 1
    if doc.id_errors:
        print(f"zhpub ids: nothing recorded: {len(doc.id_errors)} problem(s)", file=sys.stderr)
        return 1
    manifest = recorded(doc)
    write_manifest(manifest)
    counts = Counter(c.kind for c in doc.id_changes)
    print(f"{folder.manifest}: edition {manifest.edition}; " + ", ".join(
        f"{counts[k]} {k}" for k in ("added", "edited", "revised", "retired")), file=sys.stderr)
    return 0


def _legacy_error(folder: ContentFolder, legacy: Path) -> int:
    print(f"zhpub: error: {legacy}: published ids in the old format; convert it with "
          f"`zhpub ids {folder.slug} --record`", file=sys.stderr)
    return 1


def migrate_legacy(folder: ContentFolder, legacy: Path) -> int:
    """published-ids.txt (ids only) -> published-ids.jsonl (ids with the text they name), once: every old id
    must still be in the document, so the texts recorded are the ones the ids were published with."""
    ids, moved = read_legacy(legacy)
    aside = legacy.with_name(legacy.name + ".migrating")
    legacy.rename(aside)  # the document loads with its positional ids, as the old ids were given
    try:
        doc = load_document(folder)
    finally:
        aside.rename(legacy)
    present = set(doc.anchor_ids)
    missing = [i for i in ids if moved.get(i, i) not in present]
    if missing:
        for i in missing:
            print(f"zhpub: error: {legacy}: published id {i!r} is not in the document", file=sys.stderr)
        return 1
    manifest = recorded(doc)
    texts = {e.id: e.text for e in manifest.entries}
    manifest.entries += [Entry(old, texts.get(new, ""), 1, retired=new, retired_in=1) for old, new in moved.items()]
    write_manifest(manifest)
    legacy.unlink()
    print(f"{folder.manifest}: {len(manifest.entries)} id(s) converted from {legacy.name}", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .newdoc import new_document

    folder, todo = new_document(args.root, args.slug, args.source)
    print(f"{folder}: created ({args.source} copied to source.txt, document.yaml read from its title block)")
    print("left to do:")
    for line in todo:
        print(f"- {line}" if not line.startswith("  ") else f"  {line}")
    return 0


def add_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary (progress is shown only on a terminal)")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="processes to use (default: one per core; ZHPUB_JOBS)")


def run_build(args: argparse.Namespace, parts: set[str], names: list[str] | None) -> int:
    from .build import BuildReport, build_all

    report = BuildReport(live=not args.quiet and sys.stderr.isatty())
    print_warnings(build_all(args.root, parts, names, report, args.jobs))
    if not args.quiet:
        print(report.summary(args.root / "build"), file=sys.stderr)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    return run_build(args, {"pdf"}, args.docs or None)


def cmd_build(args: argparse.Namespace) -> int:
    return run_build(args, set(args.only or ["data", "site", "pdf"]), None)


SHOWN_PER_KIND = 5


def print_warnings(lines: list[str]) -> None:
    """A build's warnings, at most a few of each kind (the message up to its first quoted value): a corpus of
    reports can have hundreds of indicator names without English, which `zhpub check` lists in full."""
    kinds: dict[str, list[str]] = {}
    for line in lines:
        kinds.setdefault(line.split("'", 1)[0], []).append(line)
    for same in kinds.values():
        for line in same[:SHOWN_PER_KIND]:
            print(f"zhpub: warning: {line}", file=sys.stderr)
        if len(same) > SHOWN_PER_KIND:
            print(f"zhpub: warning: … and {len(same) - SHOWN_PER_KIND} more like these: `zhpub check` lists them all",
                  file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
