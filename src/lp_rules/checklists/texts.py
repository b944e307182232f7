"""The words a practitioner reads that belong to no one checklist, each written once: the note on
professional judgement under every outcome, the outcome where the guidance is silent, the
sentences that explain an outcome, what the page says about an older link, the record's headings
and the "who to call" lines, a checklist page's own lines (CHECKLIST_PAGE) and what its script
shows and says as it is answered (CHECKLIST_SCRIPT), and the trainer's view's words.

Change only the text between quotes, and keep every name in braces (``{support}``,
``{title}``): the code fills each one in. A name from the authority's profile (``{support}``,
``{front_door}``, ``{guidance}``: the name of its guidance) is that area's term; the
others are said beside each text.
"""

from __future__ import annotations

# Under every outcome (RULES.md principle 5). On an urgent outcome the advice points to the
# safeguarding lead and the front door, never to an early help mailbox.
JUDGEMENT = (
    "This checklist supports your professional judgement; it does not replace it. "
    "For advice, contact {support}."
)
JUDGEMENT_URGENT = (
    "This checklist supports your professional judgement; it does not replace it. "
    "For advice now, talk to your designated safeguarding lead or {front_door}."
)

# Where local practice is off and an outcome rests on it alone: the outcome
# ``guidance_silent``, which replaces that outcome's own title and summary.
GUIDANCE_SILENT_TITLE = "The guidance does not cover this"
GUIDANCE_SILENT_SUMMARY = (
    "{guidance} does not say what to do here, nor does any other guidance this checklist uses. "
    "Use your professional judgement and ask {support}."
)
NO_SUPPORT_CONTACT = "{section}: no contact named, so ask your local early help team"
"""How this outcome's citation of the area's Further support section reads where the area's
guidance names no support contact (``{section}``: "Further support"): that section then says
so and tells readers to ask their local early help team."""

NOT_OWN_GUIDANCE = (
    "{guidance} does not cover this; this is another area's practice ({other}): {summary}"
)
"""Before the summary of an outcome that rests on another area's guidance only (principle 8):
``{guidance}`` is this area's guidance, ``{other}`` the other's title. One sentence with the
summary's first, so that a summary stays at most two sentences."""

# Why this outcome and not another (the page's "Why not" and "What would change it").
# ``{title}``: an outcome's title; ``{question}``: a question's summary; ``{answer}``: an
# option's label.
WHY_NOT = "It is not “{title}”, because {because}."
YOUR_ANSWER = "your answer to “{question}” is “{answer}”"
"""What ruled an outcome out, as the end of ``WHY_NOT`` (several joined with "and")."""
WOULD_CHANGE = "It would be “{title}” if “{question}” were “{answer}”."

# What the page says about an older (or newer, or unreadable) link, in this order: one
# opening, what was carried over or asked again (``{names}``: the questions' summaries), then
# the closing line. ``{today}``: today's rules' version ("2.1"); ``{made_with}``: the link's.
LINK_NEWER = (
    "This link was made by a newer version of the checklist than this site has. Its answers "
    "have been read as far as this site's rules ({today}) can read them; an answer they do not "
    "know is shown as a problem to put right below."
)
LINK_OLDER_THAN_ANY = (
    "This link names a version of the checklist older than any there has been. It has been "
    "read as a link from the first version (rules {made_with}.0) and opened with today's rules "
    "({today})."
)
LINK_UNREADABLE = (
    "This link's version of the checklist could not be read. It has been opened with today's "
    "rules ({today})."
)
LINK_EARLIER = (
    "This link was made with an earlier version of the checklist (rules {made_with}.0). It has "
    "been opened with today's rules ({today})."
)
LINK_BEFORE_CHANGES = (
    "This link was made before the checklist's latest changes. It has been opened with today's "
    "rules ({today})."
)
LINK_RENAMED = "Answers carried over to today's questions: {names}."
LINK_CONFLICTING = (
    "The link gives two different answers, under an old and a new name, to: {names}. Neither "
    "was kept: answer it below."
)
LINK_ASKED_AGAIN = "Asked again, because the old answers no longer exist: {names}."
LINK_ASKED_NOW = "The checklist now asks more: {names}. Answer these below."
LINK_UNCHANGED = "None of its answers needed changing."
LINK_UNKNOWN_OUTCOME = (
    "The link names an outcome this checklist does not have, so it was left out; the outcome "
    "below is worked out from the answers."
)
LINK_CHECK = "Check the answers below before you rely on the outcome."

