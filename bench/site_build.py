"""Site build time: the full zhpub build of both variants, against a plain `mkdocs build` of the very same pages
written out as static Markdown (same theme, plugins and extensions, without the zhpub plugin). Reports the share of
the text pipeline (scrape -> Document model, glossary, indicators) in the full build; the target is under a quarter.
Also times the same site built by ProperDocs 1.6.7 (`properdocs build -f mkdocs.yml`, both variants), the
maintained MkDocs 1.6 fork (tests/test_plugin.py checks its output is the same).

    .venv/bin/python bench/site_build.py [--repeat N] [--no-properdocs]

Two zhpub figures: from scratch (cache off: the text pipeline and the comparisons included), and the site step as a
`zhpub build` runs it (the document models in the build cache, as `--only data` or an earlier build leaves them;
every product of the site itself - pages, data files, comparisons, search entries - made again).

Every measurement runs in a fresh process, so no cache carries over between them. Reported: CPU time (user + sys
of the process and its children, which is what the noisy shared machine leaves comparable) and wall time, the
fastest of N runs each, interleaved, with the load average of the machine beside them. The floor is built from
the same pages zhpub makes, corpus pages included (the project root is passed to the renderer).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZHPUB_CACHE="0")  # every measurement from scratch (cache.py)
CACHED_MODELS = dict(ENV, ZHPUB_CACHE="1")  # the site step: models in the cache, every site product made again
KEPT = ("document", "glossary")  # the cache kinds the site step starts with (what `zhpub build --only data` leaves)

PIPELINE = """
from pathlib import Path
from zhpub.build import publishable_documents
from zhpub.content import load_project_glossary
docs = publishable_documents(Path('.'))
load_project_glossary(Path('.'))
"""
FULL = """
from pathlib import Path
from zhpub.build import build_site, publishable_documents
build_site(Path('.'), Path({out!r}), publishable_documents(Path('.')))
"""
DUMP = """
import json, shutil, sys
from pathlib import Path
from zhpub.build import publishable_documents
from zhpub.content import load_project_glossary
from zhpub.render.site import SiteRenderer
out = Path(sys.argv[1])
docs = publishable_documents(Path('.'))
glossary = load_project_glossary(Path('.'))
for variant in ('hans', 'hant'):
    r = SiteRenderer(docs, glossary, variant, project_root=Path('.'))
    d = out / variant / 'docs'
    for page in r.pages():
        (d / page.path).parent.mkdir(parents=True, exist_ok=True)
        (d / page.path).write_text(page.markdown, encoding='utf-8')
    for path, text in r.data_files().items():
        (d / path).parent.mkdir(parents=True, exist_ok=True)
        (d / path).write_bytes(text if isinstance(text, bytes) else text.encode('utf-8'))
    shutil.copytree('hooks/assets', d, dirs_exist_ok=True)
    (out / variant / 'nav.json').write_text(json.dumps(r.nav(), ensure_ascii=False), encoding='utf-8')
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], **kwargs) -> tuple[float, float]:
    """(wall, CPU) seconds of a command and every process it starts (they are waited for, so RUSAGE_CHILDREN has them)."""
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start, children_cpu() - cpu


def run(code: str, *args: str, cwd: Path = ROOT, env: dict = ENV) -> tuple[float, float]:
    return timed([sys.executable, "-c", code, *args], cwd=cwd, env=env)


