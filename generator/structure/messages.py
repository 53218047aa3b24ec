"""What the build says to its editor, in Chinese by default and in English on request.

A message is written in English, as a template with named ``{placeholders}``, and made with
:func:`msg` (``msg("cannot read the file: {reason}", reason=…)``). The result is a
:class:`Message`: a ``str`` holding the English text, so code and tests that search it or
sort it see one fixed text whatever the language, which also carries its template and
values, so :func:`said` can give it in another language. The English template is the
gettext msgid; the Chinese text comes from the catalog ``generator/locale/zh_CN/LC_MESSAGES/
plansite.mo`` (compiled from ``plansite.po`` beside it by ``make messages``), looked up with the
standard library's :mod:`gettext`.

The language the command line speaks, :func:`language`: gettext's variables in gettext's order
(``LANGUAGE``, a ``:``-separated list, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``): the first one
set decides, and in it the first entry starting with ``en`` gives English, with ``zh``
Chinese; anything else (unset, ``C``, ``fr_FR.UTF-8``) Chinese, the language of the plans
and their editors. The site never depends on it: pages are written in :data:`SITE_LANGUAGE`.

A value that is itself a :class:`Message` (a word such as ``chapter`` made with :func:`msg`,
a schema's ``description``) is said in the same language as the message around it. Braces
that are text, not placeholders, are doubled (``{{date, source}}``), in the msgid and its
translation alike.
"""
from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "plansite"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
CHINESE = "zh_CN"
ENGLISH = "en"
SITE_LANGUAGE = CHINESE  # the language of the site's pages, whoever builds it
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order


class Message(str):
    """A message's English text (what every ``str`` operation sees), with the ``template``
    (the gettext msgid) and the ``values`` of its placeholders, so it can be said in another
    language (:func:`said`). Pickles with its template and values (the build cache, the
    workers)."""

    template: str
    values: dict

    def __new__(cls, template: str, values: Mapping[str, object] | None = None) -> "Message":
        values = dict(values or {})
        self = super().__new__(cls, _fill(template, values, ENGLISH))
        self.template = template
        self.values = values
        return self

    def __reduce__(self):
        return (Message, (self.template, self.values))


def msg(template: str, **values: object) -> Message:
    """The message ``template`` (English, with ``{name}`` placeholders, the msgid) with its
    ``values``. ``template`` must be a string literal: ``make messages`` finds the msgids by
    reading the calls of ``msg`` in the source. Raises KeyError when a placeholder has no value."""
    return Message(template, values)


def joined(parts: list, separator: str | None = None) -> Message:
    """``parts`` (messages or plain text) one after another with ``separator`` between them
    (default: a list's comma, ``, `` in English, ``、`` in Chinese), as one message that says
    each part in its own translation (the joined template itself is in no catalog: gettext
    gives it back as it is)."""
    values = {f"part{i}": part for i, part in enumerate(parts)}
    if separator is None:
        values["comma"] = msg(", ")
        between = "{comma}"
    else:
        between = separator.replace("{", "{{").replace("}", "}}")
    return Message(between.join(f"{{part{i}}}" for i in range(len(parts))), values)


def language(environ: Mapping[str, str] | None = None) -> str:
    """:data:`ENGLISH` or :data:`CHINESE`, chosen by the environment as the module says."""
    environ = os.environ if environ is None else environ
    for variable in LANGUAGE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for entry in value.split(":"):
            if entry.lower().startswith("en"):
                return ENGLISH
            if entry.lower().startswith("zh"):
                return CHINESE
        return CHINESE
    return CHINESE


def said(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` (default: :func:`language`): a :class:`Message` translated by the
    catalog (its English when the catalog lacks it or its translation does not fit its values),
    any other string as it is."""
    if not isinstance(text, Message):
        return str(text)
    return _fill(text.template, text.values, lang or language())


def _fill(template: str, values: dict, lang: str) -> str:
    words = {name: said(value, lang) if isinstance(value, Message) else value for name, value in values.items()}
    if lang != ENGLISH and template:  # gettext's entry for "" is the catalog's header, not a message
        try:
            return catalog(lang).gettext(template).format_map(words)
        except (KeyError, IndexError, ValueError):  # a translation naming a value the message lacks
            pass
    return template.format_map(words)


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (``LOCALE_DIR/<lang>/LC_MESSAGES/plansite.mo``);
    gettext's NullTranslations (every message in English) when there is none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