# The record of a decision (Copy, Download, Print), section by section.
RECORD_TITLE = "Lead Practitioner Guide: {tool}"
RECORD_DATE = "Date: {date}"
RECORD_NOT_APPROVED = "Not approved for local use: {notice}"
RECORD_OUTCOME = "Outcome"
RECORD_WARNING = "Warning: {warning}"
RECORD_WHAT_TO_DO = "What to do"
RECORD_WHY = "Why"
RECORD_WHY_NOT = "Why not the outcomes before it"
RECORD_WOULD_CHANGE = "What would change it"
RECORD_ANSWERS = "Answers"
RECORD_NOT_NEEDED = "not needed for this outcome"
"""After an answer the outcome did not use (``record.NOT_NEEDED``)."""
RECORD_SOURCES = "Sources"
RECORD_ABOUT = "About this record"
RECORD_PROFILE = "Authority profile: {area} ({id})"
RECORD_RULES_VERSION = "Rules version: {version}"
RECORD_REOPEN = "Reopen this decision: {link}"

# Who to call, at the top of urgent and escalation outcomes (lp_rules.emergency), where the
# area's profile holds a number (``{phone}``, ``{hours}``) or does not.
WHO_TO_CALL = "Who to call"
CALL = "Call {phone}"
OUT_OF_HOURS = "Out of hours"
OUTSIDE_HOURS = "Outside {hours}"
DUTY_TEAM = "{when}: the emergency duty team"
ROUTE_SOURCE = "source: {title}, {url}"
"""In the record, after a route: the published page it was checked against."""
NO_LOCAL_NUMBER = (
    "{guidance} gives no phone number for it: use GOV.UK's service below, or your local "
    "council's website."
)


KICKER_URGENT = "Act now"
KICKER_ESCALATION = "Escalate today"
KICKER_OUTCOME = "Outcome"
"""The small label above an outcome's title (its panel's "kicker"): an urgent outcome, an
escalation, and any other outcome (record.tone chooses)."""

# A checklist page's own lines around the questions (tools/sitegen/checklist_html.py): what it
# says while it loads, if it cannot start, above the questions and in its decision table.
# ``[the decision table below]``: a link to the page's decision table; ``{title}``: the
# checklist's title.
CHECKLIST_PAGE = {
    "waiting": "The checklist gives its outcome as you answer. Its full version, with the "
    "reasons and a record, loads in the background.",
    "retry": "Try loading the checklist again",
    "what_changed": "What changed in the rules",
    "problem": "There is a problem",
    "no_script": "This checklist needs JavaScript to work out an answer. Without it, use the "
    "decision table below and the guidance it links to.",
    "could_not_start": "The checklist could not start: part of this page did not arrive, or "
    "arrived damaged. Reload the page to try again, or use [the decision table below] and the "
    "guidance it links to.",
    "before_you_start": "Before you start",
    "you_will_need": "You will need to know:",
    "warning": "Warning:",
    "not_needed": "Not needed for this outcome",
    "change": "Change",
    "check_answers": "Check your answers",
    "start_again": "Start again",
    "table": "How this checklist decides (decision table)",
    "table_intro": "The rules are checked in this order; the first one that applies gives the "
    "outcome. Significant harm is always checked first.",
    "table_caption": "Decision table: {title}",
    "table_order": "Order",
    "table_when": "When",
    "table_outcome": "Outcome",
    "table_sources": "Sources",
}

# The trainer's view of the worked scenarios (the trainer/ page, tools/sitegen/trainer.py). Its
# page says TRAINER_PAGE; its script (docs/assets/js/trainer.js) says TRAINER_SCRIPT as the room
# predicts and reveals, and the page hands it those as data (the page uses "scenario" and
# "reveal" too). ``{n}`` and ``{total}``: a scenario's number and how many there are;
# ``{outcome}``: the title of the outcome the room predicted; ``[R]``: a key, shown as a key.
TRAINER_PAGE = {
    "keys": "Keys: [→] or [Page Down] next scenario, [←] or [Page Up] previous, a number to "
    "choose the room's prediction, [R] to reveal the outcome.",
    "nav": "Scenarios",
    "predict": "What will the checklist say?",
    "previous": "Previous",
    "next": "Next",
    "for_trainer": "For the trainer",
    "open": "Open this scenario in the checklist",
}
TRAINER_SCRIPT = {
    "scenario": "Scenario {n} of {total}",
    "reveal": "Reveal the outcome",
    "hide": "Hide the outcome",
    "answer_tag": "The checklist's outcome",
    "predicted": "The room's prediction: {outcome}",
    "no_prediction": "The room made no prediction.",
    "right": "✓ Right: the room predicted “{outcome}”.",
    "wrong": "✗ Not this time: the room predicted “{outcome}”.",
}

