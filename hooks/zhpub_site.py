"""MkDocs glue for zhpub: the Document model in, generated pages out.

ZHPUB_VARIANT (hans | hant, default hans) picks the script. Everything else — page text, links, ids, the
glossary and indicators — comes from zhpub; this file only hands it to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from zhpub.build import publishable_documents
from zhpub.content import load_project_glossary
from zhpub.model import LANG_TAGS
from zhpub.render.common import VARIANT_NAMES, label
from zhpub.render.site import SiteRenderer

ASSETS = Path(__file__).parent / "assets"
THEME_LANGUAGE = {"hans": "zh-Hans", "hant": "zh-Hant"}  # Material's translations; <html lang> follows
_state: dict = {}


@event_priority(100)  # before Material's search plugin reads the theme language
def on_config(config):
    variant = os.environ.get("ZHPUB_VARIANT", "hans")
    if variant not in THEME_LANGUAGE:
        raise ValueError(f"ZHPUB_VARIANT must be one of {sorted(THEME_LANGUAGE)}, not {variant!r}")
    root = Path(config.config_file_path).parent
    docs = publishable_documents(root)
    site_root = config.site_url or ""  # the address of build/site/, which holds both variants
    serving = site_root.startswith(f"http://{config.dev_addr.host}:{config.dev_addr.port}/")  # mkdocs serve
    renderer = SiteRenderer(docs, load_project_glossary(root), variant, "" if serving else site_root, root)
    if site_root and not serving:
        config.site_url = f"{site_root.rstrip('/')}/{LANG_TAGS[variant]}/"  # canonical links, sitemap, 404.html

    config.theme["language"] = THEME_LANGUAGE[variant]
    site_dir = Path(config.site_dir)
    if site_dir.name in LANG_TAGS.values():  # build/site/zh-Hans -> zh-Hant: sibling builds, same paths
        config.site_dir = str(site_dir.parent / LANG_TAGS[variant])  # (`mkdocs serve` uses a temporary dir)
    config.site_name = label("site", variant)
    config.nav = renderer.nav()
    config.extra["alternate"] = [
        {"name": VARIANT_NAMES[v], "link": f"../{LANG_TAGS[v]}/index.html", "lang": LANG_TAGS[v]}
        for v in ("hans", "hant")
    ]
    # Reproducible output: MkDocs stamps the sitemap with the build date; use the newest document date instead
    # (unless the caller set one). Recomputed on every build, so `mkdocs serve` follows date edits.
    dates = [d.meta["date"] for d in docs if d.meta.get("date")]
    if dates and ("SOURCE_DATE_EPOCH" not in os.environ or os.environ.get("ZHPUB_SET_EPOCH")):
        newest = dt.datetime.fromisoformat(max(dates)).replace(tzinfo=dt.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(newest.timestamp()))
        os.environ["ZHPUB_SET_EPOCH"] = "1"  # ours to update on the next build
    _state.update(renderer=renderer, variant=variant)
    return config


def on_files(files: Files, config) -> Files:
    """Only generated files: the pages and data of every document, and our assets. (content/ holds sources.)"""
    renderer: SiteRenderer = _state["renderer"]
    docs_dir = Path(config.docs_dir).resolve()
    generated = Files([f for f in files if not _inside(f.abs_src_path, docs_dir)])  # keep the theme's assets
    _state["heads"] = renderer.heads()
    for page in renderer.pages():
        generated.append(File.generated(config, page.path, content=page.markdown))
    for path, text in renderer.data_files().items():
        generated.append(File.generated(config, path, content=text))
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file():
            generated.append(File.generated(config, asset.relative_to(ASSETS).as_posix(), abs_src_path=str(asset)))
    return generated


def on_page_context(context, page, config, nav):
    """Citation meta tags and JSON-LD for the page's <head> (hooks/overrides/main.html prints them)."""
    context["zhpub_head"] = _state["heads"].get(page.file.src_uri, "")
    return context


def _inside(path: str | None, folder: Path) -> bool:
    return bool(path) and Path(path).resolve().is_relative_to(folder)


def on_post_build(config):
    # MkDocs writes 404.html with root-absolute links, right only when site_url names the deployment address;
    # without one it would be a page of broken links (and file:// readers never see a 404).
    if not config.site_url:
        (Path(config.site_dir) / "404.html").unlink(missing_ok=True)
