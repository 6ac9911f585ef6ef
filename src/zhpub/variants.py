"""The script editions zhpub can publish, declared once: everything that differs between them is a field here.

A project publishes the default editions (Simplified, the canonical text, and Traditional with Taiwan-standard
glyphs); Traditional with Hong Kong glyphs (the HK glyph standard: 羣, 裏, 着, 綫, 説) only on request, with
``variants: [hans, hant, hk]`` under the zhpub plugin in mkdocs.yml. Every renderer, the build, its jobs and its
cache go through ``published`` (the configured list) and these declarations, never through a list of their own.

No import of any other zhpub module: the converter, the model and the renderers all read this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    code: str  # hans | hant | hk: a block's text key, mkdocs.yml's `variant:` / `variants:`, `--variant`
    tag: str  # BCP 47: the site folder build/site/<tag>/, <html lang>, hreflang, the PDF's name and /Lang
    name: str  # in the script switch and beside a PDF link: 简体, 繁體
    long_name: str  # on the page that sends a reader to their script (build/site/index.html)
    # the names when another edition in the same script is published too (Taiwan and Hong Kong Traditional)
    regional_name: str
    regional_long_name: str
    opencc: str  # the OpenCC configuration that derives it from the Simplified ("" for the canonical text)
    glyph_step: str  # OpenCC's regional glyph step alone (t2tw, t2hk), for words a sense rule decides
    theme_language: str  # Material's translation (partials/languages/<it>.html; hooks/overrides/ has ours)
    print_fonts: tuple[str, str]  # serif, sans of the PDF: named, a generic family picks Japanese glyph forms
    web_fonts: str  # the site's font stack (local fonts only)
    # the browser languages (navigator.languages, lower case) that the root page sends to this edition
    browser_languages: str
    on_request: bool = False

    @property
    def script(self) -> str:
        return self.tag.split("-")[1]  # Hans, Hant


DECLARED: tuple[Variant, ...] = (
    Variant("hans", "zh-Hans", "简体", "简体中文", "简体", "简体中文", "", "", "zh-Hans",
            ("Noto Serif CJK SC", "Noto Sans CJK SC"),
            '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei"', ""),
    Variant("hant", "zh-Hant", "繁體", "繁體中文", "台灣繁體", "繁體中文（台灣）", "s2tw", "t2tw", "zh-Hant",
            ("Noto Serif CJK TC", "Noto Sans CJK TC"),
            '"Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"', "zh-(hant|tw|hk|mo)"),
    # zh-Hant-HK, not zh-HK: the script subtag as the other two editions have it (W3C's advice for Chinese); the
    # browser languages zh-HK and zh-MO are sent here when it is published
    Variant("hk", "zh-Hant-HK", "香港繁體", "繁體中文（香港）", "香港繁體", "繁體中文（香港）", "s2hk", "t2hk", "zh-Hant-HK",
            ("Noto Serif CJK HK", "Noto Sans CJK HK"),
            '"Noto Sans CJK HK", "Source Han Sans HC", "PingFang HK", "Microsoft JhengHei"', "zh-(hant-)?(hk|mo)",
            on_request=True),
)
BY_CODE: dict[str, Variant] = {v.code: v for v in DECLARED}
CANONICAL = DECLARED[0].code  # the text every other edition is derived from
DEFAULT: tuple[str, ...] = tuple(v.code for v in DECLARED if not v.on_request)
ON_REQUEST: tuple[str, ...] = tuple(v.code for v in DECLARED if v.on_request)
LANG_TAGS: dict[str, str] = {v.code: v.tag for v in DECLARED}


class UnknownVariant(ValueError):
    pass


def published(codes: Iterable[str] | None = None) -> tuple[Variant, ...]:
    """The editions of a configuration's ``variants:`` (None: the default ones), in the declared order; every default
    edition is always published (their sites link to each other, and on-request ones are extras)."""
    wanted = list(DEFAULT if codes is None else codes)
    unknown = [c for c in wanted if c not in BY_CODE]
    if unknown:
        raise UnknownVariant(f"unknown variant {unknown[0]!r}; choose from {', '.join(BY_CODE)}")
    return tuple(v for v in DECLARED if v.code in wanted or not v.on_request)


def extras(codes: Iterable[str]) -> tuple[str, ...]:
    """The on-request editions among ``codes``, in the declared order (what pipeline.with_variants adds)."""
    return tuple(v.code for v in published(codes) if v.on_request)


def names(editions: Iterable[Variant], long: bool = False) -> dict[str, str]:
    """Each edition's name as the switch (or, ``long``, the root page) shows it among ``editions``: the regional name
    where another published edition has the same script (台灣繁體 beside 香港繁體), else the plain one (繁體)."""
    editions = tuple(editions)
    out = {}
    for v in editions:
        shared = sum(1 for other in editions if other.script == v.script) > 1
        if shared:
            out[v.code] = v.regional_long_name if long else v.regional_name
        else:
            out[v.code] = v.long_name if long else v.name
    return out
