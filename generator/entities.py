"""People (with the role the text gives them) and organisations named in an article.

No NLP model: people are runs of capitalised words introduced by a role (`Presiden Iran Masoud
Pezeshkian`), organisations come from `data/organisations.yml` plus acronyms defined in the text
(`Collective Security Treaty Organization (CSTO)`). Precision over recall: a missed name is
cheaper than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from generator.countries import is_country_name, multiword_name_starts
from generator.trie import WordFinder, literal_alternation
from generator.vocabulary import load_data

# Names and roles start a word: not after a letter, digit or hyphen (`Indo-Pasifik` holds no `Pasifik`).
_NOT_AFTER = r"[\w-]"
# After its capital a name word may hold any letter: `[a-zà-ÿ]` cut `Erdoğan` to `Erdo` and `McCarthy`
# to `Mc`, and the cut word was suggested as the name.
_LETTERS = r"(?:[^\W\d_]|['’])+"
_CAP_WORD = rf"(?:[A-Z]{_LETTERS}(?:-[A-Za-z]{_LETTERS})?|[A-Z]\.)"
_NAME_LINK = r"(?:\s+(?:al-|el-|bin\s+|binti\s+|van\s+|von\s+|de\s+|da\s+)?)"
# A role may give its institution's acronym in brackets before the name: `Direktur Dinas Keamanan
# Federal Rusia (FSB) Alexander Bortnikov`, a common form in the Indonesian press.
_RUN_TAIL = rf"(?:(?:,\s+|{_NAME_LINK}){_CAP_WORD}|\s+[A-Z]{{2,6}}\b|\s+\([A-Z]{{2,8}}\))*"
_BRACKETED_ACRONYM_WORD = re.compile(r"\([A-Z]{2,8}\)")
# `(?<![\w’'-])((?:[A-Z]ACRONYM_WORD){1,8})\(([A-Z]{2,8})\)`: up to eight capitalised words, then the
# acronym in brackets. The check before the first word is placed after its capital, so that the
# pattern opens with a character class and `re` skips to capitals rather than trying every position.
_ACRONYM_WORD = r"[\w’'-]*+\s++(?:(?:of|for|the|and|on|dan|untuk)\s+)?"
_ACRONYM_RE = re.compile(rf"([A-Z](?<![\w’'-][A-Z]){_ACRONYM_WORD}(?:[A-Z]{_ACRONYM_WORD}){{0,7}})\(([A-Z]{{2,8}})\)")
# The bracketed acronym `_ACRONYM_RE` ends with, found faster: most paragraphs with a `(` have none.
_BRACKETED_ACRONYM_RE = re.compile(r"\([A-Z]{2,8}\)")


@cache
def _roles() -> tuple[frozenset[str], frozenset[str]]:
    """The words that open a role, and the words never part of a name (institution words included)."""
    data = load_data("roles.yml")
    return frozenset(data["role_starts"]), frozenset(data["not_name"]) | _institutions()


@cache
def _institutions() -> frozenset[str]:
    return frozenset(load_data("roles.yml")["institutions"])


@cache
def _run_re() -> re.Pattern[str]:
    """Runs of capitalised words that open with a role word: only those can hold a person with a role."""
    return re.compile(rf"{literal_alternation(_roles()[0], not_after=_NOT_AFTER)}\b{_RUN_TAIL}")


@cache
def _organisations() -> tuple[WordFinder, dict[str, str]]:
    entries = load_data("organisations.yml")
    forms = {alias: entry["name"] for entry in entries for alias in entry["aliases"]}
    return WordFinder.compile(forms, not_after=_NOT_AFTER, tail=r"(?![\w-])"), forms


def organisations(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Known organisations and text-defined acronyms, in order of first mention."""
    finder, forms = _organisations()
    paragraphs = list(paragraphs)
    pattern = finder.pattern_for("\n".join(paragraphs))  # one test for all the words not starting with a capital
    found: dict[str, None] = {}
    for paragraph in paragraphs:
        for match in pattern.finditer(paragraph):
            found.setdefault(forms[match.group()], None)
        if _BRACKETED_ACRONYM_RE.search(paragraph) is None:
            continue
        for match in _ACRONYM_RE.finditer(paragraph):
            words, acronym = match.group(1).split(), match.group(2)
            initials = "".join(w[0] for w in words if w[0].isupper())
            if acronym in forms or is_country_name(acronym):
                continue
            if initials.endswith(acronym) or initials == acronym:
                found.setdefault(acronym, None)
    return tuple(found)


