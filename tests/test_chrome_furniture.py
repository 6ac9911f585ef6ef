"""Page furniture and spam by what a line is: each kind seen on real mirror, news and forum pages of the genre
(toolbars, breadcrumbs, forum headers, tag remnants, metadata lines, related-links lists, licence notices,
compiler's notes, keyword spam), on a line of its own and glued to a line of text, around a made-up report.
The report's own text, including words that furniture also uses (打印, 中小, 收藏, 来源于), must all stay."""

from __future__ import annotations

import re

import pytest

from zhpub.pipeline import build_document

REPORT = [
    "政府工作报告",
    "——2031年1月10日在平川市第三届人民代表大会第二次会议上",
    "市长　周文远",
    "各位代表：",
    "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员提出意见。",
    "一、2030年工作回顾",
    "过去一年，全市地区生产总值增长5.6%，中小企业发展环境持续优化，大中小企业融通发展，3D打印产业规模突破百亿元。",
    "我们推动文物收藏、繁体字典籍整理和数字出版融合发展，来源于群众的意见建议全部办结。",
    "二、2031年主要任务",
    "（一）扩大有效需求。实施消费提振行动，发表于本地媒体的消费券政策覆盖全市。",
    "各位代表！让我们团结奋斗，为建设现代化新平川而努力！",
]


def normalised(lines: list[str]) -> str:
    return build_document("page", "\n\n".join(lines).encode("utf-8"), "page.txt").text("hans")


def page_with(head: list[str], tail: list[str], report: list[str] = REPORT):
    text = "\n\n".join(head + report + tail) + "\n"
    return build_document("page", text.encode("utf-8"), "page.txt")


CLEAN = None


def clean_text() -> str:
    global CLEAN
    if CLEAN is None:
        CLEAN = normalised(REPORT)
    return CLEAN


# One line each, as sites print them (words and shapes seen on real pages, not copied from one page).
LINES = {
    "chrome-toolbar": ["设为首页 | 加入收藏 | 打印 | 繁体中文", "【字号 大 中 小】", "【字体：大 中 小】 【打印本页】 【关闭窗口】",
                       "字号变大 | 字号变小", "—分享—", "分享到：微信 微博 QQ空间", "相关报道"],
    "chrome-breadcrumb": ["当前位置：首页 > 新闻中心 > 正文", "每经网首页>专题直播>正文", "平川新闻网 » 时政要闻 » 两会专题 » 正文",
                          "首页＞政务公开＞政府工作报告"],
    "chrome-forum": ["查看：1031|回复：0", "Rank: 7", "楼主", "发表于 2031-1-11 10:22 | 只看该作者", "电梯直达"],
    "chrome-html": ['<b id="title1"><meter value="2" min="0" max="10">', "br />", 'span id="artibody"', "</div></p>"],
    "chrome-meta": ["来源：平川日报 作者：李明 编辑：王芳 2031-01-11 08:30:15", "(责任编辑：赵磊 PC021)", "关键词：政府工作报告",
                    "刊发时间：2031-01-11 A2版 作者：", "上一篇：市政协会议开幕", "阅读：1024次", "原标题：平川市政府工作报告全文"],
    "chrome-compiler-note": ["（根据录音整理）", "【编者按】"],
    "chrome-promo": ["下载平川新闻APP客户端，随时随地看新闻！"],
    "spam": ["澳门娱乐城在线观看,久久精品无码专区,日韩av免费看,www.xx123.com"],
}


SAME_KIND = {"chrome-meta": {"chrome-meta", "chrome-source", "chrome-editor"}}


@pytest.mark.parametrize("rule", sorted(LINES))
def test_each_furniture_line_is_removed_by_what_it_is(rule):
    doc = page_with(LINES[rule], [])
    assert doc.text("hans") == clean_text()
    removed = [c for c in doc.changes if c.stage == "chrome"]
    # each line by a rule of its kind, recorded (older, narrower rules name some metadata lines)
    assert all(c.rule in SAME_KIND.get(rule, {rule}) for c in removed) and len(removed) == len(LINES[rule])
    assert all(c.before.strip() and c.after == "" for c in removed)


def test_furniture_after_the_report_is_removed_too():
    tail = ["返回顶部", "相关新闻", "平川召开两会 代表热议发展", "2031年民生实事出炉", "推荐阅读", "楼主", "TOP"]
    doc = page_with(LINES["chrome-toolbar"][:2], tail)
    assert doc.text("hans") == clean_text()
    rules = [c.rule for c in doc.changes if c.stage == "chrome"]
    assert rules.count("chrome-related") == 2  # the list's headlines, not only its head


