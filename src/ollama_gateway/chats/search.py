"""Full-text search of chats (``GET /api/chats?q=``) with each backend's own index.

* SQLite: FTS5 tables ``chat_messages_fts`` and ``chats_fts`` (migration 0005), queried with
  ``MATCH``; snippets by FTS5's ``snippet()``.
* PostgreSQL: GIN indexes over ``to_tsvector('simple', ...)``; the queries below repeat the
  indexed expressions exactly, so the planner uses them; snippets by ``ts_headline``.

The words of ``q`` (letters and digits only, so no query syntax gets through) must all occur;
the last one may be a prefix (search as you type).  Both indexes hold the owner beside the
words (an FTS5 column ``user_id``; a PostgreSQL lexeme ``U<id>`` that ``to_tsvector`` cannot make
of text), so the index itself intersects the caller's rows with the words: the work grows with
the caller's hits, not with everyone's.  Matched words in a snippet are wrapped in
``**``.  :func:`matching_chats` is a subquery of chat ids for the list query, and
:func:`snippets` is one more statement for the page's chats (never one per chat).
"""

from __future__ import annotations

import re

from sqlalchemy import Select, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

_WORD = re.compile(r"\w+", re.UNICODE)
_MAX_WORDS = 16
MARK = "**"


def words(q: str) -> list[str]:
    return _WORD.findall(q)[:_MAX_WORDS]


def _fts5_query(terms: list[str], user_id: int) -> str:
    quoted = [f'"{term}"' for term in terms]
    quoted[-1] += "*"
    return f'user_id : "{int(user_id)}" AND ({" ".join(quoted)})'


def _tsquery(terms: list[str]) -> str:
    parts = [term.replace("'", "") for term in terms]
    return " & ".join([*(f"'{p}'" for p in parts[:-1]), f"'{parts[-1]}':*"])


def parameters(dialect: str, terms: list[str], user_id: int) -> dict[str, str]:
    """The bind parameters of the search statements for ``q``'s words and its owner."""
    if dialect == "sqlite":
        return {"fts": _fts5_query(terms, user_id)}
    return {"fts": _tsquery(terms), "owner": f"U{int(user_id)}"}


#: PostgreSQL: the indexed expressions (migration 0005) and the query with the owner's lexeme.
_PG_MESSAGE = (
    "(to_tsvector('simple'::regconfig, left(m.content, 200000))"
    " || array_to_tsvector(ARRAY['U' || m.user_id::text]))"
)
_PG_TITLE = (
    "(to_tsvector('simple'::regconfig, c.title)"
    " || array_to_tsvector(ARRAY['U' || c.user_id::text]))"
)
_PG_QUERY = "(to_tsquery('simple'::regconfig, :fts) && CAST(:owner AS tsquery))"
# S608: these statements are put together from the constants above, never from input
_PG_HITS = (
    f"SELECT m.chat_id FROM chat_messages m WHERE {_PG_MESSAGE} @@ {_PG_QUERY}"  # noqa: S608
    f" UNION SELECT c.id FROM chats c WHERE {_PG_TITLE} @@ {_PG_QUERY}"
)


def matching_chats(dialect: str) -> Select[tuple[int]]:
    """Ids of the owner's chats whose title or a message matches (see :func:`parameters`)."""
    if dialect == "sqlite":
        hits = text(
            "SELECT m.chat_id FROM chat_messages_fts f JOIN chat_messages m ON m.id = f.rowid"
            " WHERE chat_messages_fts MATCH :fts"
            " UNION SELECT rowid FROM chats_fts WHERE chats_fts MATCH :fts"
        )
    else:
        hits = text(_PG_HITS)
    sub = hits.columns(literal_column("chat_id")).subquery("hits")
    return select(sub.c.chat_id)


_SQLITE_SNIPPETS = (
    "SELECT m.chat_id, snippet(chat_messages_fts, 0, '**', '**', '…', 12) FROM chat_messages_fts f"
    " JOIN chat_messages m ON m.id = f.rowid"
    " WHERE chat_messages_fts MATCH :fts AND m.chat_id IN ({ids}) ORDER BY m.id DESC"
)
_SQLITE_TITLES = (
    "SELECT rowid, highlight(chats_fts, 0, '**', '**') FROM chats_fts"
    " WHERE chats_fts MATCH :fts AND rowid IN ({ids})"
)
_PG_SNIPPETS = (
    "SELECT DISTINCT ON (m.chat_id) m.chat_id, ts_headline('simple'::regconfig, m.content,"  # noqa: S608
    " to_tsquery('simple'::regconfig, :fts),"
    " 'StartSel=**, StopSel=**, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…')"
    f" FROM chat_messages m WHERE m.chat_id IN ({{ids}}) AND {_PG_MESSAGE} @@ {_PG_QUERY}"
    " ORDER BY m.chat_id, m.id DESC"
)
_PG_TITLES = (
    "SELECT c.id, ts_headline('simple'::regconfig, c.title,"  # noqa: S608
    " to_tsquery('simple'::regconfig, :fts),"
    " 'StartSel=**, StopSel=**, HighlightAll=true') FROM chats c WHERE c.id IN ({ids})"
    f" AND {_PG_TITLE} @@ {_PG_QUERY}"
)


async def snippets(
    session: AsyncSession, *, dialect: str, params: dict[str, str], chat_ids: list[int]
) -> dict[int, str]:
    """Per chat of the page: its newest matching message's snippet, else its marked title."""
    if not chat_ids:
        return {}
    ids = ", ".join(str(int(i)) for i in chat_ids)  # integers from our own query
    sqlite = dialect == "sqlite"
    found: dict[int, str] = {}
    rows = await session.execute(
        text((_SQLITE_SNIPPETS if sqlite else _PG_SNIPPETS).format(ids=ids)), params
    )
    for chat_id, snippet in rows:
        found.setdefault(int(chat_id), str(snippet))
    missing = [i for i in chat_ids if i not in found]
    if missing:
        ids = ", ".join(str(int(i)) for i in missing)
        rows = await session.execute(
            text((_SQLITE_TITLES if sqlite else _PG_TITLES).format(ids=ids)), params
        )
        for chat_id, title in rows:
            found.setdefault(int(chat_id), str(title))
    return found