# The practitioners listed, as the outcome ranks them: the outcome model writes these
# (lp_rules.presentation) and the page, the record and the trainer's view show its words.
# ``{who}``: a practitioner's card title (the list's editor ``title``); ``{reasons}``: the
# suggested practitioner's reasons, in one line.
OUTCOME_PRACTITIONERS = {
    "suggested_why": "Why: {reasons}",
    "suggested_first": "{who} (suggested to discuss first at the Team Around the Family)",
    "cannot_lead": "{who} (cannot lead at present)",
}

# What a checklist page's script says as the practitioner answers (docs/assets/js/checklist/):
# the page data holds these (``schema()["words"]``, with CHECKLIST_PAGE, each authority's terms
# filled in) and the script writes no words of its own. A name in braces is what the page fills
# in: ``{n}``, ``{m}``: numbers; ``{count}``, ``{most}``: how many practitioners; ``{question}``:
# a question's summary or text; ``{answer}``: an option's label; ``{title}``: an outcome's title;
# ``{role}``: a practitioner's role; ``{message}``: what the rules' loader said went wrong;
# ``{sources}``: the pages checked against, as links; ``{short}``: a source's short name;
# ``{version}``: the rules' version; ``{address}``: the page's address; ``{outcome}``: an
# outcome's title; ``{changes}``: the what-if's changes (``what_if_change`` each, joined with
# ``and``). ``[words]`` is a link.
CHECKLIST_SCRIPT = {
    # Loading the checklist's full version (the rules in Python), beside the questions. The
    # rules' loader (docs/assets/js/rules-worker.js, which the page hands these words) says what
    # it is doing and why a download failed: ``{what}`` is one of the ``file_`` words below;
    # ``{again}`` and ``{network}`` are the ``again`` and ``network`` words; ``{seconds}``,
    # ``{status}`` (an HTTP status, 404), ``{loaded}`` and ``{total}`` (megabytes, 3.9),
    # ``{percent}``: numbers; ``{name}``: a file's name. The page shows ``downloading`` in its
    # status line and, after a colon, ``downloaded_mb`` or ``downloaded_percent`` beside its bar.
    "loading": "Loading the checklist's rules…",
    "downloading": "Downloading Python and the checklist's rules",
    "downloaded_mb": "{loaded} of {total} MB",
    "downloaded_percent": "{percent}%",
    "starting_saved": "Starting Python from the start-up saved on an earlier visit…",
    "starting": "Starting Python…",
    "ready": "The checklist is ready.",
    "file_python": "Part of Python, which runs the checklist's rules,",
    "file_list": "The list of Python's files",
    "file_rules": "The checklist's rules",
    "file_needed": "A file the checklist needs",
    "again": "Reload the page or press the button below to try again; if this keeps happening, "
    "tell the site's owners.",
    "network": "The network may be down or blocking it. Check your connection, then try again.",
    "not_loaded": "The checklist's rules could not be loaded. {again}",
    "download_stalled": "The download stopped: nothing arrived for {seconds} seconds. {network}",
    "not_downloaded": "{what} could not be downloaded. {network}",
    "http_error": "{what} could not be downloaded (the site answered HTTP {status}). {again}",
    "cut_off": "{what} stopped downloading before it was complete. {network}",
    "damaged": "{what} arrived damaged: it does not match the one this site published, so it "
    "was not used. {again}",
    "incomplete": "{what} arrived incomplete, so it was not used. {again}",
    "not_published": "Python asked for a file this site did not publish ({name}), so it was not "
    "used. {again}",
    "published": "A new version of this site was published after this page was opened, and the "
    "files this page needs were replaced. Reload the page to use the new version.",
    "not_started": "Python could not be started from the files downloaded. {again}",
    "python_failed": "Python, which runs the checklist's rules in your browser, could not be "
    "started. {again}",
    "saved_unusable": "Python's start-up saved on an earlier visit could not be used, so it was "
    "deleted. Reload the page or press the button below: Python will start afresh.",
    "insecure": "The checklist needs a secure connection (an address starting https://) to check "
    "the files it downloads. Open this page over https, or ask the site's owners.",
    "stalled": "The checklist's rules stopped loading: nothing has arrived for a minute. Check "
    "your connection, then try again.",
    "cannot_start": "The checklist's rules could not be started in this browser.",
    "went_wrong": "Something went wrong while working out the answer.",
    "still_works": "{message} The checklist still gives the outcome and what to do now; the "
    "reasons, the practitioners' ranking and the record need its full version. You can also use "
    "[the decision table below].",
    "reload": "Reload the page",
    # The questions.
    "continue": "Continue",
    "question_of": "Question {n} of {m}",
    "question_of_up_to": "Question {n} of up to {m}",
    "next_question_said": "Next question: {question}",
    "one_listed": "1 practitioner listed",
    "many_listed": "{count} practitioners listed",
    "none_listed": "None listed",
    "practitioners_changed": "You have changed the practitioners. Select “Use these "
    "practitioners” to see the outcome for them.",
    # A link's answers the checklist cannot use, beside the question they belong to.
    "link_unreadable": "This link could not be read in full. Answer the questions below to "
    "continue.",
    "link_practitioner": "Check practitioner {n}'s details: the link does not give them in a "
    "form the checklist can read",
    "link_list": "List up to {most} practitioners who work with the family",
    "link_twice": "The link gives “{question}” more than once: choose the answer again",
    "does_not_fit": "“{answer}” does not fit your other answers: check “{question}”",
    # The outcome.
    "outcome_said": "Outcome: {title}",
    "what_if_said": "What-if outcome: {title}",
    "your_answers": "Your answers",
    "suggested": "Suggested to discuss first:",
    "suggested_who": "Practitioner {n}, {role}.",
    "act_first": "Act on this first. Then check your answers:",
    "do_now": "Do this now",
    "who_to_call": WHO_TO_CALL,
    "checked_against": "Checked against: {sources}.",
    "copy": "Copy for case notes",
    "copied": "Copied",
    "download": "Download record",
    "print": "Print record",
    "keep_record": "Keep a record",
    "record_note": "The record holds your answers and this outcome. It stays on this device: "
    "your answers are kept after “#” in the page's address, which browsers never send, so this "
    "site's host sees only which checklist you opened, never your answers.",
    "full_loading": "Working out the reasons and the record: the checklist's full version is "
    "still loading.",
    "full_failed": "The reasons, the practitioners' ranking and the record need the checklist's "
    "full version, which could not load in this browser: the outcome and what to do now above "
    "are complete.",
    "every_action": "Every action",
    "sources": RECORD_SOURCES,
    "for_short": "(“{short}” for short)",
    "version": "Rules version {version}. [What changed]",
    "why": RECORD_WHY,
    "why_not": "Why not another outcome?",
    "would_change": "What would change the outcome?",
    "listed": "Practitioners you listed",
    "listed_hint": "Best placed first; those who cannot lead at present last.",
    "printed_from": "Printed from: {address}",
    "disagree": "This checklist worked out two different outcomes for these answers, so it "
    "shows no advice. Use the decision table below and the guidance it links to, and please "
    "tell the site's owners.",
    # A record reopened from its link: does today's outcome match the one it gave?
    "record_same": "This is the outcome the record gave when it was made.",
    "record_differs": "When this record was made, the outcome was “{outcome}”. With today's "
    "rules the outcome is different: read it below, and see what changed.",
    "record_gone": "an outcome these rules no longer have",
    # Copy for case notes.
    "copied_said": "Record copied. Paste it into your case notes.",
    "copy_box": "Record for case notes",
    "copy_blocked": "This browser did not let the page copy the record. It is selected below: "
    "copy it from there (on a phone, press and hold, then Copy).",
    "copy_blocked_said": "Copying is blocked here: the record is selected below, copy it from "
    "there.",
    # A what-if, opened from "What would change the outcome?".
    "what_if": "You are looking at a what-if:",
    "what_if_outcome": "the outcome if {changes}.",
    "what_if_change": "“{question}” were “{answer}”",
    "and": "and",
    "what_if_kept": "Your own answers are kept: the link to this page, the record, Copy and "
    "Download are for your answers, not this what-if.",
    "back": "Back to your answers",
}
"""Keys ending ``_said`` are said to a screen reader only (the page's live region)."""
