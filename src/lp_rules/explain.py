"""Why this outcome and not another: what ruled out the earlier rules, and which single answer
would have given a different outcome.

Both fall out of the rules as data. Rules are tried in order and the first match wins, so every
rule before the matched one was ruled out by the answers, and its condition can say by which.
The answer spaces are small, so "what would change it" simply evaluates each other answer to
each question that counted.

Each entry also carries ``sentence``: the same in a plain sentence for the page, "It is not
“X”, because your answer to “Y” is “Z”." and "It would be “X” if “Y” were “Z”." (issue 21).
"""

from __future__ import annotations

from typing import Any

from .checklists import texts
from .engine import decide, outcome, presented, rule_shown
from .errors import InvalidAnswers
from .model import AllOf, AnswerIn, AnyOf, Answers, Condition, Question, Tool, mid_sentence
from .profiles import Profile
from .validate import check_consistency


def why_not(tool: Tool, answers: Answers, profile: Profile) -> list[dict[str, str]]:
    """The outcomes before this one in the rules' order, each with the answer that ruled it out
    (one entry per outcome: a code that several rules share is listed once)."""
    questions = {q.id: q for q in tool.questions}
    terms = profile.terms()
    matched = decide(tool, answers, profile).rule
    assert matched is not None, "only a complete outcome has a why-not"
    listed: dict[str, dict[str, str]] = {}
    for rule in tool.rules:
        if rule is matched:
            break
        if rule.code == matched.code or rule.code in listed:
            continue
        # The title as this profile shows the outcome (with local practice off, the rule's
        # sourced title, or "the guidance does not cover this"), not as the rule is written.
        title = presented(rule, (), profile)[0].title.format(**terms)
        because = _plain_ruled_out(rule.when, answers, profile, questions).format(**terms)
        listed[rule.code] = {
            "recommendation": rule.code,
            "title": title,
            "because": rule.when.ruled_out(answers, profile, questions).format(**terms) + ".",
            "sentence": texts.WHY_NOT.format(title=title, because=because),
        }
    return list(listed.values())


def _plain_ruled_out(condition: Condition, answers: Answers, profile: Profile,
                     questions: dict[str, Question]) -> str:
    """What ruled a condition out, as the end of a sentence: "your answer to “Significant harm
    suspected” is “No”" (several answers joined with "and"); a condition that is not about one
    answer (the practitioners listed) says it in its own words, mid-sentence."""
    if isinstance(condition, AnswerIn):
        q = questions[condition.question]
        label = q.option(str(answers[condition.question])).label
        return texts.YOUR_ANSWER.format(question=q.summary, answer=label)
    if isinstance(condition, AllOf):
        first = next(p for p in condition.parts if p.test(answers, profile) is False)
        return _plain_ruled_out(first, answers, profile, questions)
    if isinstance(condition, AnyOf):
        return " and ".join(_plain_ruled_out(p, answers, profile, questions)
                            for p in condition.parts)
    return mid_sentence(condition.ruled_out(answers, profile, questions))


def what_would_change(tool: Tool, answers: Answers, profile: Profile,
                      recommendation: str, considered: list[str]) -> list[dict[str, str]]:
    """For each answer that counted in a rule's condition, every other answer to that question
    alone that gives a complete, different outcome. The practitioners listed are left out: a list has too many
    variations to show as one-answer changes, and each practitioner's own reasons say why."""
    changes = []
    for qid in considered:
        # An answer read only by an action's condition (``safety``, for one) cannot change
        # which rule matches, so it is not tried.
        if tool.list_question(qid) is not None or qid not in tool.deciding_questions:
            continue
        for option in tool.question(qid).option_ids:
            if option == answers.get(qid):
                continue
            changed = dict(answers, **{qid: option})  # a valid option of a valid set of answers
            try:
                check_consistency(tool, changed, profile)
            except InvalidAnswers:
                continue  # answers the rules refuse are not a way to change the outcome
            # The changed outcome's code and title only: its reasons, actions and ranking are
            # not shown here, and building them cost two thirds of each alternative.
            decision = decide(tool, changed, profile)
            if decision.rule is None:
                continue
            shown = rule_shown(tool, decision, profile)
            if shown.recommendation != recommendation:
                question = tool.question(qid)
                terms = profile.terms()
                asked = question.summary.format(**terms)
                label = question.option(option).label.format(**terms)
                changes.append({
                    "question": qid,
                    "answer": option,
                    "recommendation": shown.recommendation,
                    "title": shown.title,
                    "sentence": texts.WOULD_CHANGE.format(title=shown.title, question=asked,
                                                          answer=label),
                })
    return changes


def explained(tool: Tool, answers: Answers, profile: Profile) -> dict[str, Any]:
    """The outcome with ``why_not`` and ``what_would_change`` (empty until it is complete)."""
    result = outcome(tool, answers, profile)
    result["why_not"] = []
    result["what_would_change"] = []
    if result["status"] == "complete":
        result["why_not"] = why_not(tool, answers, profile)
        result["what_would_change"] = what_would_change(
            tool, answers, profile, result["recommendation"], result["relevant"]
        )
    return result
