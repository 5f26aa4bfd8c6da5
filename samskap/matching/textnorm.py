"""Norwegian text normalisation for lexical matching (pure Python, no Django).

The pipeline applied to every word, for catalogue items and for queries alike:

1. lower-case, Unicode NFC, fold foreign accents (``idé`` -> ``ide``) but keep æ, ø, å;
2. split into word tokens (hyphens and punctuation separate tokens);
3. **nynorsk -> bokmål** normalisation (:func:`normalize_word`): a whole-word map
   (``ikkje`` -> ``ikke``, ``eg`` -> ``jeg``, ``born`` -> ``barn``), substring rules that
   also work inside compounds (``skule`` -> ``skole`` in ``grunnskulen``, ``heim`` -> ``hjem`` in
   ``sjukeheimen``, ``forsking`` -> ``forskning``, ``teneste`` -> ``tjeneste``) and suffix rules
   (``-heit`` -> ``-het``, ``-leg`` -> ``-lig``, ``-ande`` -> ``-ende``, ``-kje``/``-gje`` -> ``-ke``/``-ge``);
   the -ar/-er plurals and -ane/-ene definite forms are left to the stemmer;
4. stop-word removal (:data:`samskap.core.text.STOPWORDS`, which covers both written standards);
5. Snowball Norwegian stemming (PyStemmer) with two small fixes (:func:`stem`): a second pass
   for stems still ending in -en/-er/-ar (``kjøkkenet`` -> ``kjøkken`` -> ``kjøkk``, the same as
   ``kjøkken``) and collapsing a final double consonant (``sykehjemmet`` -> ``sykehjemm`` ->
   ``sykehjem``; ``kjøkk`` -> ``kjøk``).

Compound splitting (:func:`split_compound`) is done against a vocabulary of known stems supplied
by the caller (the index vocabulary), handling the linking ``-s-`` and ``-e-``
(``sykehjemskjøkken`` -> ``sykehjem`` + ``kjøkken``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import lru_cache

import Stemmer

from samskap.core.text import STOPWORDS

__all__ = [
    "STOPWORDS",
    "fold",
    "words",
    "normalize_word",
    "stem",
    "analyze",
    "split_compound",
    "split_sentences",
]

_STEMMER = Stemmer.Stemmer("norwegian")


# ---------------------------------------------------------------------------------------------
# nynorsk -> bokmål
# ---------------------------------------------------------------------------------------------

# Whole-word replacements (applied before the substring rules).
NN_WORDS: dict[str, str] = {
    # function words and frequent adverbs (mostly stop words, mapped for completeness)
    "eg": "jeg", "ikkje": "ikke", "inkje": "ikke", "kva": "hva", "korleis": "hvordan",
    "kvifor": "hvorfor", "kven": "hvem", "kvar": "hver", "kvart": "hvert", "kor": "hvor",
    "frå": "fra", "berre": "bare", "mykje": "mye", "meir": "mer", "fleire": "flere",
    "heile": "hele", "heilt": "helt", "saman": "sammen", "sjølv": "selv", "sjølve": "selve",
    "nokon": "noen", "noko": "noe", "nokre": "noen", "ingenting": "ingenting", "difor": "derfor",
    "òg": "også", "enno": "ennå", "seinare": "senere", "seint": "sent", "tidlegare": "tidligere",
    "eigen": "egen", "eige": "eget", "eigne": "egne", "betre": "bedre", "særleg": "særlig",
    "mellom": "mellom", "gjennom": "gjennom", "vere": "være", "vore": "vært", "gjere": "gjøre",
    "gjer": "gjør", "gjort": "gjort", "seie": "si", "seier": "sier", "sjå": "se", "ser": "ser",
    "veit": "vet", "vart": "ble", "blei": "ble", "kome": "komme", "treng": "trenger",
    "trengst": "trengs", "tilsett": "ansatt", "tilsette": "ansatte", "tilsetjing": "ansettelse",
    # nouns and verbs whose nynorsk stem differs from the bokmål one
    "born": "barn", "borna": "barna", "bornet": "barnet", "borne": "barne",
    "gamal": "gammel", "gamalt": "gammelt", "veg": "vei", "vegen": "veien", "vegar": "veier",
    "vegane": "veiene", "val": "valg", "valet": "valget", "vala": "valgene", "utval": "utvalg",
    "utvalet": "utvalget", "yrkesval": "yrkesvalg", "vatn": "vann", "vatnet": "vannet",
    "overvatn": "overvann", "drikkevatn": "drikkevann", "gard": "gård", "garden": "gården",
    "gardar": "gårder", "gardsbruk": "gårdsbruk", "ferje": "ferge", "ferjer": "ferger",
    "kyrkje": "kirke", "kyrkja": "kirken", "døme": "eksempel", "dømet": "eksempelet",
    "høve": "anledning", "ynskje": "ønske", "ynskjer": "ønsker",
    "tilbod": "tilbud", "tilbodet": "tilbudet", "tilboda": "tilbudene", "tilskot": "tilskudd",
    "tilskotet": "tilskuddet", "tilskotsordning": "tilskuddsordning", "bustad": "bolig",
    "bustader": "boliger", "bustaden": "boligen", "busetjing": "bosetting", "busette": "bosette",
    "undersøking": "undersøkelse", "undersøkinga": "undersøkelsen", "undersøkingar": "undersøkelser",
    "oppleving": "opplevelse", "opplevingar": "opplevelser", "eining": "enhet", "einingar": "enheter",
    "einsam": "ensom", "einsame": "ensomme", "einsemd": "ensomhet", "einsemda": "ensomheten",
    "tryggleik": "trygghet", "tryggleiken": "tryggheten", "nærleik": "nærhet", "storleik": "størrelse",
    "kjærleik": "kjærlighet", "leiar": "leder", "leiaren": "lederen", "leiarar": "ledere",
    "leiarane": "lederne", "leiing": "ledelse", "leiinga": "ledelsen", "leie": "lede",
    "verkemiddel": "virkemiddel", "verkemidlar": "virkemidler", "verkemidla": "virkemidlene",
    "verknad": "virkning", "verknader": "virkninger", "medverknad": "medvirkning",
    "medverke": "medvirke", "påverke": "påvirke", "påverkar": "påvirker", "påverknad": "påvirkning",
    "verksemd": "virksomhet", "verksemda": "virksomheten", "verksemder": "virksomheter",
    "verkstad": "verksted", "verkstaden": "verkstedet", "straum": "strøm", "straumen": "strømmen",
    "flaum": "flom", "flaumen": "flommen", "auke": "øke", "aukar": "øker", "auka": "økte",
    "auken": "økningen", "aukande": "økende", "minke": "minske", "gje": "gi", "gjev": "gir",
    "fekk": "fikk", "søkje": "søke", "søkjer": "søker", "søkjar": "søker", "søkjarar": "søkere",
    "skule": "skole", "kjenne": "kjenne", "tenkje": "tenke", "tenkjer": "tenker", "tenking": "tenkning",
    "nytenking": "nytenkning", "lærar": "lærer", "lærarar": "lærere", "lærarane": "lærerne",
    "fråfall": "frafall", "seinast": "senest", "framtid": "fremtid", "framtida": "fremtiden",
    "framtidig": "fremtidig", "framtidige": "fremtidige", "framover": "fremover",
    "heilskap": "helhet", "heilskapleg": "helhetlig", "heilskaplege": "helhetlige",
    "spreie": "spre", "spreiing": "spredning", "løyse": "løse", "løyser": "løser", "løyst": "løst",
    "bu": "bo", "bur": "bor", "budd": "bodd", "sjukdom": "sykdom", "kvardag": "hverdag",
    "kvardagen": "hverdagen", "kveld": "kveld", "kvinne": "kvinne", "høgare": "høyere",
    "høgaste": "høyeste", "høyskole": "høgskole", "høyskolen": "høgskolen", "mogleg": "mulig",
    "moglege": "mulige", "moglegheit": "mulighet", "moglegheiter": "muligheter",
    "førebyggje": "forebygge", "førebygging": "forebygging", "førebyggjande": "forebyggende",
    "føresette": "foresatte", "helseføretak": "helseforetak", "føretak": "foretak",
    "meistring": "mestring", "meistre": "mestre", "reknskap": "regnskap", "rekning": "regning",
    "avgjerd": "avgjørelse", "avgjerder": "avgjørelser", "vedtak": "vedtak", "lækjar": "lege",
    "ungdomsskule": "ungdomsskole", "vidare": "videre", "vidaregåande": "videregående",
    "stad": "sted", "staden": "stedet", "stader": "steder", "stadar": "steder", "frivilligheit": "frivillighet",
    "fagleg": "faglig", "faglege": "faglige", "eigar": "eier", "eigarar": "eiere", "heimel": "hjemmel",
}

# Substring rules (regex, replacement), applied in order anywhere in a word, so they also
# normalise compounds such as "heimetenestene" -> "hjemmetjenestene".
NN_SUBS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"forsking", "forskning"),
        (r"forskar", "forsker"),
        (r"sjuk", "syk"),
        (r"heime(?=[a-zæøå]|$)", "hjemme"),
        (r"heim", "hjem"),
        (r"tenest", "tjenest"),
        (r"skul(?=[aeo]|$)", "skol"),
        (r"løysing", "løsning"),
        (r"kvardag", "hverdag"),
        (r"^frå", "fra"),
        (r"^fram(?=tid|over|leis|gang)", "frem"),
        (r"vidare", "videre"),
        (r"mogleg", "mulig"),
        (r"verkemid", "virkemid"),
        (r"verksemd", "virksomhet"),
        (r"medverknad", "medvirkning"),
        (r"tilskot", "tilskudd"),
        (r"tilbod", "tilbud"),
        (r"bustad", "bolig"),
        (r"leiing", "ledelse"),
        (r"pleiar", "pleier"),  # sjukepleiar -> sykepleier, before leiar -> leder
        (r"(?<!p)leiar", "leder"),
        (r"meistr", "mestr"),
        (r"føretak", "foretak"),
        (r"førebygg", "forebygg"),
        (r"einsemd", "ensomhet"),
        (r"tryggleik", "trygghet"),
        (r"undersøking", "undersøkelse"),
        (r"heilskap", "helhet"),
        (r"vatn(?=$|et)", "vann"),
        (r"vass(?=forsyning|kraft|verk|leidning|ledning)", "vann"),
        (r"leidning", "ledning"),
        (r"straum", "strøm"),
        (r"flaum", "flom"),
        (r"bebuar", "beboer"),
        (r"buande", "boende"),
        (r"ggj", "gg"),
        (r"kkj", "kk"),
        (r"tenking", "tenkning"),
        (r"lærar", "lærer"),
    ]
]

# Suffix rules (regex on the word end, replacement), applied after the substring rules.
NN_SUFFIXES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"heit(a|en|er|ene|ane)?$", r"het\1"),  # moglegheit -> mulighet, frivilligheit
        (r"(?<=.{3})leg(e|t|are|ast|aste)?$", r"lig\1"),  # offentleg -> offentlig
        (r"(?<=.{3})ande$", "ende"),  # vidaregåande -> videregående
        (r"(?<=[kg])j(e|er|ar|ast|a|te|t|ing|ingar|ingane|arar|arane)$", r"\1"),  # tenkje -> tenke
        (r"(?<=.{4})erne$", "er"),  # innbyggerne -> innbygger (Snowball leaves -erne)
    ]
]

# quick pre-checks: most words match no rule at all
_ANY_SUB = re.compile("|".join(f"(?:{p.pattern})" for p, _ in NN_SUBS))
_ANY_SUFFIX = re.compile("|".join(f"(?:{p.pattern})" for p, _ in NN_SUFFIXES))

_FOLD_MAP = {
        "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a", "ó": "o",
        "ò": "o", "ô": "o", "ú": "u", "ù": "u", "ü": "u", "í": "i", "ì": "i", "ç": "c",
        "ä": "æ", "ö": "ø", "’": "'", "ß": "ss",
}
_FOLD = str.maketrans(_FOLD_MAP)

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


_NEEDS_FOLD = re.compile("[" + re.escape("".join(_FOLD_MAP)) + "]")
_ASCII_OR_NORDIC = re.compile(r"[\x00-\x7fæøåÆØÅ]*")


def fold(text: str) -> str:
    """Lower-case, NFC-normalise and fold foreign accents (keeps æ, ø, å)."""
    if _ASCII_OR_NORDIC.fullmatch(text):  # the common case: nothing to normalise or fold
        return text.lower()
    text = unicodedata.normalize("NFC", text).lower()
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


def words(text: str) -> list[str]:
    """Split text into folded word tokens (no normalisation, no stop-word removal)."""
    return _WORD_RE.findall(fold(text))


#: Use the simplemma bokmål and nynorsk word lists in :func:`normalize_word` (benchmarks switch it
#: off to measure the rules alone; clear the caches of ``normalize_word`` and ``to_bokmal`` after).
LEXICON = True

# Spelling correspondences nynorsk -> bokmål, tried on words the rules leave as non-bokmål; a
# candidate counts only if simplemma's bokmål list knows it, so they may be bolder than the rules.
_NB_CANDIDATE_SUBS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"ei", "e"), (r"øy", "ø"), (r"au", "ø"), (r"jar", "er"), (r"jer", "er"), (r"ar(?=(ar|ane|en|ne|e)?$)", "er"),
        (r"ane$", "ene"), (r"ar$", "er"), (r"a$", "en"), (r"nad$", "ning"), (r"nad(?=en|ar|ane)", "ning"),
        (r"ing(?=a|ar|ane)?$", "ning"), (r"inga$", "ingen"), (r"(?<=[kg])j", ""), (r"an$", "en"), (r"an(?=for|om)", "en"),
        (r"å", "a"), (r"o(?=d|dd)", "u"), (r"d$", "t"), (r"leik", "lighet"), (r"verk", "virk"), (r"u", "o"),
        (r"e$", ""), (r"te$", "tet"), (r"je", "e"),
    )
)


def _known(word: str, lang: str) -> bool:
    import simplemma  # MIT code; its nb/nn word lists ship in the wheel (no download at run time)

    return bool(simplemma.is_known(word, lang=lang))


@lru_cache(maxsize=200_000)
def to_bokmal(word: str) -> str:
    """A bokmål spelling of a folded word that simplemma's bokmål list does not know (called for
    words its nynorsk list knows): the first candidate (fewest changes first) of the spelling correspondences that the
    bokmål list knows; otherwise the word itself. ``meininga`` -> ``meninga``, ``brukarar`` ->
    ``brukerer``/``brukere``, ``annan`` -> ``annen``."""
    if len(word) < 4 or not word.isalpha() or _known(word, "nb"):
        return word
    frontier = [word]
    seen = {word}
    for _depth in range(2):
        nxt: list[str] = []
        for w in frontier:
            for pattern, repl in _NB_CANDIDATE_SUBS:
                c = pattern.sub(repl, w)
                if c in seen or len(c) < 3:
                    continue
                seen.add(c)
                if _known(c, "nb"):
                    return c
                nxt.append(c)
        frontier = nxt
    return word


@lru_cache(maxsize=500_000)
def normalize_word(word: str) -> str:
    """Map a folded word to its canonical (bokmål-like) form.

    >>> normalize_word("skulen"), normalize_word("forskinga"), normalize_word("ikkje")
    ('skolen', 'forskninga', 'ikke')
    """
    w = NN_WORDS.get(word)
    if w is not None:
        return w
    if _DOCTOR.match(word):  # "fastlege" is a noun, not the nynorsk adjective ending -lege (-lige)
        return word
    w = word
    if len(w) > 3:
        if _ANY_SUB.search(w):
            for pattern, repl in NN_SUBS:
                if pattern.search(w):
                    w = pattern.sub(repl, w)
        if _ANY_SUFFIX.search(w):
            for pattern, repl in NN_SUFFIXES:
                if pattern.search(w):
                    w = pattern.sub(repl, w, count=1)
                    break
    w = NN_WORDS.get(w, w)
    if LEXICON and not _known(w, "nb") and _known(word, "nn") and not _known(word, "nb"):
        # Start from what the rules made of the word (closer to bokmål); only a word the rules left alone is
        # looked up as it is. The bokmål list is noisy (it knows some nynorsk forms), so a rule's result is
        # never traded for a lexicon guess made from the nynorsk spelling.
        b = to_bokmal(w)
        if b not in (word, w):
            return b
    return w


# "lege" (doctor) and its compounds: the nynorsk rule -lege -> -lige and Snowball's suffix "leg"
# turned "fastlege" into "fast", "tannlege" into "tann" and "kommunelege" into "kommun", so a GP need
# matched "faste stillinger". These keep one stem per word ("fastlegen", "fastlegane" -> "fastlege").
_DOCTOR = re.compile(
    r"^((?:fast|kommune|tann|sykehus|sjukehus|allmenn|skole|skule|spesial|turnus|over|assistent|bedrifts|"
    r"dyr|tilsyns|sykehjems|sjukeheims|distrikts|helsestasjons|fengsels|lis|vakt)?)"
    r"leg(?:e|en|er|ene|ens|ers|ar|ane|ars)$"
)
_STEM_EXCEPTIONS = {"demens": "dement"}
_VOWELS = set("aeiouyæøå")


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """Stem a normalised word (Snowball Norwegian + two small consistency fixes)."""
    s = _STEM_EXCEPTIONS.get(word)
    if s is not None:
        return s
    doctor = _DOCTOR.match(word)
    if doctor:
        return doctor.group(1) + "lege"
    s = str(_STEMMER.stemWord(word))
    # Snowball removes one suffix layer only: "kjøkkenet" -> "kjøkken" but "kjøkken" -> "kjøkk".
    if len(s) >= 5 and s[-2:] in ("en", "er", "ar"):
        s = _STEMMER.stemWord(s)
    # Inflection doubles a final consonant: "sykehjemmet" -> "sykehjemm" vs "sykehjem".
    if len(s) >= 5 and s[-1] == s[-2] and s[-1] not in _VOWELS:
        s = s[:-1]
    return s


@lru_cache(maxsize=200_000)
def snowball_stem(word: str) -> str:
    """The stock Snowball Norwegian stem (as plain BM25 stems), without :func:`stem`'s fixes."""
    return str(_STEMMER.stemWord(word))


