"""The words of attribution: reporting verbs, speech nouns, and the regexes of cues and speakers.

Everything here is vocabulary (tuned on PolNeAR train, issue 4); the searches that use
it live in :mod:`speaker_patterns` (the words next to the marks) and
:mod:`speaker_parse` (the dependency parse).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# abbreviated titles before a name, and every abbreviation whose full stop ends no sentence
TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Prof", "Rev", "Atty", "Supt")
ABBREVIATIONS = (*TITLES, "Jr", "Sr", "St", "Ft", "Mt", "Inc", "Corp", "Co", "Ltd")

# lemmas of verbs that report speech or writing
REPORTING_LEMMAS = frozenset("""
say tell add write ask reply answer explain argue insist warn note state declare announce tweet post
continue claim recall acknowledge admit concede predict promise vow urge suggest complain joke
quip boast charge respond counter observe remark emphasize emphasise stress shout yell call
describe testify confirm deny report assert contend maintain allege agree caution lament
mock scoff retort reiterate pledge tout praise criticize criticise blast slam accuse declare
proclaim question wonder muse chant scream exclaim whisper interject thunder brag concur
confess accuse cite refer defend quote reveal label brand term read
assure thank denounce decry condemn portray characterize characterise recommend demand press
boom interject implore plead lecture highlight indicate conclude remember recount dismiss
assail hail speculate hint threaten advise
""".split())
# phrasal reporting verbs: "shot back", "went on", "chimed in", "pointed out"
PHRASAL_REPORTING = {"shoot": "back", "fire": "back", "hit": "back", "go": "on", "chime": "in",
                     "point": "out", "lash": "out", "spell": "out", "sum": "up"}
# nouns whose owner is the speaker: "her remark that …", "his statement"
SPEECH_NOUNS = frozenset("""
comment comments remark remarks statement statements words tweet tweets post message speech
interview claim promise pledge vow warning response reply assertion letter email memo argument
quote line answer testimony op-ed column essay book note
""".split())
PRONOUNS = {"he", "she", "i", "him", "her", "his"}
# head nouns of descriptions that stand for one person named before ("the senator", "the actress")
PERSON_NOUNS = frozenset("""
senator governor president candidate nominee leader mayor minister secretary spokesman spokeswoman
spokesperson congressman congresswoman lawmaker representative host anchor moderator actor actress
star singer comedian businessman businesswoman billionaire mogul developer frontrunner front-runner
diplomat envoy ambassador chairman chairwoman chair director executive founder judge justice
economist professor analyst strategist pollster adviser advisor aide official attorney lawyer
prosecutor sheriff commissioner general admiral officer coach writer author columnist
reporter journalist speaker activist preacher pastor pope king queen prince princess
democrat republican independent conservative liberal veteran politician incumbent challenger
newcomer rookie hopeful contender immigrant widow father mother wife husband son daughter
tycoon magnate investor entrepreneur donor megadonor financier banker neurosurgeon surgeon doctor
physician filmmaker producer rapper musician celebrity heiress scientist historian scholar commentator
pundit entertainer athlete legislator assemblyman assemblywoman councilman councilwoman chancellor premier
""".split())
# person nouns that name someone by function, often unnamed ("the official", "the aide"): they
# stand for a person named before only when that person holds the title
ROLE_ONLY_NOUNS = frozenset("""
official aide adviser advisor spokesman spokeswoman spokesperson source lawyer attorney analyst
strategist expert economist pollster officer reporter journalist worker resident voter supporter
delegate activist professor prosecutor
senator governor president mayor minister secretary chairman chairwoman chair director judge justice
ambassador envoy commissioner sheriff general admiral representative congressman congresswoman lawmaker
legislator chancellor premier host anchor moderator king queen prince princess
""".split())  # offices too: "the mayor" is the person the article calls mayor, or stays a description
PERSON_NOUNS = PERSON_NOUNS | ROLE_ONLY_NOUNS | {"chief", "head", "boss"}
# offices of one holder whom the news names ("the senator", "the governor"), unlike "the official": a
# description with one of these may stand for a person the article names without that title
OFFICE_NOUNS = frozenset("""
senator governor president mayor minister secretary chancellor premier justice judge ambassador
commissioner sheriff representative congressman congresswoman lawmaker legislator prince princess king queen
""".split())
# head nouns of descriptions that stand for a body named before ("the board", "the group")
BODY_NOUNS = frozenset("""
group board committee commission organization organisation agency department ministry company firm
newspaper paper network foundation party service union council court nonprofit non-profit
administration government station magazine outlet institute center centre bureau office
association coalition alliance team club bank fund embassy consulate
""".split())
# documents and media that "say" what their issuer says ("the statement read", "the ad says")
DOCUMENT_NOUNS = frozenset("""
statement email e-mail editorial report letter memo memorandum ad advertisement commercial spot video
survey poll study tweet post release lawsuit complaint filing affidavit sign message website site
page book opinion ruling order document transcript notice petition flier flyer mailer plan proposal
platform manifesto
""".split())
GROUP_WORDS = {"they", "both", "we", "the two", "the pair", "the couple"}
PERSONAL = {"he", "she", "they", "we", "i"}
SUBJECTS = {"nsubj", "nsubjpass"}
# verbs after a quote that are no cue even in the "any verb" pattern
NOT_CUES = {"was", "is", "has", "does", "goes", "comes", "seems", "seemed", "appeared", "appears", "means",
            "needed", "wanted", "liked", "loved"}

CUE_WORDS = (
    r"said|says|say|added|adds|told(?:\s+(?:reporters|journalists|the\s+\w+|\w+))?|tells|wrote|writes|asked|asks|"
    r"replied|explained|insisted|argued|warned|noted|stated|declared|announced|tweeted|posted|continued|"
    r"claimed|recalled|acknowledged|admitted|conceded|predicted|promised|vowed|urged|suggested|"
    r"complained|joked|quipped|boasted|responded|countered|observed|remarked|stressed|emphasized|"
    r"shouted|yelled|exclaimed|testified|confirmed|reiterated|retorted|lamented|scoffed|concluded|"
    r"notes|writes|explains|insists|argues|warns|concludes|continues|asks|recalls|adds|"
    r"answered|answers|replies|confessed|mused|read|reads|saying|adding|telling|noting|"
    r"points out|pointed out|put it|puts it|shot back|fired back|hit back|went on|goes on|chimed in|"
    r"demanded|pressed|boomed|interjected|cautioned|tweets|predicts|declares|announces|told [A-Z]\w+(?: \w+)?"
)
# the particles are whole words: "Virginia delegate Beau Correll" is not the name "Virginia de"
NAME = r"(?-i:(?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|(?:of|the|for|de|van|von|bin)\b|al-\w+))*)"
DESC = (
    r"(?:the|a|an|one|another|his|her|their|some|many|several|other)\s+(?:[\w.'’-]+\s+){0,5}?"
    r"(?:official|officials|minister|ministers|spokesman|spokeswoman|spokesperson|ministry|embassy|"
    r"government|company|regulator|agency|police|mayor|president|leader|leaders|statement|aide|aides|"
    r"source|sources|diplomat|diplomats|envoy|chief|executive|lawyer|attorney|judge|campaign|"
    r"spokesmen|representative|adviser|advisor|senator|candidate|nominee|governor|director|"
    r"secretary|chairman|chairwoman|report|memo|letter|website|release|group|committee|"
    r"department|office|party|two|pair|both|\d+-year-old|organizers|organisers|supporters|critics|analysts|"
    r"experts|voters|residents|protesters|officers|economists|researchers|authors|members|"
    r"audience|crowd|board|newspaper|paper|network|magazine|poll|survey|study|ad|video|tweet|post|"
    r"email|petition|lawsuit|complaint|document|transcript|host|moderator|reporter|anchor|interviewer|"
    r"man|woman|voter|resident|student|delegate|delegates|congressman|congresswoman|lawmaker|"
    r"lawmakers|strategist|operative|consultant|pundit|commentator|columnist|editor|writer|author|"
    r"professor|expert|businessman|businesswoman|billionaire|mogul|frontrunner|front-runner|"
    r"founder|activist|protester|supporter|friend|father|mother|wife|husband|son|daughter|"
    r"senators|governors|candidates|nominees|Democrat|Democrats|Republican|Republicans|"
    r"conservative|conservatives|liberal|liberals|boy|girl|child|editorial|editorials|chanters|marchers)"
    r"(?:\s+(?:for|of|at|to)\s+(?:the\s+)?" + NAME + r")?"
)
# "an angry Hollande", "the paper's politics editor Jane Smith": a name behind an article
ARTICLE_NAME = r"(?:a|an|the)\s+(?:" + NAME + r"['’]s\s+)?(?:(?-i:[a-z][\w-]*)\s+){0,3}" + NAME
# "Tulsa police Chief Chuck Jordan", "White House press secretary Josh Earnest": a name
# behind a place or body and a role in lower case
_ROLE = (
    r"(?-i:police|state|county|city|federal|press|secretary|spokesman|spokeswoman|spokesperson|host|"
    r"anchor|chief|director|attorney|general|manager|campaign|chairman|chairwoman|leader|commissioner|"
    r"minister|official|analyst|strategist|adviser|advisor|senator|governor|mayor|candidate|nominee|"
    r"executive|deputy|assistant|acting|correspondent|reporter|columnist|lawyer|economist|professor|"
    r"pollster|founder|president|sheriff|superintendent|coach|aide|surrogate|staffer|supporter|supporters|"
    r"ally|allies|official|officials)"
)
ROLE_WORD = _ROLE
ROLE_NAME = NAME + r"(?:\s+" + _ROLE + r"){1,3}\s+" + NAME
# a pronoun is a whole word: "said Sheinkopf" is not "said She", nor "Weaver" "We"
WHO = r"(?:(?:he|she|they|we|i|it|both)\b|" + DESC + r"|" + ARTICLE_NAME + r"|" + ROLE_NAME + r"|" + NAME + r"|another\b)"

# '"…," she said' / '"…," said Jane Smith' / '"…," according to …' right after a quote
AFTER = re.compile(
    r"['’”\"]{0,3}[\s,.!?—–-]*(?:(?P<who>" + WHO + r")(?:\s*,[^,\n]{1,80},)?"
    r"\s+(?:also\s+|later\s+|then\s+)?(?P<cue>" + CUE_WORDS + r")\b"
    r"|(?P<cue2>" + CUE_WORDS + r")\s+(?P<who2>" + WHO + r")"
    r"|according\s+to\s+(?P<who3>" + WHO + r"))",
    re.I,
)
# what may follow a cue to end its sentence: nothing, or a time or place ("said.", "said in
# a statement on Monday."), not a clause ("He says the plan …") nor a new quote ("He added, "…")
CLOSED = re.compile(
    r"(?:\s+(?:on|in|at|during|to|from|after|before|with|about|later|earlier|afterwards?|then|again|recently|"
    r"yesterday|today|tonight|last|this|\w+day)\b(?:(?!\bthat\b)[^.!?:;\"“”‘’«»\n]){0,60})?\s*(?:[.!?]|$)",
    re.I,
)
# '"…," the crowd screamed back.': after a quote closed on a comma, a subject and any
# verb in the past or present tense are its attribution, whatever the verb
AFTER_ANY = re.compile(
    r"['’”\"]?\s*(?P<who>" + WHO + r")(?:\s*,[^,\n]{1,80},)?\s+(?:also\s+|later\s+|then\s+)?"
    r"(?P<cue>(?-i:[a-z]{2,}(?:ed|s))(?:\s+(?:back|in|out|on|up))?)"
    r"(?=\s*[,.;:!?]|\s+(?:to|at|in|on|during|after|before|with|from|of|about|as|while|when|of)\b)"
    r"|['’”\"]{0,3}\s*(?P<cue2>(?-i:[a-z]{3,}ed))\s+(?P<who2>" + NAME + r")(?=\s*[,.;])",
    re.I,
)
# a stretch of words within one sentence: no full stop but one closing an initial or a title
_NO_SENTENCE_END = r"(?-i:[^,:\"“.!?]|(?<=[A-Z])\." + "".join(rf"|(?<={a})\." for a in ABBREVIATIONS) + ")"
# 'Smith said: "…' / 'she told reporters on Monday, "…' right before a quote
BEFORE = re.compile(
    r"(?P<who>" + WHO + r")(?:\s*,[^,\n]{1,80},)?\s+(?:also\s+|later\s+|then\s+)?(?P<cue>" + CUE_WORDS + r")"
    r"(?:\s+(?:in|on|at|during|to)\s+" + _NO_SENTENCE_END + r"{1,60})?\s*[:,]\s*$",
    re.I,
)
# 'Rep. Paul Ryan (R-Wis.) said "anti-Semitic images …"': a partial quote right after its cue, with no
# comma; only the plain verbs of saying, as "Smith called "…"" or "Smith denied "…"" may quote others' words
BEFORE_BARE = re.compile(
    r"(?P<who>" + WHO + r")(?:\s*\([^()\n]{1,15}\))?\s+(?:also\s+|later\s+|then\s+)?"
    r"(?P<cue>said|says|added|adds|wrote|writes|tweeted|told\s+(?:reporters|journalists))\s*$",
    re.I,
)
# 'Smith issued a statement: "…"' / 'The ministry released a brief statement saying, "…"' /
# 'Smith's statement read: "…"' / 'A statement from the ministry said: "…"'
_WRITING = r"(?:statement|message|tweet|post|note|letter|email|e-mail|response|release)"
STATEMENT = re.compile(
    r"(?:(?P<who>" + WHO + r")(?:\s*,[^,\n]{1,80},)?\s+(?:also\s+|later\s+|then\s+)?"
    r"(?P<cue>(?:issued|released|put\s+out|posted|sent|published|tweeted)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    + _WRITING + r")(?:\s+(?:in|on|at|during|to)\s+" + _NO_SENTENCE_END + r"{1,60})?"
    r"(?:\s*,?\s+(?:saying|reading|that\s+read|which\s+read))?"
    r"|(?P<who2>" + NAME + r")['’]s?\s+(?:[\w-]+\s+){0,2}?(?P<cue2>" + _WRITING + r"\s+(?:read|reads|said|says|stated))"
    r"|(?:a|the)\s+(?:[\w-]+\s+){0,2}?(?P<cue3>" + _WRITING + r")\s+(?:from|by)\s+(?P<who3>" + WHO + r")\s+"
    r"(?:read|reads|said|says|stated))"
    r"\s*[:,]?\s*$",
    re.I,
)
# 'Bush: "The mission …"', but not a name that is the object of a preposition or of a
# verb of telling ('said on Twitter: "…"', 'telling CNN: "…"')
COLON = re.compile(
    r"(?<!\bon\s)(?<!\bin\s)(?<!\bto\s)(?<!\bat\s)(?<!\bby\s)(?<!\bwith\s)(?<!\bof\s)(?<!\bThe\s)(?<!\bthe\s)(?<!\bvia\s)"
    r"(?<!\btold\s)(?<!\btells\s)(?<!\btelling\s)(?<!\basked\s)(?<!\basking\s)"
    # not the object of a preposition ('wrote of Ms. Merkel:', 'added about Smith:'), nor a name
    # taken up after its own title
    r"(?<!\babout\s)(?<!\b[A-Z][a-z]\.\s)(?<!\bMrs\.\s)"
    r"(?P<who>" + NAME + r")(?:\s*\([^)\n]{1,25}\))?\s*:\s*$"
)
# "Mr. Christie gloated:" / "She then addressed the supporters again:": a clause opening
# its sentence with its subject and ending in a colon introduces the quote
CLAUSE_COLON = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:(?:And|But|Then|Later|Still|So),?\s+)?"
    r"(?P<who>" + WHO + r")\s+(?:[\w’'-]+\s+){0,6}?[\w’'-]+\s*:\s*$",
    re.I,
)
# 'As Jane Smith put it, the plan is "…"': a parenthetical "as" clause names the source of
# the sentence it opens or interrupts
AS_PUT = re.compile(
    r"\bas\s+(?P<who>" + WHO + r")\s+(?:(?:once|later|recently|so\s+\w+)\s+)?"
    r"(?P<cue>put\s+it|puts\s+it|has\s+put\s+it|said|says|noted|notes|wrote|writes|observed|remarked|argued|argues|"
    r"explained|explains)(?:\s+(?:in|on|at|to)\s+" + _NO_SENTENCE_END + r"{1,60})?"
    r"\s*,(?P<rest>" + _NO_SENTENCE_END.replace(",", "") + r"{0,150})$",
    re.I,
)
# a headline "Smith: Talks 'Could Fail'"
HEADLINE = re.compile(r"(?P<who>" + NAME + r")\s*:\s+(?-i:[A-Z‘'\"“])[^\n:]*$")
# '“…” ― Jane Smith': an attribution line after a dash, closing the quote's line (reader
# voices, epigraphs, quote round-ups); a description may follow the name
DASH_ATTRIBUTION = re.compile(
    r"['’”\"]{0,3}\s*[―—–]\s*(?P<who>" + NAME + r")(?:\s*,[^\n]{1,80})?[.\s]*$"
)
# the same on the next line, as a quote box or a fact-check signs its quotes ('"…."\n\n- Sanders.',
# '-Michelle Marks, Philadelphia.'): a hyphen will do there, as the line holds nothing else
DASH_LINE_ATTRIBUTION = re.compile(
    r"['’”\"]{0,3}[ \t]*\n\s*[-―—–]\s*(?P<who>" + NAME + r")(?:\s*,[^\n]{1,80})?[.\t ]*(?:\n|$)"
)
# '"PENCE: Well, look, …"': the label opening a transcript paragraph names who speaks it
TRANSCRIPT_LABEL = re.compile(r"\s*(?P<who>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")
# capitalised lead-ins that are not speakers ("UPDATE: …", "VIDEO: …")
NOT_LABELS = frozenset("""
ALSO AUDIO BOOM BREAKING BUSTED BYLINE CLAIM CORRECTION EDITOR'S EDITOR’S EMAIL EXCLUSIVE FACT LIVE
LOOK NOTE PHOTO PHOTOS QUESTION ANSWER READ SOURCE SPOILER UPDATE UPDATED VERDICT VIDEO WARNING WATCH
""".split())
# the speaker right after an inverted cue: ", said Jane Smith, an analyst"
INVERTED = re.compile(r"\s+(?P<who>" + WHO + r")\s*(?:[,.;:(—–-]|$)", re.I)
# a full stop ending a sentence inside what a pattern took for one name ("the Common Core. He")
SENTENCE_IN_NAME = re.compile(
    r"\b(?!(?:" + "|".join(ABBREVIATIONS) + r")\.)"
    r"[A-Za-z]*[a-z]{2}\.\s+[A-Z]"
)
TITLE_ABBREVIATION = re.compile(r"\b(?:" + "|".join(TITLES) + r")$")


def name_end(text: str, end: int) -> int:
    """``end`` without the full stop closing the sentence after a name ("… said Smith.")
    unless the stop belongs to it (an initial, "Jr.", "U.S.")."""
    if text[end - 1] == "." and not re.search(r"(?:\b\w{1,2}|Jr|Sr)\.$", text[:end]):
        return end - 1
    return end


def is_reporting(token: Token) -> bool:
    """Whether ``token`` is a verb that reports speech, writing or a stance."""
    lemma = token.lemma_.lower()
    if lemma in REPORTING_LEMMAS:
        return True
    particle = PHRASAL_REPORTING.get(lemma)
    if particle is None or any(c.dep_ == "xcomp" for c in token.children):
        return False  # "went on to endorse him"
    return any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)