def project_copy(folder: Path) -> Path:
    """What a build reads, in a folder of its own (the site step's cache must not be the checkout's)."""
    for name in ("content", "glossary", "corpus", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def clear_site_products(project: Path) -> None:
    for kind in (project / ".zhpub-cache").iterdir():
        if kind.name not in KEPT:
            shutil.rmtree(kind)


def add(a: tuple[float, float], b: tuple[float, float], sign: int = 1) -> tuple[float, float]:
    return a[0] + sign * b[0], a[1] + sign * b[1]


def static_config(variant_dir: Path, variant: str) -> Path:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])  # its default
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    config["plugins"] = [p for p in config["plugins"] if not (p == "zhpub" or isinstance(p, dict) and "zhpub" in p)]
    config.pop("watch")
    config["docs_dir"] = str(variant_dir / "docs")
    config["site_dir"] = str(variant_dir / "site")
    config["theme"]["custom_dir"] = str(ROOT / "hooks" / "overrides")
    config["theme"]["language"] = {"hans": "zh-Hans", "hant": "zh-Hant"}[variant]
    config["nav"] = json.loads((variant_dir / "nav.json").read_text(encoding="utf-8"))
    path = variant_dir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the fastest counts")
    parser.add_argument("--no-properdocs", action="store_true", help="skip the ProperDocs timing")
    args = parser.parse_args()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = project_copy(tmp / "project")
        subprocess.run([sys.executable, "-c", DUMP, str(tmp / "static")], cwd=ROOT, env=ENV, check=True)
        configs = [static_config(tmp / "static" / v, v) for v in ("hans", "hant")]
        run(PIPELINE, cwd=project, env=CACHED_MODELS)  # the document models into the copy's cache
        full, step, static, pipeline, properdocs = [], [], [], [], []
        for _ in range(args.repeat):
            shutil.rmtree(tmp / "full", ignore_errors=True)
            full.append(run(FULL.format(out=str(tmp / "full"))))
            loads.append(os.getloadavg()[0])
            clear_site_products(project)
            shutil.rmtree(tmp / "step", ignore_errors=True)
            step.append(run(FULL.format(out=str(tmp / "step")), cwd=project, env=CACHED_MODELS))
            loads.append(os.getloadavg()[0])
            floor = (0.0, 0.0)
            for config in configs:
                floor = add(floor, timed([str(mkdocs), "build", "-q", "-f", str(config)], env=ENV))
            static.append(floor)
            loads.append(os.getloadavg()[0])
            pipeline.append(add(run(PIPELINE), run("import zhpub.build, zhpub.content"), -1))  # minus start-up
            if not args.no_properdocs:
                pd = (0.0, 0.0)
                for variant, tag in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
                    pd = add(pd, timed([str(Path(sys.executable).parent / "properdocs"), "build", "-q", "-f", "mkdocs.yml",
                                        "-d", str(tmp / "properdocs" / tag)], cwd=ROOT, env=dict(ENV, ZHPUB_VARIANT=variant)))
                properdocs.append(pd)
    best = lambda runs, i: min(r[i] for r in runs)  # noqa: E731
    f, s, p = (best(full, 1), best(static, 1), best(pipeline, 1))
    fw, sw = best(full, 0), best(static, 0)
    print(f"load average (1 min) during the runs: {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores")
    print(f"full zhpub site build, both variants, from scratch (cache off): {f:6.2f} s CPU  {fw:6.2f} s wall")
    print(f"the site step (document models cached, every site product made again): {best(step, 1):6.2f} s CPU  "
          f"{best(step, 0):6.2f} s wall")
    print(f"plain mkdocs build of the same static pages:   {s:6.2f} s CPU  {sw:6.2f} s wall")
    print(f"text pipeline (scrape -> model, glossary, ind.): {p:5.2f} s CPU = {p / f:.0%} of the full build")
    print(f"everything zhpub adds to plain MkDocs:          {f - s:5.2f} s CPU = {(f - s) / f:.0%} of the full build")
    if properdocs:
        print(f"the same site with ProperDocs 1.6.7 (2 runs):   {best(properdocs, 1):6.2f} s CPU  {best(properdocs, 0):6.2f} s wall")
    print(f"zhpub site build / plain MkDocs floor:          {f / s:6.2f}x CPU, {fw / sw:.2f}x wall from scratch; "
          f"site step {best(step, 1) / s:.2f}x CPU, {best(step, 0) / sw:.2f}x wall (fastest of {args.repeat} each, interleaved)")


if __name__ == "__main__":
    main()