def test_licence_notice_of_an_online_library_is_removed_and_the_report_is_kept():
    notice = ["本作品来自本站文库，依据《中华人民共和国著作权法》第五条，\n不适用于该法，\n属于\n公有领域\n。",
              "Public domain\nPublic domain"]
    doc = page_with([], notice)
    assert doc.text("hans") == clean_text()
    assert {c.rule for c in doc.changes if c.stage == "chrome"} == {"chrome-licence"}


def test_a_notice_that_names_copyright_inside_the_report_is_kept():
    report = REPORT[:-1] + ["加强著作权保护，推动版权产业发展，严厉打击盗版侵权行为，保护原创作品。", REPORT[-1]]
    doc = page_with([], [], report)
    assert "加强著作权保护" in doc.text("hans")
    assert not [c for c in doc.changes if c.stage == "chrome"]


def test_spam_glued_to_the_start_and_the_end_of_a_paragraph_is_cut_out():
    report = list(REPORT)
    report[4] = "澳门威尼斯人在线娱乐城,免费高清电影,久久精品www福利" + REPORT[4]
    report[6] = REPORT[6] + "成人在线视频,日韩欧美精品专区,av高清免费看"
    doc = page_with([], [], report)
    assert doc.text("hans") == clean_text()
    cuts = [c for c in doc.changes if c.rule == "spam-glued"]
    assert [c.before for c in cuts] == ["澳门威尼斯人在线娱乐城,免费高清电影,久久精品www福利", "成人在线视频,日韩欧美精品专区,av高清免费看"]


def test_glued_spam_stops_at_the_text_it_is_glued_to():
    report = list(REPORT)
    report[7] = "影院在线观看,久久精品专区,免费" + REPORT[7]  # the run ends in a weak word right at the text
    doc = page_with([], [], report)
    assert REPORT[7] in doc.text("hans")


SPAM_RUNS = [  # strong words count 2, weak ones 1; 4 and a strong word make spam
    ("影院,高清", False),  # 3
    ("影院,久久", True),  # 4: two strong words
    ("影院,高清,免费", True),  # 4: a strong word and two weak ones
    ("在线,精品,国产,高清", False),  # 4, but only weak words: 国产, 精品 and 高清 are words a report uses
]


@pytest.mark.parametrize("run,spam", SPAM_RUNS)
def test_a_glued_run_is_spam_by_the_score_of_a_spam_line(run, spam):
    from zhpub.text.chrome import glued_spam

    text = REPORT[4]
    for glued, cut in ((run + "," + text, (0, len(run) + 1)), (text + "," + run, (len(text), len(text) + len(run) + 1))):
        assert [found[:2] for found in glued_spam(glued)] == ([cut] if spam else []), glued


@pytest.mark.parametrize("line,spam", [
    ("影院,高清,工作", False), ("影院,高清,美女", True), ("在线,精品,国产,高清", False), ("www,av,工作", True),
])
def test_a_keyword_list_line_is_spam_at_the_same_score(line, spam):
    from zhpub.text.chrome import classify, split_lines

    found = classify(split_lines(line)[0])
    assert (found is not None and found[0] == "spam") is spam


def test_furniture_words_are_read_as_utf8_and_matched_in_any_case(tmp_path):
    """The word lists are read as UTF-8 whatever the locale (a machine whose locale is ASCII or GBK), and stored
    lower-case because a line's words are lower-cased before they are looked up (QQ空间, TOP, APP in the file)."""
    import subprocess
    import sys

    from conftest import ROOT, child_env
    from zhpub.text.chrome import _load_furniture

    words = _load_furniture()
    assert {"qq空间", "top", "app"} <= words["toolbar"] | words["forum"] | words["labels"]
    assert all(w == w.lower() for kind in words.values() for w in kind)
    page = tmp_path / "page.txt"
    page.write_text("\n\n".join(["设为首页 | 加入收藏 | 分享到 QQ空间 | 返回TOP"] + REPORT) + "\n", encoding="utf-8")
    ascii_locale = child_env(PYTHONPATH=str(ROOT / "src"), LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0",
                             PYTHONIOENCODING="utf-8")  # stdout aside: this is about reading files
    result = subprocess.run([sys.executable, "-m", "zhpub", "normalise", str(page)], capture_output=True, text=True,
                            encoding="utf-8", env=ascii_locale)
    assert result.returncode == 0, result.stderr
    assert result.stdout == clean_text() + "\n"


