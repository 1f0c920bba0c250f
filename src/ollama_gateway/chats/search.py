"""Full-text search of chats (``GET /api/chats?q=``) with each backend's own index.

* SQLite: FTS5 tables ``chat_messages_fts`` and ``chats_fts`` (migration 0005), queried with
  ``MATCH``; snippets by FTS5's ``snippet()``.
* PostgreSQL: GIN indexes over ``to_tsvector('simple', ...)``; the queries below repeat the
  indexed expressions exactly, so the planner uses them; snippets by ``ts_headline``.

The words of ``q`` (letters and digits only, so no query syntax gets through) must all occur;
the last one may be a prefix (search as you type).  Both indexes hold the owner beside the
words (an FTS5 column ``user_id``; a PostgreSQL lexeme ``U<id>`` that ``to_tsvector`` cannot make
of text), so the index itself intersects the caller's rows with the words.  Matched words in a
snippet are wrapped in ``**``.

Two ways to find a page of matching chats, the same answer by either:

* :func:`matching_chats`, a subquery of the ids of every chat with a hit, for the list query.
  Every hit is read to find its chat, so the work grows with the caller's hits (not with
  everyone's).
* :func:`first_matches` walks the caller's next chats in list order (the ids the list query would
  page through, at most :data:`WALK_PAGES` pages of them) and tests each for a hit, keeping its
  newest hit for the snippet: on SQLite its messages against the caller's hits among them, read
  once from the index; on PostgreSQL its messages newest first until one matches.  The work
  grows with the chats tested, so it is the way for a word in many messages (a page fills after
  a few dozen chats); it is tried only then, and gives up (``None``) when the chats it tested
  hold less than a page of matches.  How frequent: on SQLite, where a test is an index probe,
  enough of the caller's hits within those chats' span of message ids to fill a page (counted in
  the same statement); on PostgreSQL, where a test parses the text again, each word in
  :data:`PG_WALK_SHARE` of all messages by the planner's statistics of the index (``pg_stats``;
  a word too rare to be among its most common elements is not frequent).  A wrong guess (a word
  frequent for others, rare in the caller's chats) costs the test of those chats before the
  subquery.

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


#: PostgreSQL walks when each word is in this share of all messages or more.
PG_WALK_SHARE = 0.05
#: The walk tests at most this many pages of chats.
WALK_PAGES = 2

# the owner's hits among the ids of the chats' messages (from the first chat's oldest message to
# the last one's newest, each an index seek), read once from the index into a set; if they could
# fill a page, each chat's messages are probed against it (the ``+`` keeps SQLite from reading
# every hit's message to find its chat instead)
_SQLITE_WALK = (
    "WITH span(low, high) AS MATERIALIZED (SELECT"
    " min((SELECT min(m.id) FROM chat_messages m WHERE m.chat_id = c.id)),"
    " max((SELECT max(m.id) FROM chat_messages m WHERE m.chat_id = c.id))"
    " FROM chats c WHERE c.id IN ({ids})),"
    " hits(id) AS MATERIALIZED (SELECT rowid FROM chat_messages_fts"
    " WHERE chat_messages_fts MATCH :fts"
    " AND rowid BETWEEN (SELECT low FROM span) AND (SELECT high FROM span)),"
    " walk(ok) AS MATERIALIZED (SELECT count(*) >= :want FROM (SELECT 1 FROM hits LIMIT :want))"
    " SELECT m.chat_id, max(m.id) FROM chat_messages m"
    " WHERE (SELECT ok FROM walk) AND m.chat_id IN ({ids}) AND +m.id IN hits GROUP BY m.chat_id"
    " UNION ALL SELECT rowid, NULL FROM chats_fts"
    " WHERE (SELECT ok FROM walk) AND chats_fts MATCH :fts AND +rowid IN ({ids})"
)
# per chat, its messages newest first through ix_chat_messages_chat_id until one matches; the
# words alone (the chats are the owner's), which no index holds, so the planner cannot turn the
# probe into a scan of every hit of the GIN index
_PG_WALK = (
    "SELECT c.id, (SELECT m.id FROM chat_messages m WHERE m.chat_id = c.id"  # noqa: S608
    " AND to_tsvector('simple'::regconfig, left(m.content, 200000))"
    " @@ to_tsquery('simple'::regconfig, :fts) ORDER BY m.id DESC LIMIT 1),"
    f" {_PG_TITLE} @@ {_PG_QUERY} FROM chats c WHERE c.id IN ({{ids}})"
)
# the share of messages holding each word (the last one as a prefix: its lexemes' shares summed)
_PG_SHARES = (
    "SELECT t.n, sum(e.f) FROM pg_stats s CROSS JOIN LATERAL"
    " unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(w, f)"
    " JOIN unnest(CAST(:words AS text[])) WITH ORDINALITY AS t(w, n)"
    " ON e.w = t.w OR (t.n = :last AND starts_with(e.w, t.w))"
    " WHERE s.schemaname = current_schema() AND s.tablename = 'ix_chat_messages_search'"
    " GROUP BY t.n"
)


async def _frequent(session: AsyncSession, terms: list[str]) -> bool:
    """PostgreSQL: whether every word is in :data:`PG_WALK_SHARE` of the messages or more."""
    rows = await session.execute(
        text(_PG_SHARES), {"words": [term.lower() for term in terms], "last": len(terms)}
    )
    shares = {int(n): float(share or 0) for n, share in rows}
    return len(shares) == len(terms) and min(shares.values()) >= PG_WALK_SHARE


async def first_matches(
    session: AsyncSession,
    *,
    dialect: str,
    terms: list[str],
    params: dict[str, str],
    candidates: Select[int],
    want: int,
) -> dict[int, int | None] | None:
    """The first ``want`` matching chats of ``candidates`` (chat ids in list order), by testing.

    Chat id -> the id of its newest matching message (``None``: the title matches, no message),
    in ``candidates``' order; ``None`` when walking does not pay (see the module docstring).
    """
    if dialect != "sqlite" and not await _frequent(session, terms):
        return None
    ids = list((await session.scalars(candidates.limit(WALK_PAGES * want))).all())
    if len(ids) < want:
        return None
    found: dict[int, int | None] = {}
    if dialect == "sqlite":
        listed = ", ".join(str(int(i)) for i in ids)  # integers from our own query
        rows = await session.execute(
            text(_SQLITE_WALK.format(ids=listed)), {**params, "want": want}
        )
        for chat_id, newest in rows:
            if newest is not None or int(chat_id) not in found:
                found[int(chat_id)] = None if newest is None else int(newest)
    else:
        # a page first: with a word this frequent it mostly fills, and the rest is never tested
        for batch in (ids[:want], ids[want:]):
            if not batch:
                break
            listed = ", ".join(str(int(i)) for i in batch)
            for chat_id, newest, titled in await session.execute(
                text(_PG_WALK.format(ids=listed)), params
            ):
                if newest is not None or titled:
                    found[int(chat_id)] = None if newest is None else int(newest)
            if len(found) >= want:
                break
    page = [i for i in ids if i in found][:want]
    if len(page) < want:
        return None
    return {i: found[i] for i in page}


_SQLITE_SNIPPETS = (
    "SELECT m.chat_id, snippet(chat_messages_fts, 0, '**', '**', '…', 12) FROM chat_messages_fts f"
    " JOIN chat_messages m ON m.id = f.rowid"
    " WHERE chat_messages_fts MATCH :fts AND m.chat_id IN ({ids}) ORDER BY m.id DESC"
)
_SQLITE_TITLES = (
    "SELECT rowid, highlight(chats_fts, 0, '**', '**') FROM chats_fts"
    " WHERE chats_fts MATCH :fts AND rowid IN ({ids})"
)
_PG_HEADLINE = (
    "ts_headline('simple'::regconfig, m.content, to_tsquery('simple'::regconfig, :fts),"
    " 'StartSel=**, StopSel=**, MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…')"
)
_PG_SNIPPETS = (
    f"SELECT DISTINCT ON (m.chat_id) m.chat_id, {_PG_HEADLINE}"  # noqa: S608
    f" FROM chat_messages m WHERE m.chat_id IN ({{ids}}) AND {_PG_MESSAGE} @@ {_PG_QUERY}"
    " ORDER BY m.chat_id, m.id DESC"
)
# the same for messages known to match (:func:`first_matches`): by id; on SQLite the ``+`` keeps
# FTS5 from answering each id on its own (a prefix word is looked up again for each), and the
# rowid range bounds the hits it reads
_SQLITE_SNIPPETS_OF = (
    "SELECT rowid, snippet(chat_messages_fts, 0, '**', '**', '…', 12) FROM chat_messages_fts"
    " WHERE chat_messages_fts MATCH :fts AND rowid BETWEEN {low} AND {high} AND +rowid IN ({ids})"
)
_PG_SNIPPETS_OF = f"SELECT m.id, {_PG_HEADLINE} FROM chat_messages m WHERE m.id IN ({{ids}})"  # noqa: S608
_PG_TITLES = (
    "SELECT c.id, ts_headline('simple'::regconfig, c.title,"  # noqa: S608
    " to_tsquery('simple'::regconfig, :fts),"
    " 'StartSel=**, StopSel=**, HighlightAll=true') FROM chats c WHERE c.id IN ({ids})"
    f" AND {_PG_TITLE} @@ {_PG_QUERY}"
)


async def snippets(
    session: AsyncSession,
    *,
    dialect: str,
    params: dict[str, str],
    chat_ids: list[int],
    newest: dict[int, int | None] | None = None,
) -> dict[int, str]:
    """Per chat of the page: its newest matching message's snippet, else its marked title.

    ``newest``: each chat's newest matching message when :func:`first_matches` found them.
    """
    if not chat_ids:
        return {}
    sqlite = dialect == "sqlite"
    found: dict[int, str] = {}
    if newest is None:
        ids = ", ".join(str(int(i)) for i in chat_ids)  # integers from our own query
        rows = await session.execute(
            text((_SQLITE_SNIPPETS if sqlite else _PG_SNIPPETS).format(ids=ids)), params
        )
        for chat_id, snippet in rows:
            found.setdefault(int(chat_id), str(snippet))
    else:
        chat_of = {m: c for c in chat_ids if (m := newest.get(c)) is not None}
        if chat_of:
            ids = ", ".join(str(int(i)) for i in chat_of)
            sql = (_SQLITE_SNIPPETS_OF if sqlite else _PG_SNIPPETS_OF).format(
                ids=ids, low=int(min(chat_of)), high=int(max(chat_of))
            )
            for message_id, snippet in await session.execute(text(sql), params):
                found[chat_of[int(message_id)]] = str(snippet)
    missing = [i for i in chat_ids if i not in found]
    if missing:
        ids = ", ".join(str(int(i)) for i in missing)
        rows = await session.execute(
            text((_SQLITE_TITLES if sqlite else _PG_TITLES).format(ids=ids)), params
        )
        for chat_id, title in rows:
            found.setdefault(int(chat_id), str(title))
    return found
