import pytest

from factcheck.pipeline.sentences import Sentence, split_sentences


def texts(body: str) -> list[str]:
    sentences = split_sentences(body)
    for s in sentences:
        assert body[s.start : s.end] == s.text
    return [s.text for s in sentences]


# --- abbreviations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones at the clinic. They talked for an hour.",
            ["Mr. Smith met Dr. Jones at the clinic.", "They talked for an hour."],
        ),
        (
            "Gen. Mark Milley spoke on Tuesday. He warned of rising risks.",
            ["Gen. Mark Milley spoke on Tuesday.", "He warned of rising risks."],
        ),
        (
            "The U.S. and the U.K. signed the deal. Talks resume next week.",
            ["The U.S. and the U.K. signed the deal.", "Talks resume next week."],
        ),
        (
            "U.S. President Joe Biden visited the U.K. on Monday.",
            ["U.S. President Joe Biden visited the U.K. on Monday."],
        ),
        (
            "St. Petersburg hosted the summit. Leaders arrived late.",
            ["St. Petersburg hosted the summit.", "Leaders arrived late."],
        ),
        (
            "She lives on Main St. in Springfield. Her shop is nearby.",
            ["She lives on Main St. in Springfield.", "Her shop is nearby."],
        ),
        (
            "Some spices, e.g. saffron, are dear. Others, i.e. salt, are cheap.",
            ["Some spices, e.g. saffron, are dear.", "Others, i.e. salt, are cheap."],
        ),
        (
            "Acme Inc. reported strong profits. Smith & Co. was founded in 1890.",
            ["Acme Inc. reported strong profits.", "Smith & Co. was founded in 1890."],
        ),
        (
            "It was Arsenal vs. Chelsea on Sunday. The match ended 2-2.",
            ["It was Arsenal vs. Chelsea on Sunday.", "The match ended 2-2."],
        ),
        (
            "Prof. Ada Byron and Sen. John Doe attended. Nobody else came.",
            ["Prof. Ada Byron and Sen. John Doe attended.", "Nobody else came."],
        ),
    ],
)
def test_abbreviations_do_not_end_sentences(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


def test_month_and_number_abbreviations_keep_their_number() -> None:
    assert texts("The vote was on Jan. 15 at No. 10 Downing Street. It passed.") == [
        "The vote was on Jan. 15 at No. 10 Downing Street.",
        "It passed.",
    ]


def test_initials_stay_with_the_name() -> None:
    assert texts("The book by J. K. Rowling sold well. George W. Bush read it.") == [
        "The book by J. K. Rowling sold well.",
        "George W. Bush read it.",
    ]


def test_a_single_letter_ending_a_sentence_splits_before_a_clear_opener() -> None:
    assert texts("It was the end of World War I. But peace did not last.") == [
        "It was the end of World War I.",
        "But peace did not last.",
    ]


def test_country_abbreviation_ending_a_sentence_splits_before_a_pronoun() -> None:
    assert texts("The firm moved its headquarters to the U.S. It was a costly decision.") == [
        "The firm moved its headquarters to the U.S.",
        "It was a costly decision.",
    ]


def test_country_abbreviation_ending_a_sentence_splits_before_the() -> None:
    assert texts("Prices fell in the U.K. The government blamed energy costs.") == [
        "Prices fell in the U.K.",
        "The government blamed energy costs.",
    ]


def test_time_abbreviation_followed_by_lowercase_stays_inside() -> None:
    assert texts("The polls closed at 10 p.m. on Thursday. Results came on Friday.") == [
        "The polls closed at 10 p.m. on Thursday.",
        "Results came on Friday.",
    ]


def test_capital_no_before_a_word_is_the_answer_no() -> None:
    assert texts('"No. Definitely not," he said.') == ['"No.', 'Definitely not," he said.']


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Inflation rose to 2.35% in March. Economists were surprised.",
            ["Inflation rose to 2.35% in March.", "Economists were surprised."],
        ),
        (
            "The firm made $1.5bn last year. That was a record.",
            ["The firm made $1.5bn last year.", "That was a record."],
        ),
        (
            "Pi is roughly 3.14 and e is 2.72. Both are irrational.",
            ["Pi is roughly 3.14 and e is 2.72.", "Both are irrational."],
        ),
        (
            "Upgrade to version 2.4.1 before Friday. Older versions fail.",
            ["Upgrade to version 2.4.1 before Friday.", "Older versions fail."],
        ),
        (
            "The train left at 20:39 and arrived at 22.05. Nobody was hurt.",
            ["The train left at 20:39 and arrived at 22.05.", "Nobody was hurt."],
        ),
        (
            "The treaty was signed in 1997. 160 states have joined since.",
            ["The treaty was signed in 1997.", "160 states have joined since."],
        ),
    ],
)
def test_numbers_with_points_do_not_split(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


# --- quotes ----------------------------------------------------------------------------------


def test_closing_quote_and_attribution_stay_with_the_quoted_sentence() -> None:
    assert texts("“He said this. And that,” she said.") == [
        "“He said this.",
        "And that,” she said.",
    ]


def test_straight_quotes_open_the_next_sentence() -> None:
    assert texts('"We will not back down," the minister said. "Never."') == [
        '"We will not back down," the minister said.',
        '"Never."',
    ]


def test_closing_curly_quote_belongs_to_the_sentence_it_ends() -> None:
    assert texts("“We are ready. We have always been ready.” The army then moved.") == [
        "“We are ready.",
        "We have always been ready.”",
        "The army then moved.",
    ]


def test_question_in_quotes_followed_by_lowercase_attribution_is_one_sentence() -> None:
    assert texts('"Are you sure?" she asked. “Stop!” he shouted.') == [
        '"Are you sure?" she asked.',
        "“Stop!” he shouted.",
    ]


def test_nested_single_quotes_inside_double_quotes() -> None:
    assert texts("She called it “a ‘historic’ moment.” Others disagreed.") == [
        "She called it “a ‘historic’ moment.”",
        "Others disagreed.",
    ]
    assert texts("“He told me ‘never again.’ I believed him,” she said.") == [
        "“He told me ‘never again.’",
        "I believed him,” she said.",
    ]


def test_apostrophe_is_not_mistaken_for_a_closing_quote() -> None:
    assert texts("It's the end of an era. 'It was fun,' he said.") == [
        "It's the end of an era.",
        "'It was fun,' he said.",
    ]


# --- ellipses --------------------------------------------------------------------------------


@pytest.mark.parametrize("ellipsis", ["…", "..."])
def test_ellipsis_before_lowercase_continues_the_sentence(ellipsis: str) -> None:
    body = f"The issue is to increase such capacities {ellipsis} and we treat them equally."
    assert texts(body) == [body]


@pytest.mark.parametrize("ellipsis", ["…", "..."])
def test_ellipsis_before_capital_ends_the_sentence(ellipsis: str) -> None:
    assert texts(f"He paused{ellipsis} Then he left.") == [f"He paused{ellipsis}", "Then he left."]


def test_ellipsis_at_paragraph_end_closes_the_paragraph() -> None:
    sentences = split_sentences("The armed forces are...\n\nThe next paragraph starts here.")
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("The armed forces are...", 0),
        ("The next paragraph starts here.", 1),
    ]


