import pytest

from sources.cleaning import CleanedArticle, RemovedBlock, clean_article, normalise_text

LEAD = (
    "The city council voted on Monday to close three libraries, citing a shortfall of "
    "£4m in its annual budget."
)
SECOND = (
    "Council leader Maria Lopez said the decision had been painful but necessary, and that "
    "mobile library services would be expanded to cover the affected areas."
)
THIRD = (
    "Opposition councillors said the closures would hit elderly residents hardest and "
    "promised to challenge the decision at the next full meeting."
)


def reasons(article: CleanedArticle) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def paragraphs(article: CleanedArticle) -> list[str]:
    return article.body.split("\n\n")


# --------------------------------------------------------------------------- normalisation


def test_normalise_text_turns_crlf_nbsp_and_zero_width_into_plain_text():
    raw = "Caf\u0065\u0301 news\r\nprices\u00a0rose\u200b 5%\x07\rend"
    assert normalise_text(raw) == "Café news\nprices rose 5%\nend"


def test_normalise_text_leaves_plain_ascii_untouched():
    text = "Plain text.\n\nSecond paragraph."
    assert normalise_text(text) == text


def test_normalise_text_converts_tabs_and_keeps_newlines():
    assert normalise_text("a\tb\n\nc\u2028d") == "a b\n\nc\nd"


# --------------------------------------------------------------------------- body format


def test_body_paragraphs_are_joined_by_one_blank_line_and_whitespace_is_collapsed():
    text = f"\n\n  {LEAD}  \n\n\n\n{SECOND.replace(' ', '   ', 3)}\n   \n{THIRD}\n\n"
    article = clean_article(text, title="Libraries to close")
    assert article.body == f"{LEAD}\n\n{SECOND}\n\n{THIRD}"
    assert article.removed == ()


def test_one_paragraph_per_line_without_blank_lines_gives_one_paragraph_per_line():
    article = clean_article(f"{LEAD}\n{SECOND}\n{THIRD}")
    assert paragraphs(article) == [LEAD, SECOND, THIRD]


def test_hard_wrapped_plain_text_is_rejoined_into_paragraphs():
    wrapped = (
        "The city council voted on Monday to close three libraries, citing\n"
        "a shortfall of four million pounds in its annual budget for the\n"
        "coming year, officials said.\n"
        "\n"
        "Council leader Maria Lopez said the decision had been painful but\n"
        "necessary, and that mobile library services would be expanded to\n"
        "cover the affected areas.\n"
    )
    article = clean_article(wrapped, title="Libraries to close")
    assert len(paragraphs(article)) == 2
    assert paragraphs(article)[0].startswith("The city council voted on Monday to close three")
    assert paragraphs(article)[0].endswith("coming year, officials said.")


def test_empty_text_gives_empty_article():
    article = clean_article("  \n\n ")
    assert article == CleanedArticle("", "", None, None, None, ())


# --------------------------------------------------------------------------- headline


def test_first_short_line_without_full_stop_is_the_headline_and_leaves_the_body():
    article = clean_article(f"Libraries to close as council cuts budget\n\n{LEAD}\n\n{SECOND}")
    assert article.title == "Libraries to close as council cuts budget"
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {"Libraries to close as council cuts budget": "headline"}


def test_first_line_that_is_a_sentence_stays_in_the_body_and_title_is_derived():
    article = clean_article(f"{LEAD}\n\n{SECOND}")
    assert paragraphs(article)[0] == LEAD
    assert article.title.startswith("The city council voted on Monday to close three libraries")
    assert len(article.title) <= 121


def test_derived_title_is_cut_at_a_word_boundary_with_an_ellipsis():
    long_lead = (
        "Regional health authorities across the northern provinces reported a sharp rise in "
        "hospital admissions for respiratory illness during the first two weeks of January."
    )
    article = clean_article(long_lead)
    assert article.title.endswith("…")
    assert len(article.title) <= 120
    assert long_lead.startswith(article.title[:-1])
    assert long_lead[len(article.title) - 1] == " "


def test_given_title_is_used_and_its_copy_at_the_top_of_the_text_is_removed():
    article = clean_article(
        f"Libraries to close as council cuts budget\n\n{LEAD}",
        title="Libraries to close as council cuts budget | Example Gazette",
    )
    assert article.title == "Libraries to close as council cuts budget | Example Gazette"
    assert paragraphs(article) == [LEAD]


