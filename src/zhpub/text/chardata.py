"""Character classes and shared patterns of the text stages, in one place (ftfy's chardata.py is the model).

Every stage that asks "is this Han?", "is this Chinese punctuation?", "is this a lost character?" asks here, so
that a class widened for one stage (a CJK extension block, a new loss marker) is widened for all of them, and
the stage that reports lost characters and the stage that could mistake them for punctuation agree on what
they are.
"""

from __future__ import annotations

import re

# --- Han characters ---------------------------------------------------------------------------------------
# Unified ideographs with extension A, the compatibility block and the supplementary planes (ext. B to H).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")

# --- Punctuation ------------------------------------------------------------------------------------------
# The marks of Chinese running text (full-width forms, corner brackets, dashes, ellipsis, middle dot, ratio).
CJK_PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·∶～"
# Full-width marks that mirrors flatten to ASCII, and back.
FULL_WIDTH_TO_ASCII = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?", "！": "!"}
ASCII_TO_FULL_WIDTH = {ascii_: full for full, ascii_ in FULL_WIDTH_TO_ASCII.items()}
# Every full-width form of an ASCII character (U+FF01–U+FF5E: ！ … ～, ％, ０–９, Ａ–Ｚ) and its ASCII twin: search
# folds them so 5.2% finds 5.2％, which official text writes too (one UTF-16 unit each, so highlights stay aligned).
FULL_WIDTH_FORMS = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
# What makes a neighbour "Chinese" for the punctuation stage: Han, CJK symbols, full-width forms, curly
# quotes, dashes, ellipsis, Roman numerals (Ⅰ Ⅱ used as list numbers).
CHINESE_CONTEXT = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026\u2160-\u217f"
)
CHINESE_CONTEXT_RE = re.compile(f"[{CHINESE_CONTEXT}]")

# --- Characters whose identity was lost ---------------------------------------------------------------
# A decoder shows a byte it cannot place as "?" (the mirror's decoder) or U+FFFD (a strict one); a GBK user-
# defined pair decodes to a private-use code point. None of these is ever publishable as it stands.
LOSS_MARKERS = "?\ufffd"
PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff"
PRIVATE_USE_RE = re.compile(f"[{PRIVATE_USE}]")
UNREADABLE_RE = re.compile(f"[{PRIVATE_USE}\ufffd]")  # never text: private use or the replacement character
# HTML entities that scrapers leave as text, often without their "&" (eaten with an orphaned GBK lead byte).
ENTITY_RE = re.compile(
    r"&?(ldquo|rdquo|lsquo|rsquo|quot|amp|nbsp|lt|gt|hellip|mdash|ndash|middot|times|deg|#\d{2,6}|#x[0-9a-fA-F]{2,5});"
)
# Control characters other than tab and newline never belong in a report.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# --- Pinyin -------------------------------------------------------------------------------------------------
# Letters of a pinyin syllable as mirrors write them: tone-marked vowels, ü, the rare ń ň ǹ ḿ, and combining
# tone marks (a decomposed copy).
PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ\u0300-\u0304\u030c"
LOWER_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
ANNOTATION_RE = re.compile(f"\\(([{PINYIN_LETTERS}]{{1,7}})\\)")  # 鎮(zhèn): the mirror's annotation
# The rest of an annotation whose "(" was swallowed with an orphaned lead byte: "?xì)".
ANNOTATION_REMNANT_RE = re.compile(f"[{PINYIN_LETTERS}]{{1,7}}\\)")