def analyze(text: str) -> list[tuple[str, str]]:
    """Return ``(surface, normalised)`` pairs for the content words of ``text``.

    Stop words (checked on both forms) and one-character tokens are dropped; digits are kept.
    """
    out = []
    for w in words(text):
        if len(w) < 2 and not w.isdigit():
            continue
        if w in STOPWORDS:
            continue
        n = normalize_word(w)
        if n in STOPWORDS:
            continue
        out.append((w, n))
    return out


# ---------------------------------------------------------------------------------------------
# compounds
# ---------------------------------------------------------------------------------------------

# Frequent bound prefixes / short words that must never count as a compound part on their own.
_BAD_PARTS = STOPWORDS | frozenset(
    "sam inn opp ned til mot for fra ved van mis all bak hel hov sel tal ut be an gjen fore over under "
    "etter mellom uten".split()
)
#: Parts must have at least this many letters, except the short content words below.
MIN_PART = 4
SHORT_PARTS = frozenset("mat rus ikt bil vei sjø hav fisk is".split())
MIN_COMPOUND = 7


_MAX_SUFFIX = 8  # longest ending Snowball (plus our fixes) strips from a part
_MAX_HEAD_TRIM = 3  # ... and from an uninflected compound head


def _part_ok(part: str, known: Container[str]) -> str | None:
    """Return the stem of ``part`` if it is an acceptable compound part, else None."""
    if part in _BAD_PARTS or (len(part) < MIN_PART and part not in SHORT_PARTS):
        return None
    s = stem(part)
    if s in known and (len(s) >= 3 or part in SHORT_PARTS):
        return s
    return None