@cache
def _role_words() -> frozenset[str]:
    """Words that belong to a role, never to a name (with upper-case words and country names)."""
    role_starts, not_name = _roles()
    return role_starts | not_name


def _is_role_word(word: str) -> bool:
    return word in _role_words() or word.isupper() or is_country_name(word)


# A role names its country last, and may name a portfolio or office before it that no list of role
# words can hold (`Menteri Perminyakan Iran`, `Kepala Otoritas Energi Atom Iran`): at most this many words.
_PORTFOLIO_WORDS = 3
_COUNTRY_NAME_WORDS = 3  # the longest country's name, in words: `Uni Emirat Arab`


def _country_end(words: Sequence[str], k: int) -> int | None:
    """The index after a country's name of 1-3 words that starts at `words[k]` (`Iran`, `Korea Selatan`)."""
    if words[k] in multiword_name_starts():  # the only words after which a longer name is worth looking up
        for n in range(min(_COUNTRY_NAME_WORDS, len(words) - k), 1, -1):
            part = words[k : k + n]
            # a comma may close the name (`Korea Selatan, Yoon`), never split it
            if not any(w.endswith(",") for w in part[:-1]) and is_country_name(" ".join(part).rstrip(",")):
                return k + n
    return k + 1 if is_country_name(words[k].rstrip(",")) else None


def _portfolio_end(words: Sequence[str], i: int) -> int | None:
    """The index after the country that closes a portfolio opening at `words[i]`, when the country
    follows within `_PORTFOLIO_WORDS` words and no comma comes between (`Perminyakan Iran`)."""
    for k in range(i, min(i + _PORTFOLIO_WORDS, len(words) - 1) + 1):
        if k > i and words[k - 1].endswith(","):
            return None
        end = _country_end(words, k)
        if end is not None:
            return end
    return None


def _role_end(words: Sequence[str], start: int) -> int:
    """The index after the role opening at `words[start]`: role words, countries of one or more words,
    and, until the role has named a country, a portfolio before one (`Menteri Perminyakan Iran`).

    Once the role holds its country, capitalised words are the name: in a headline's `Menlu Iran Abbas
    Araghchi Kunjungi Rusia` the words before `Rusia` are no portfolio.
    """
    i = start
    has_country = False
    while i < len(words):
        if (country_end := _country_end(words, i)) is not None:
            i, has_country = country_end, True
        elif _is_role_word(words[i].rstrip(",")) or (i > start and _BRACKETED_ACRONYM_WORD.fullmatch(words[i])):
            i += 1
        elif not has_country and (portfolio_end := _portfolio_end(words, i)) is not None:
            i, has_country = portfolio_end, True
        else:
            break
    return i


# The longest institution's name read after its first word (`Organisasi`) up to the acronym the text
# gives it: `Perjanjian Keamanan Kolektif (CSTO)`, `Tenaga Atom Internasional (IAEA)`.
_INSTITUTION_NAME_WORDS = 8


def _through_acronym(words: Sequence[str], i: int) -> int | None:
    """The index after the bracketed acronym that closes an institution's name starting at `words[i]`
    (`Sekjen Organisasi Perjanjian Keamanan Kolektif (CSTO) Stanislav Zas`), or None without one:
    the name's end is then unknown, and so is where a person's name would start."""
    for j in range(i, min(i + _INSTITUTION_NAME_WORDS + 1, len(words))):
        word = words[j]
        if _BRACKETED_ACRONYM_WORD.fullmatch(word):
            return j + 1 if j > i else None
        if word.endswith(",") or not word[0].isupper():
            return None
    return None