def test_tag_remnants_inside_a_paragraph_are_cut_out():
    report = list(REPORT)
    report[6] = REPORT[6][:20] + '<span id="p3">' + REPORT[6][20:40] + "</span>" + REPORT[6][40:] + "br />"
    doc = page_with([], [], report)
    assert doc.text("hans") == clean_text()
    assert [c.before for c in doc.changes if c.rule == "chrome-html"] == ['<span id="p3">', "</span>", "br />"]


def test_the_report_in_traditional_with_pinyin_keeps_its_words():
    from zhpub.text.convert import to_traditional

    page = ["設為首頁 | 加入收藏 | 打印 | 繁體中文", "當前位置：首頁 > 新聞中心 > 正文"] + [to_traditional(line, "hant") for line in REPORT]
    doc = build_document("page", "\n\n".join(page).encode("utf-8"), "page.txt")
    assert doc.text("hans") == clean_text()


GLUED = {
    "toolbar at the start": ("【字号 大 中 小】 【打印】 ", ""),
    "breadcrumb at the start": ("首页 > 新闻中心 > 正文 ", ""),
    "forum header at the start": ("楼主 | 发表于 2031-1-11 10:22 | 只看该作者 ", ""),
    "footer links at the end": ("", " 返回顶部 | 打印 | 关闭"),
    "share bar at the end": ("", " 【分享到】 微信 微博"),
}


@pytest.mark.parametrize("kind", sorted(GLUED))
def test_furniture_glued_to_a_paragraph_is_cut_out(kind):
    before, after = GLUED[kind]
    report = list(REPORT)
    report[4] = before + REPORT[4] + after
    doc = page_with([], [], report)
    assert doc.text("hans") == clean_text()
    cut = [c for c in doc.changes if c.stage == "chrome"]
    assert len(cut) == 1 and cut[0].rule == "chrome-glued" and cut[0].before.strip() == (before or after).strip()


@pytest.mark.parametrize("edge,cut", [
    (" 【打印】", True),  # one furniture word, in the brackets of a toolbar
    (" [打印]", True),
    (" 打印", False),  # the same word bare at a paragraph's end may be the text's own (…完成打印 of a document)
    (" 【打印", False),  # a bracket on one side only
    (" 打印】", False),
])
def test_a_single_furniture_word_is_cut_only_in_brackets(edge, cut):
    report = list(REPORT)
    report[4] = REPORT[4] + edge
    doc = page_with([], [], report)
    assert (doc.text("hans") == clean_text()) is cut
    assert [c.before.strip() for c in doc.changes if c.rule == "chrome-glued"] == ([edge.strip()] if cut else [])


def test_the_texts_own_size_words_are_never_cut():
    report = list(REPORT)
    report[6] = "大、中、小城市协调发展，打印 复印等生产性服务业加快集聚，全市新增市场主体三万户。"
    doc = page_with([], [], report)
    assert report[6] in doc.text("hans")


def test_a_full_text_headline_before_a_report_without_title_block_is_the_pages_own():
    report = REPORT[3:]  # a copy that starts at the salutation
    doc = page_with(["2031年平川市政府工作报告(全文)", "2031-01-11 08:15"], [], report)
    assert doc.text("hans") == normalised(report)
    assert doc.meta["headline"] == "2031年平川市政府工作报告（全文）"


@pytest.mark.parametrize("length,rule", [(39, "chrome-promo"), (40, None)])
def test_an_app_download_prompt_is_a_short_line(length, rule):
    """下载…客户端 on a line shorter than 40 characters is the page's prompt; a longer line is text about an app."""
    from zhpub.text.chrome import furniture_line

    line = ("扫码下载新闻客户端" + "更多精彩内容尽在掌握之中欢迎关注我们的官方账号每天更新" * 2)[:length]
    found = furniture_line(line)
    assert (found[0] if found else None) == rule


def test_article_metadata_is_named_for_what_it_is():
    from zhpub.text.chrome import furniture_line

    assert furniture_line("来源：镇江日报 作者：张三 编辑：李四 2022-01-10") == (
        "chrome-meta", "article metadata (source, author, editor, time, counts)")


# --- each threshold at its edge: what a line or a run is, one character either side ---------------------------

def kind_of_line(line: str) -> str | None:
    from zhpub.text.chrome import classify, split_lines

    found = classify(split_lines(line)[0])
    return found[0] if found else None