def test_headline_repeated_after_the_timestamp_is_removed_even_with_small_differences():
    text = (
        "Libraries to close as council cuts budget\n\n"
        "Mar 3, 2025 - 09:15\n"
        "Libraries to close as council cuts budget.\n\n"
        f"{LEAD}\n\n{SECOND}"
    )
    article = clean_article(text)
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article)["Libraries to close as council cuts budget."] == "repeated_headline"
    assert article.dateline == "Mar 3, 2025 - 09:15"


def test_question_lead_is_not_mistaken_for_a_headline():
    question = "So what exactly did the council promise voters last spring?"
    article = clean_article(f"{question}\n\n{LEAD}")
    assert paragraphs(article)[0] == question


# --------------------------------------------------------------------------- captions & credits


def test_caption_sentence_followed_by_agency_credit_is_removed_as_caption():
    caption = "Smoke rises over the harbour after the blast. Jane Doe/Agency via Getty Images"
    article = clean_article(f"{LEAD}\n\n{caption}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {caption: "caption"}


@pytest.mark.parametrize(
    "credit_line",
    [
        "Getty Images",
        "AFP via Getty Images",
        "Photo: Jane Doe/AP",
        "Image source, Getty Images",
        "Credit: John Roe for Example Gazette",
        "REUTERS/Jane Doe",
        "© Jane Doe",
    ],
)
def test_credit_only_lines_are_removed_as_photo_credits(credit_line):
    article = clean_article(f"{LEAD}\n\n{credit_line}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {credit_line: "photo_credit"}


@pytest.mark.parametrize(
    "caption",
    [
        "The mayor addresses supporters in the town square on Friday. (Photo by John Roe/Getty "
        "Images)",
        "Firefighters tackle the blaze at the warehouse. REUTERS/Jane Doe",
        "Voters queue outside a polling station in Leeds. (AP Photo/Jane Doe)",
        "Image caption, The bridge was closed for six hours",
    ],
)
def test_caption_with_credit_formats_are_removed_as_captions(caption):
    article = clean_article(f"{LEAD}\n\n{caption}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {caption: "caption"}


def test_caption_printed_twice_is_removed_both_times():
    plain = "A volunteer sorts donated books at the central library on Tuesday."
    text = f"{LEAD}\n\n{plain}\n\n{plain} REUTERS/Jane Doe\n\n{SECOND}"
    article = clean_article(text)
    assert paragraphs(article) == [LEAD, SECOND]
    assert [r.reason for r in article.removed] == ["caption", "caption"]


def test_picture_description_directly_above_a_credited_caption_is_removed():
    alt = (
        "Two women stand in front of a closed library. "
        "There is a line of parked cars in the background."
    )
    caption = "The library closed last year. Jane Doe/Example Agency via Getty Images"
    article = clean_article(f"{LEAD}\n\n{alt}\n\n{caption}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {alt: "image_description", caption: "caption"}


def test_picture_description_with_only_ordinary_verbs_needs_a_picture_style_subject():
    alt = "A man holds a placard while walking past the town hall"
    caption = "A protest in March. Jane Doe/Example Agency via Getty Images"
    article = clean_article(f"{LEAD}\n\n{alt}\n\n{caption}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]


def test_picture_description_without_a_caption_below_is_kept():
    alt = "Two women stand in front of a closed library, with parked cars in the background."
    article = clean_article(f"{LEAD}\n\n{alt}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, alt, SECOND]


def test_reporting_paragraph_above_a_caption_is_kept_even_with_a_visual_verb():
    reporting = "The mayor is standing for re-election and holding rallies across the county."
    caption = "The mayor at a rally. Jane Doe/Example Agency via Getty Images"
    article = clean_article(f"{LEAD}\n\n{reporting}\n\n{caption}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, reporting, SECOND]


@pytest.mark.parametrize(
    "reporting",
    [
        "Revenue at Reuters fell 3% last year, the company said in a statement.",
        "The minister told Reuters on Tuesday that talks would resume next week.",
        "Getty Images, the photo agency, said it would cut 200 jobs.",
        "The photographer, whose pictures were sold via Getty Images, declined to comment.",
        "Traffic was diverted along the US/Mexico border.",
        "Reading v Stockport/Swansea",
        "Caroline Quentin (Life Begins/ Von Trapped, ITV1)",
    ],
)
def test_reporting_that_mentions_agencies_or_slashes_is_kept(reporting):
    article = clean_article(f"{LEAD}\n\n{reporting}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, reporting, SECOND]


# --------------------------------------------------------------------------- links and promos


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("RELATED: Council faces legal challenge over school closures", "related_link"),
        ("Read more: How the library budget is spent", "related_link"),
        ("Watch: Residents protest outside the town hall", "related_link"),
        ("Read Entire Article", "related_link"),
        ("Recommended", "related_link"),
        ("Sign up for our morning newsletter", "promo"),
        ("Click here to see the full list of closures", "promo"),
        ("MAYOR'S ‘SURRENDER’ ON TAXES DOESN'T END FEUD", "promo_headline"),
        ("Stadium Plan Stalls As Investors Walk Away From Riverside Deal", "promo_headline"),
        ("Advertisement", "navigation"),
        ("Skip to content", "navigation"),
        ("| Local Voices Opinion | | |", "navigation"),
        ("| | |", "empty_table"),
        ("-----", "navigation"),
        ("Home > News > Local", "navigation"),
        ("We use cookies to improve your experience. Accept cookies to continue.", "cookie_notice"),
    ],
)
def test_links_promos_and_navigation_between_paragraphs_are_removed(line, reason):
    article = clean_article(f"{LEAD}\n\n{line}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {line: reason}


def test_short_genuine_paragraphs_and_quotes_with_shouted_words_are_kept():
    kept = [
        "He denied the charges.",
        '"We will NOT accept this," said one protester outside the hall.',
        "The vote passed.",
        "Critics say the move was rushed",
        "School Of Rock",
    ]
    text = "\n\n".join([LEAD, *kept, SECOND])
    article = clean_article(text, title="Libraries to close")
    assert paragraphs(article) == [LEAD, *kept, SECOND]


def test_a_list_of_title_cased_items_is_reporting_not_promo_headlines():
    items = [
        "Best Drama Series Goes To The Crown",
        "Best Comedy Goes To Ghosts",
        "Best Film Goes To Aftersun",
    ]
    article = clean_article("\n\n".join([LEAD, *items, SECOND]), title="Awards night")
    assert paragraphs(article) == [LEAD, *items, SECOND]


def test_short_lines_after_an_end_of_article_marker_are_other_stories():
    text = (
        f"{LEAD}\n\n{SECOND}\n\nMORE STORIES\n\nCouncil tax to rise again in April\n\nPark reopens"
    )
    article = clean_article(text)
    assert paragraphs(article) == [LEAD, SECOND]
    assert all(r.reason == "related_link" for r in article.removed)


# --------------------------------------------------------------------------- counters & timestamps


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("Mar 18, 2025 - 20:39", "Mar 18, 2025 - 20:39"),
        ("18 March 2025, 14:02 GMT", "18 March 2025, 14:02 GMT"),
        ("Published 2 days ago", "2 days ago"),
        ("Updated 3 min ago", "3 min ago"),
        ("6 hours ago 2", "6 hours ago"),
    ],
)
def test_timestamp_lines_are_removed_and_the_first_becomes_the_dateline(line, dateline):
    article = clean_article(f"Libraries to close\n\n{line}\n\n{LEAD}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article)[line] == "timestamp"
    assert article.dateline == dateline


@pytest.mark.parametrize(
    "line", ["0", "12", "1.2K", "Share", "Tweet", "Share Tweet Email", "45 comments"]
)
def test_share_buttons_and_counters_are_removed(line):
    article = clean_article(f"{LEAD}\n\n{line}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article) == {line: "share_counter"}


def test_a_large_bare_figure_and_a_date_heading_inside_the_article_are_kept():
    text = f"{LEAD}\n\nAttendance:\n\n29,603\n\nSaturday, 26 February\n\n{SECOND}"
    article = clean_article(text, title="Libraries to close")
    assert "29,603" in paragraphs(article)
    assert "Saturday, 26 February" in paragraphs(article)
    assert article.dateline is None


# --------------------------------------------------------------------------- teasers and repeats


def test_teaser_ending_with_ellipsis_is_dropped_and_the_full_paragraph_kept():
    teaser = LEAD[:60].rsplit(" ", 1)[0] + "..."
    article = clean_article(f"Libraries to close\n\n{teaser}\n\n{LEAD}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article)[teaser] == "teaser"


def test_standfirst_that_ends_with_the_truncated_lead_is_a_teaser():
    teaser = (
        "Officials say the cuts were unavoidable after years of falling grants. "
        "The city council voted on Monday to close…"
    )
    article = clean_article(f"Libraries to close\n{teaser}\n\n{LEAD}\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert reasons(article)[teaser] == "teaser"


def test_pull_quote_repeated_inside_a_later_paragraph_is_removed():
    quote = "We have protected every front-line service we possibly could this year"
    pull = f"“{quote},” the council said."
    full = f"In a statement, the council said: “{quote}. The libraries were a hard choice.”"
    article = clean_article(f"{pull}\n\n{LEAD}\n\n{full}")
    assert paragraphs(article) == [LEAD, full]
    assert reasons(article) == {pull: "pull_quote"}


def test_a_quote_used_only_once_is_kept():
    quote = "“We have protected every front-line service we possibly could this year,” she said."
    article = clean_article(f"{LEAD}\n\n{quote}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, quote, SECOND]


def test_exact_duplicate_paragraph_is_removed_once():
    article = clean_article(f"{LEAD}\n\n{SECOND}\n\n{SECOND}\n\n{THIRD}")
    assert paragraphs(article) == [LEAD, SECOND, THIRD]
    assert reasons(article) == {SECOND: "duplicate"}


# --------------------------------------------------------------------------- bylines & sign-offs


def test_sign_off_with_outlet_sets_byline_and_outlet():
    article = clean_article(f"{LEAD}\n{SECOND}\nJane Doe for Example News")
    assert paragraphs(article) == [LEAD, SECOND]
    assert (article.byline, article.outlet) == ("Jane Doe", "Example News")
    assert reasons(article) == {"Jane Doe for Example News": "sign_off"}


def test_dash_sign_off_sets_byline_and_outlet():
    article = clean_article(f"{LEAD}\n\n{SECOND}\n\n— Jane Doe, Example News")
    assert paragraphs(article) == [LEAD, SECOND]
    assert (article.byline, article.outlet) == ("Jane Doe", "Example News")


def test_wire_credits_line_sets_byline_from_the_reporters():
    credits = "Reporting by Jane Doe in Lisbon and John Roe; Editing by Mary Major"
    article = clean_article(f"{LEAD}\n\n{SECOND}\n\n{credits}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert article.byline == "Jane Doe and John Roe"
    assert reasons(article) == {credits: "sign_off"}


def test_wire_credits_in_brackets_at_the_end_of_the_last_paragraph_are_cut_off():
    article = clean_article(f"{LEAD}\n\n{SECOND} (Reporting by Jane Doe; Editing by John Roe)")
    assert paragraphs(article) == [LEAD, SECOND]
    assert article.byline == "Jane Doe"


def test_by_line_near_the_top_sets_byline_and_leaves_the_body():
    article = clean_article(f"Libraries to close\n\nBy Jane Doe and John Roe\n\n{LEAD}\n\n{SECOND}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert article.byline == "Jane Doe and John Roe"
    assert article.outlet is None


def test_by_line_with_outlet_sets_the_outlet_but_a_role_is_not_an_outlet():
    with_outlet = clean_article(f"By Jane Doe, Example News\n\n{LEAD}", title="Libraries")
    with_role = clean_article(f"By Jane Doe, Political correspondent\n\n{LEAD}", title="Libraries")
    assert (with_outlet.byline, with_outlet.outlet) == ("Jane Doe", "Example News")
    assert (with_role.byline, with_role.outlet) == ("Jane Doe", None)


def test_sentence_starting_with_by_is_not_a_byline():
    sentence = "By Tuesday, the council had received more than 4,000 objections."
    short = "By March 2026"
    article = clean_article(f"{LEAD}\n\n{sentence}\n\n{short}\n\n{SECOND}", title="Libraries")
    assert paragraphs(article) == [LEAD, sentence, short, SECOND]
    assert article.byline is None


def test_author_biography_at_the_end_is_removed_when_the_author_is_not_in_the_story():
    bio = "Sam Writer is a senior reporter at Example News."
    article = clean_article(f"{LEAD}\n\n{SECOND}\n\n{bio}")
    assert paragraphs(article) == [LEAD, SECOND]
    assert (article.byline, article.outlet) == ("Sam Writer", "Example News")


def test_closing_description_of_someone_in_the_story_is_kept():
    last = "Maria Lopez is a former editor at the Evening Courier."
    article = clean_article(f"{LEAD}\n\n{SECOND}\n\n{last}")
    assert paragraphs(article) == [LEAD, SECOND, last]


def test_last_paragraph_naming_someone_for_something_is_not_a_sign_off():
    last = "Maria Lopez thanked residents for their patience."
    article = clean_article(f"{LEAD}\n\n{last}")
    assert paragraphs(article) == [LEAD, last]
    assert article.byline is None


# --------------------------------------------------------------------------- content that stays


def test_bulleted_key_points_at_the_top_are_kept_without_bullet_glyphs():
    text = (
        "Libraries to close as council cuts budget\n\n"
        "  • Three libraries will close in April.\n"
        "  • Mobile services will be expanded.\n\n"
        f"{LEAD}"
    )
    article = clean_article(text)
    assert paragraphs(article) == [
        "Three libraries will close in April.",
        "Mobile services will be expanded.",
        LEAD,
    ]


def test_dateline_opening_the_lead_paragraph_is_kept():
    lead = "WASHINGTON — The ministers said on Tuesday they would leave the treaty."
    article = clean_article(f"Ministers to quit treaty\n\n{lead}\n\n{SECOND}")
    assert paragraphs(article)[0] == lead


def test_removed_blocks_are_reported_in_document_order():
    text = f"Libraries to close\n\nAdvertisement\n\n{LEAD}\n\nShare\n\n{SECOND}\n\nRecommended"
    article = clean_article(text)
    assert [r.reason for r in article.removed] == [
        "headline",
        "navigation",
        "share_counter",
        "related_link",
    ]
    assert isinstance(article.removed[0], RemovedBlock)


def test_a_normal_article_loses_nothing():
    text = "\n\n".join([LEAD, SECOND, THIRD])
    article = clean_article(text, title="Libraries to close")
    assert article.body == text
    assert article.removed == ()


def test_paragraph_starting_research_by_is_reporting_not_wire_credits():
    kept = [
        "Research by handset maker Nokia shows that more people use mobiles for every call.",
        "Produced by Jupiter Research, the analysis found only 13% of Europeans want video.",
    ]
    article = clean_article("\n\n".join([LEAD, *kept]))
    assert paragraphs(article) == [LEAD, *kept]
    assert article.byline is None


def test_wire_credits_are_found_above_a_trailing_unclassified_line():
    credits = "(Reporting by Jane Doe; Editing by John Roe)"
    article = clean_article(f"{LEAD}\n\n{credits}\n\nOur Principles: Accuracy first.")
    assert reasons(article) == {credits: "sign_off"}
    assert article.byline == "Jane Doe"


def test_section_label_above_the_headline_is_not_taken_as_the_headline():
    text = f"World News\n\nLibraries to close as council cuts budget\n\n{LEAD}"
    article = clean_article(text)
    assert article.title == "Libraries to close as council cuts budget"
    assert paragraphs(article) == [LEAD]


def test_agency_credit_with_several_slashes_marks_a_caption():
    caption = "A tanker sails near the port, May 1, 2025. REUTERS/Jane Doe/File Photo"
    article = clean_article(f"{LEAD}\n\n{caption}\n\n{SECOND}")
    assert reasons(article) == {caption: "caption"}


def test_widget_lines_after_an_end_marker_go_but_reporting_after_the_widget_stays():
    text = f"{LEAD}\n\nMore on this story\n\nWhy are libraries closing?\n\nSave\n\n{SECOND}"
    article = clean_article(text)
    assert paragraphs(article) == [LEAD, SECOND]


def test_normalise_text_is_idempotent_so_importers_may_call_it_first():
    raw = "A\u00a0b\r\n\u2029c\u200d\u0301"
    once = normalise_text(raw)
    assert normalise_text(once) == once
    assert clean_article(raw) == clean_article(once)


def test_dateline_on_its_own_line_is_joined_to_the_lead_paragraph():
    text = "Ministers to quit treaty\n\nWASHINGTON —\nThe ministers said on Tuesday they would go."
    article = clean_article(text)
    assert article.body == "WASHINGTON — The ministers said on Tuesday they would go."