def _role_and_name(words: Sequence[str]) -> tuple[str, str] | None:
    """From the first role word: the role, then the first run of 2-4 name words (not across a comma).

    `[Senin,, Presiden, Iran, Masoud, Pezeshkian]` → (`Presiden Iran`, `Masoud Pezeshkian`);
    `[Menteri, Perminyakan, Iran, Mohsen, Paknejad]` → (`Menteri Perminyakan Iran`, `Mohsen Paknejad`).
    """
    role_starts = _roles()[0]
    start = next((i for i, word in enumerate(words) if word.rstrip(",") in role_starts), None)
    if start is None:
        return None
    i = _role_end(words, start)
    if i == start or i >= len(words):
        return None
    if words[i - 1].rstrip(",") in _institutions():  # the institution's own name follows (`Kepala Badan …`)
        through = _through_acronym(words, i)
        if through is None or through >= len(words):
            return None
        i = through
    role = " ".join(words[start:i])
    name: list[str] = []
    for word in words[i:]:
        bare = word.rstrip(",")
        if _is_role_word(bare):
            break
        name.append(bare)
        if word.endswith(","):
            break
    if not 2 <= len(name) <= 4:
        return None
    return role, " ".join(name)


# `\b[a-z][a-z'-]+\b` with the word boundary read from the character before the word, so that `re`
# skips to non-word characters instead of trying every position; the text is searched with a
# newline before it, so a word at the very start has one too. Tokens never hold a non-word
# character that could be taken as the next one's lead, so the words found are the same.
_LOWER_WORD_RE = re.compile(r"\W([a-z][a-z'-]+\b)")


class _OrdinaryWords:
    """The lower-case words (`_LOWER_WORD_RE`) of some paragraphs: a name word among them is an ordinary word.

    Finding them all builds some 900 strings (0.2 ms an article), yet a word that is not even a
    substring of the text cannot be one of them, and lower-cased name words almost never are: the
    set is built only for a word that passes that test.
    """

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self._text = "\n".join(paragraphs)
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if word not in self._text:
            return False
        if self._words is None:
            self._words = set(_LOWER_WORD_RE.findall("\n" + self._text))
        return word in self._words


@cache
def person_name(person: str) -> str:
    """The name in an entry of `people`, without the role it gives them: the words after its last role
    word or country (`Presiden Rusia Vladimir Putin`, `Presiden Amerika Serikat Joe Biden`). An entry
    without a role is all name; one that ends in a role word (`Michael Jordan`: a country's name) is
    taken whole. Cached: the related ranking asks for every person of every article."""
    words = person.split()
    start = len(words)
    while start > 0 and not _is_role_word(words[start - 1].rstrip(",")) and not _closes_country(words, start):
        start -= 1
    return " ".join(words[start:]) if start < len(words) else person


def _closes_country(words: Sequence[str], end: int) -> bool:
    """True when `words[:end]` ends with a country's name of several words (`Amerika Serikat`)."""
    return any(is_country_name(" ".join(words[end - n : end])) for n in range(2, min(_COUNTRY_NAME_WORDS, end) + 1))


def person_key(person: str) -> str:
    """Who an entry of `people` names, whatever role it gives them (`person_name`, case-folded)."""
    return person_name(person).casefold()


def _cut_short(paragraph: str, end: int) -> bool:
    """True when the run ending at `end` stops before a capitalised word that a name word cannot open
    (`İlham`, `Çavuşoğlu`): the name goes on, and only part of it was read."""
    return paragraph[end : end + 1] == " " and paragraph[end + 1 : end + 2].isupper()


def people(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """People with a role, as written (`Presiden Iran Masoud Pezeshkian`); later short mentions fold in."""
    ordinary_words: _OrdinaryWords | None = None  # read only once a name needs checking
    found: dict[str, str] = {}  # name -> role + name as first written
    run_re = _run_re()
    for paragraph in paragraphs:
        for match in run_re.finditer(paragraph):
            if _cut_short(paragraph, match.end()):
                continue
            parsed = _role_and_name(match.group().split())
            if parsed is None:
                continue
            role, name = parsed
            if any(name in known for known in found):  # tested first: it is cheaper, and names recur
                continue
            if ordinary_words is None:
                ordinary_words = _OrdinaryWords(paragraphs)
            # Only its capitalised words: `bin` of `Faisal bin Farhan` is in the text in lower case, as itself.
            if any(w.lower() in ordinary_words for w in name.split() if w[0].isupper()):
                continue
            found[name] = f"{role} {name}"
    return tuple(found.values())