BODY = "全市上下坚持稳中求进工作总基调扎实推进高质量发展" * 10
KEYWORDS = "关键词：" + "政府工作报告 高质量发展 " * 10


@pytest.mark.parametrize("line,kind", [
    ("打印 收藏 关闭 平川", "chrome-toolbar"),  # 6 of 8 characters in furniture words: 75 %
    ("打印 收藏 关闭 平川市", None),  # 6 of 9: text with a few toolbar words in it
    (KEYWORDS[:99], "chrome-meta"),  # a label line under 100 characters
    (KEYWORDS[:100], None),  # 100: too long for a value list
    (BODY[:193] + " 谢道韫 摄", "chrome-photo-caption"),  # a caption under 200 characters, ending in its credit
    (BODY[:194] + " 谢道韫 摄", None),
    ("新闻网 > " + "新闻中心" * 4 + " > 正文", "chrome-breadcrumb"),  # crumbs of up to 16 characters
    ("新闻网 > " + "新闻中心" * 4 + "网 > 正文", None),
    ("新闻网 > 正文", None),  # two crumbs: a breadcrumb needs three
    ("关键词：高质量发展 现代化产业体系", "chrome-meta"),  # a label and its values
    ("关键词：高质量发展，是全面建设社会主义现代化国家的首要任务。", None),  # a sentence after a label is text
    ("平川网 2031-01-11 10:22 打印 收藏", "chrome-toolbar"),  # a date and a time count with the words: 19 of 22
    ("楼主 平川网友 2031-1-11 10:22", "chrome-forum"),  # 16 of 20
])
def test_a_line_is_furniture_up_to_each_threshold(line, kind):
    assert kind_of_line(line) == kind, (len(line), line)


@pytest.mark.parametrize("length,kind", [(39, "chrome-editor"), (40, "chrome-meta")])
def test_an_editor_line_is_under_forty_characters(length, kind):
    """A longer one is still article metadata (a label and values), named so."""
    assert kind_of_line(("责任编辑：" + "张三李四王五赵六" * 6)[:length]) == kind


@pytest.mark.parametrize("length,kind", [(30, "chrome-footer"), (31, "chrome-toolbar")])
def test_a_line_of_footer_links_is_up_to_thirty_characters(length, kind):
    assert kind_of_line("返回首页 返回顶部 打印本页 关闭窗口 网站地图 联系我们 上一篇 下一篇"[:length]) == kind


@pytest.mark.parametrize("text,cut", [("推进高质量发展。", True), ("推进高质量发展", False)])
def test_furniture_is_cut_from_a_line_only_when_eight_characters_of_text_are_left(text, cut):
    from zhpub.text.chrome import glued_furniture

    found = glued_furniture("【字号 大 中 小】 【打印】 " + text)
    assert [f[:2] for f in found] == ([(0, 16)] if cut else [])


@pytest.mark.parametrize("item,cut", [
    ("影院工作", 5),  # half the item is spam: it belongs to the run, which is cut up to its last spam word
    ("影院工作者", None),  # less than half: the run is one item, not spam
])
def test_an_item_belongs_to_a_glued_run_when_half_of_it_is_spam_words(item, cut):
    from zhpub.text.chrome import glued_spam

    found = glued_spam(f"久久,{item},{REPORT[4]}")
    assert [f[:2] for f in found] == ([(0, cut)] if cut else [])


@pytest.mark.parametrize("between,end", [("大全", 11), ("大全集", 7)])
def test_a_glued_runs_cut_goes_through_at_most_two_other_characters(between, end):
    """影院,久久精品…福利现在: the last item is cut through spam words at most two characters apart; 现在 stays."""
    from zhpub.text.chrome import glued_spam

    text = f"影院,久久精品{between}福利现在，我代表市人民政府向大会报告工作。"
    ((start, stop, _),) = glued_spam(text)
    assert (start, stop) == (0, end)
    assert text[stop:].startswith("现在，" if end == 11 else between + "福利现在，")


def stripped(lines: list[str]) -> list[tuple[str, str]]:
    from zhpub.text.chrome import strip_chrome

    return [(c.rule, c.before.strip()) for c in strip_chrome("\n\n".join(lines) + "\n").changes]


NOTICE = "本作品在全世界都属于公有领域。"  # two licence words: 本作品, 公有领域