def _has_known_prefix(word: str, known: Container[str]) -> bool:
    """Cheap filter before stemming: Snowball only strips suffixes, so an acceptable part has a
    known stem as one of its prefixes (at most ``_MAX_SUFFIX`` letters shorter)."""
    for k in range(len(word), max(1, len(word) - _MAX_SUFFIX), -1):
        if word[:k] in known:
            return True
    return False


def split_compound(
    word: str, known: Container[str], *, max_parts: int = 3
) -> list[str] | None:
    """Split a normalised compound word into known parts; returns the parts' stems or None.

    ``known`` holds the stems of the index vocabulary. A head may end in a linking ``-s-`` or
    ``-e-`` (``sykehjems|kjøkken``, ``barne|hage``); the tail carries the inflection. Fewer parts
    win, then the split whose shortest part is longest (``sykehjem+kjøkken`` beats
    ``syke+hjemskjøkken``); the tail may itself be split once more when ``max_parts`` allows.

    >>> split_compound("sykehjemskjøkkenet", {"sykehjem", "kjøk"})
    ['sykehjem', 'kjøk']
    """
    n = len(word)
    if n < MIN_COMPOUND or not word.isalpha():
        return None
    # lengths k for which word[:k] is a known stem: every acceptable head starts with one
    prefix_lens = [k for k in range(2, n - 1) if word[:k] in known]
    if not prefix_lens:
        return None
    best: list[str] | None = None
    best_key: tuple[int, int] = (0, 0)
    # heads are uninflected, so their stem is at most a few letters shorter (kjøkken -> kjøk);
    # one more letter for a linking -s-/-e-
    candidates = sorted({i for k in prefix_lens for i in range(k, min(n - 1, k + _MAX_HEAD_TRIM + 2))})
    for i in candidates:
        head, tail = word[:i], word[i:]
        head_stem = None
        head_len = i
        for h in (head, head[:-1] if head[-1] in "se" and len(head) > MIN_PART else None):
            if h is None:
                continue
            head_stem = _part_ok(h, known)
            if head_stem is not None:
                head_len = len(h)
                break
        if head_stem is None or not _has_known_prefix(tail, known):
            continue
        tail_stem = _part_ok(tail, known)
        if tail_stem is not None:
            parts = [head_stem, tail_stem]
            key = (-2, min(head_len, len(tail)))
        elif max_parts > 2:
            sub = split_compound(tail, known, max_parts=max_parts - 1)
            if sub is None:
                continue
            parts = [head_stem, *sub]
            key = (-len(parts), min(head_len, MIN_PART))
        else:
            continue
        if best is None or key > best_key:
            best, best_key = parts, key
    return best


# ---------------------------------------------------------------------------------------------
# sentences
# ---------------------------------------------------------------------------------------------

_SENT_RE = re.compile(r"(?<=[.!?…])[\"»”)]*\s+(?=[\"«“(]*[A-ZÆØÅ0-9])|\n\s*\n|\n\s*[-•*]\s+|\s*\n(?=[A-ZÆØÅ])")
_ABBREV_END = re.compile(r"\b(f\.eks|bl\.a|m\.m|m\.fl|ca|nr|dr|prof|jf|osv|mv|evt|t\.d|kap|s)\.$", re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """Split a text into sentences (and list items / paragraphs); keeps Norwegian abbreviations."""
    text = text.strip()
    if not text:
        return []
    pieces = _SENT_RE.split(text)
    out: list[str] = []
    for p in pieces:
        p = p.strip(" \t\n-•*")
        if not p:
            continue
        if out and _ABBREV_END.search(out[-1]):
            out[-1] = out[-1] + " " + p
        else:
            out.append(p)
    return out
