"""Statements generated from the schema table: the ingest's batched writes and per-label lookups.

These are the only Cypher strings built in Python outside the engine adapters. Each identifier
put into a statement passes the schema's whitelist (:func:`~msc_graph._schema.label`,
:func:`~msc_graph._schema.rel_type`); every value is a query parameter.
"""

from __future__ import annotations

from .._schema import KEY, NODE_LABELS, endpoints, label, rel_type


def create_nodes(lab: str) -> str:
    """The batched CREATE of nodes of one label: ``$rows`` of property maps, each with its key
    (``id``) among them (``SET n = r``: FalkorDB writes a node's properties at once, a quarter faster
    than a key in the pattern and ``SET n += props``, see ``benchmarks/README.md``).

    The ingest writes into an empty graph (a staging graph, or a Neo4j graph whose nodes of these
    labels were just deleted in the same transaction), and the builder emits each node once.
    """
    return f"UNWIND $rows AS r CREATE (n:{label(lab)}) SET n = r"


def create_rels(rtype: str, source: str, target: str, props: bool = True) -> str:
    """The batched CREATE of relationships of one type between existing nodes: ``$rows`` of
    ``{src, dst, props}``, or of ``{src, dst}`` with ``props=False`` (relationships without properties)."""
    a, b = endpoints(rtype, source, target)
    rel = rel_type(rtype)
    create = f"CREATE (a)-[e:{rel}]->(b) SET e += r.props" if props else f"CREATE (a)-[:{rel}]->(b)"
    return f"UNWIND $rows AS r MATCH (a:{label(a)} {{{KEY}: r.src}}) MATCH (b:{label(b)} {{{KEY}: r.dst}}) {create}"


def node_properties(lab: str) -> str:
    """One node's properties by label and ``$id`` (an indexed lookup)."""
    return f"MATCH (n:{label(lab)} {{{KEY}: $id}}) RETURN properties(n) AS props"


def node_claims(lab: str) -> str:
    """The claims about one node (``$id``), with their study, table rows, quotes and notes.

    For a claim node, the claim itself; else every claim with an edge to the node.
    """
    claim, study, row = label("Claim"), label("Study"), label("TableRow")
    head = (
        f"MATCH (c:{claim} {{{KEY}: $id}}) WITH c, '' AS via, null AS roles"
        if label(lab) == claim
        else f"MATCH (c:{claim})-[r]->(n:{label(lab)} {{{KEY}: $id}}) WITH c, type(r) AS via, r.roles AS roles"
    )
    return (
        f"{head} OPTIONAL MATCH (c)-[:{rel_type('FROM_STUDY')}]->(s:{study})"
        f" OPTIONAL MATCH (c)-[:{rel_type('PRINTED_IN')}]->(t:{row})"
        " RETURN c.id AS claim, c.name AS name, via, roles, c.evidence AS evidence,"
        " c.demonstrated AS demonstrated, c.settings AS settings, c.quotes AS quotes, c.notes AS notes,"
        " s.name AS study, collect(t) AS rows"
        " ORDER BY claim"
    )


def count_by_id(lab: str) -> str:
    """1 when a node of label ``lab`` has ``$id`` as its key, else 0 (an indexed lookup)."""
    return f"MATCH (n:{label(lab)} {{{KEY}: $id}}) RETURN count(n) AS n"


def ids_spelled(lab: str) -> str:
    """The keys (at most two) of the nodes of label ``lab`` that the normalized spelling ``$text``
    names (an indexed lookup of the ``Spelling`` nodes the ingest derives)."""
    return (
        f"MATCH (:{label('Spelling')} {{text: $text}})-[:{rel_type('SPELLS')}]->(n:{label(lab)})"
        f" RETURN DISTINCT n.{KEY} AS id LIMIT 2"
    )


def all_labels() -> tuple[str, ...]:
    """Every label of the schema, whitelisted (for engines that delete what they own)."""
    return tuple(label(n) for n in NODE_LABELS)