@pytest.mark.parametrize("tail,removed", [
    (NOTICE, True), ("本作品属于平川市。", False),  # one licence word is a sentence that may be the report's
    (NOTICE + "注" * (1200 - len(NOTICE)), True), (NOTICE + "注" * (1201 - len(NOTICE)), False),  # a notice is short
])
def test_a_licence_notice_has_two_licence_words_and_a_short_tail(tail, removed):
    assert stripped(REPORT + [tail]) == ([("chrome-licence", tail)] if removed else [])


@pytest.mark.parametrize("length,removed", [(40, True), (41, False)])
def test_an_item_of_a_related_links_list_is_up_to_forty_characters(length, removed):
    item = ("平川市召开全市经济工作会议部署明年重点任务" * 3)[:length]
    found = stripped(REPORT[:7] + ["相关新闻", item] + REPORT[7:])
    assert found == [("chrome-footer", "相关新闻")] + ([("chrome-related", item)] if removed else [])


@pytest.mark.parametrize("length,removed", [(60, True), (61, False)])
def test_a_full_text_headline_is_up_to_sixty_characters(length, removed):
    """…政府工作报告（全文） anywhere on the page is the page's own headline when it is headline length."""
    headline = ("平川市第三届人民代表大会第二次会议" * 4)[: length - 11] + "市政府工作报告（全文）"
    assert len(headline) == length
    found = stripped(REPORT[3:7] + [headline] + REPORT[7:])
    assert found == ([("page-headline", headline)] if removed else [])


def test_a_headline_restates_a_title_printed_letter_spaced():
    """A PDF or page prints the document's title letter-spaced (政 府 工 作 报 告): the page's headline above it
    restates it all the same, spaces aside."""
    headline = "平川市2031年政府工作报告"  # no （全文）: found only because it restates the title below
    found = stripped([headline, "政 府 工 作 报 告", *REPORT[1:]])
    assert found == [("page-headline", headline)]


def test_a_subtitle_is_a_headlines_deck_only_by_a_date_on_a_line_after_the_title():
    """The speaker line carries the date (市长 周文远（2031年1月10日）), so it counts as the last title line: the
    report's own subtitle above it, with the same date, is no deck of a page headline and stays."""
    speaker = "市长　周文远（2031年1月10日）"
    assert stripped([REPORT[0], REPORT[1], speaker, *REPORT[3:]]) == []
    # the same subtitle once more after the title block: the first is then the page's deck
    found = stripped([REPORT[0], REPORT[1], speaker, REPORT[1], *REPORT[3:]])
    assert found[:1] == [("page-headline", REPORT[1])]


# What the corrections record says of each kind of line it removes (reviewed: the reader sees these words).
NOTES = {
    "chrome-breadcrumb": "navigation breadcrumb", "chrome-timestamp": "page time stamp",
    "chrome-download-id": "page element id", "chrome-photo-caption": "photo caption with its credit",
    "chrome-editor": "editor line", "chrome-source": "source/byline line", "chrome-footer": "footer link",
    "chrome-html": "HTML tag remnant", "chrome-meta": "article metadata (source, author, editor, time, counts)",
    "chrome-compiler-note": "the compiler's note, not the report's text", "chrome-promo": "app download prompt",
    "page-headline": "the mirror page's headline, kept as metadata",
    "chrome-licence": "licence notice of the site the text was copied from", "chrome-related": "item of a related-links list",
}


def test_the_record_says_what_each_removed_line_was():
    """Every kind of line on one page; each removal's note is the explanation of its kind, and a toolbar's, a
    forum header's or a spam line's names the words it was recognised by."""
    from zhpub.text.chrome import strip_chrome

    head = [line for lines in LINES.values() for line in lines] + [
        "2031-01-11 08:15", "downLoad-20310111081500", "责任编辑：王小明", "1月10日，市长周文远作政府工作报告。 张三 摄", "2031年平川市政府工作报告（全文）"]
    tail = ["相关新闻", "平川召开两会 代表热议发展", "2031年民生实事出炉", NOTICE]
    changes = strip_chrome("\n\n".join(head + REPORT + tail) + "\n").changes
    assert set(NOTES) <= {c.rule for c in changes}  # every kind is on the page
    for c in changes:
        if c.rule in NOTES:
            assert c.note == NOTES[c.rule], c
        elif c.rule in ("chrome-toolbar", "chrome-forum", "spam"):
            kind = {"chrome-toolbar": "toolbar", "chrome-forum": "forum", "spam": "keyword-list line"}[c.rule]
            words = c.note.removeprefix(kind + " (").removesuffix(")")
            assert c.note.startswith(kind + " (") and words and all(w.lower() in c.before.lower() for w in re.split(r"[ ,]+", words) if w), c