# --- headlines, lists, paragraphs --------------------------------------------------------------


def test_headline_line_without_full_stop_is_its_own_sentence() -> None:
    sentences = split_sentences("Markets rally after surprise rate cut\nShares rose. Bonds fell.")
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Markets rally after surprise rate cut", 0),
        ("Shares rose.", 0),
        ("Bonds fell.", 0),
    ]


def test_bullet_items_are_sentences_without_their_marker() -> None:
    body = "Key points:\n  • Four members are leaving.\n  • Approval is needed\n- Critics object"
    assert texts(body) == [
        "Key points:",
        "Four members are leaving.",
        "Approval is needed",
        "Critics object",
    ]


def test_hard_wrapped_line_continues_the_sentence() -> None:
    body = "The minister said the\nplan would go ahead. It was signed on\nTuesday."
    assert texts(body) == [
        "The minister said the\nplan would go ahead.",
        "It was signed on\nTuesday.",
    ]


def test_sentences_never_cross_a_blank_line() -> None:
    body = "  Treaty exit sparks alarm \n\n\n3 hours ago\n \nFour members left. Others may"
    sentences = split_sentences(body)
    assert sentences == [
        Sentence("Treaty exit sparks alarm", 2, 26, 0),
        Sentence("3 hours ago", 30, 41, 1),
        Sentence("Four members left.", 44, 62, 2),
        Sentence("Others may", 63, 73, 2),
    ]


def test_separator_lines_and_empty_input_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n \n\t") == []
    assert texts("First part.\n\n* * *\n\nSecond part.") == ["First part.", "Second part."]


def test_paragraph_index_counts_only_paragraphs_with_sentences() -> None:
    sentences = split_sentences("One.\n\n---\n\nTwo.\r\n\r\nThree.")
    assert [s.paragraph for s in sentences] == [0, 1, 2]


# --- question marks, exclamation marks, brackets ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Is the treaty still valid? Experts disagree! What now?! Nobody knows.",
            ["Is the treaty still valid?", "Experts disagree!", "What now?!", "Nobody knows."],
        ),
        (
            "The alliance [NATO] rejected the claim. It said so on Friday.",
            ["The alliance [NATO] rejected the claim.", "It said so on Friday."],
        ),
        (
            "The cost was high (about $2.5bn). Critics agreed.",
            ["The cost was high (about $2.5bn).", "Critics agreed."],
        ),
        (
            "Who wins? (Nobody knows.) The count goes on [as of 9 p.m.].",
            ["Who wins?", "(Nobody knows.)", "The count goes on [as of 9 p.m.]."],
        ),
        (
            "Visit www.example.com for details. Email press@example.co.uk today.",
            ["Visit www.example.com for details.", "Email press@example.co.uk today."],
        ),
    ],
)
def test_terminal_marks_and_brackets(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


def test_offsets_are_exact_in_a_mixed_article() -> None:
    body = (
        "Allies quit mine treaty\n\n"
        "  • Four states leave.\n"
        "Mr. Smith said\u00a0the U.S. agreed… It did. “Why?” he asked.\r\n\r\n"
        "Costs rose 2.5% (to $1.2bn)."
    )
    sentences = split_sentences(body)
    assert all(body[s.start : s.end] == s.text for s in sentences)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Allies quit mine treaty", 0),
        ("Four states leave.", 1),
        ("Mr. Smith said\u00a0the U.S. agreed…", 1),
        ("It did.", 1),
        ("“Why?” he asked.", 1),
        ("Costs rose 2.5% (to $1.2bn).", 2),
    ]
