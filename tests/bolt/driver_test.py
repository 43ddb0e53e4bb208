"""The official Neo4j Python driver against `evroad serve --bolt` (run by .ci/bolt.sh).

Usage: python driver_test.py RW_URL RO_URL TOKEN_URL TOKEN
  RW_URL     a server started with --allow-writes (no token)
  RO_URL     a read-only server (no token)
  TOKEN_URL  a read-only server started with --token TOKEN
"""

import sys
import threading
import unittest

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ClientError, CypherSyntaxError, Forbidden
from neo4j.graph import Node, Path, Relationship

RW, RO, TOKEN_URL, TOKEN = sys.argv[1:5]
AUTH = ("neo4j", "any password: the server has no token")


def driver(url=RW, auth=AUTH, **kw):
    return GraphDatabase.driver(url, auth=auth, **kw)


class Connect(unittest.TestCase):
    def test_bolt_and_neo4j_urls(self):
        for url in (RW, RW.replace("bolt://", "neo4j://")):
            with driver(url) as d:
                d.verify_connectivity()
                records, summary, keys = d.execute_query(
                    "MATCH (m:Model {id: $id}) RETURN m.name AS name", id="leaf"
                )
                self.assertEqual(keys, ["name"])
                self.assertEqual(records[0]["name"], "Nissan LEAF")
                self.assertEqual(summary.query_type, "r")

    def test_server_info(self):
        with driver() as d:
            info = d.get_server_info()
            self.assertTrue(info.agent.startswith("Neo4j/5"))
            self.assertGreaterEqual(info.protocol_version, (5, 1))


class Values(unittest.TestCase):
    def test_parameters_of_every_type_round_trip(self):
        params = {
            "i": -(2**40),
            "small": 7,
            "f": 2.5,
            "s": "Ariya — e-4ORCE",
            "t": True,
            "n": None,
            "l": [1, "two", 3.0, None, [False]],
            "m": {"k": [1, 2], "nested": {"x": "y"}},
        }
        with driver() as d, d.session() as s:
            rec = s.run(
                "RETURN $i AS i, $small AS small, $f AS f, $s AS s, $t AS t, $n AS n, $l AS l, $m AS m",
                params,
            ).single()
            self.assertEqual(rec.data(), params)
            self.assertIsInstance(rec["f"], float)
            self.assertIsInstance(rec["i"], int)

    def test_temporal_values_both_ways(self):
        import datetime as dt

        import pytz

        # A pytz zone, as the driver's documentation uses: packing a zoneinfo zone makes the
        # driver pass its own DateTime to ZoneInfo.utcoffset, which crashes CPython 3.11.
        tokyo = pytz.timezone("Asia/Tokyo").localize(dt.datetime(2021, 11, 29, 10, 0, 0))
        params = {
            "d": dt.date(2021, 11, 29),
            "lt": dt.time(10, 30, 15, 250000),
            "ldt": dt.datetime(2021, 11, 29, 10, 30),
            "dt": dt.datetime(2021, 11, 29, 10, 30, tzinfo=dt.timezone.utc),
            "z": tokyo,
        }
        with driver() as d, d.session() as s:
            rec = s.run(
                "RETURN $d AS d, $lt AS lt, time('10:30+01:00') AS t, $ldt AS ldt, $dt AS dt, $z AS z, "
                "toString($z) AS zs, $d + duration('P1M') AS later, duration('P1Y2M3DT4H') AS dur",
                params,
            ).single()
            self.assertEqual(rec["d"].to_native(), params["d"])
            self.assertEqual(rec["lt"].to_native(), params["lt"])
            self.assertEqual(rec["t"].utc_offset(), dt.timedelta(hours=1))
            self.assertEqual(rec["ldt"].to_native(), params["ldt"])
            self.assertEqual(rec["dt"].to_native(), params["dt"])
            self.assertEqual(rec["z"].to_native(), tokyo)
            self.assertEqual(rec["zs"], "2021-11-29T10:00+09:00[Asia/Tokyo]")
            self.assertEqual(rec["later"].to_native(), dt.date(2021, 12, 29))
            dur = rec["dur"]
            self.assertIsInstance(dur, neo4j.time.Duration)
            self.assertEqual((dur.months, dur.days, dur.seconds), (14, 3, 4 * 3600))

    def test_parameters_in_predicates(self):
        with driver() as d, d.session() as s:
            names = s.run(
                "MATCH (m:Model) WHERE m.launched >= $year AND m.id IN $ids RETURN m.name AS n ORDER BY n",
                year=2010,
                ids=["ariya", "leaf", "no-such-model"],
            ).value()
            self.assertEqual(names, ["Nissan Ariya", "Nissan LEAF"])

    def test_node_relationship_and_path_objects(self):
        with driver() as d, d.session() as s:
            rec = s.run(
                "MATCH p = (m:Model {id: 'ariya'})-[r:USES_PLATFORM]->(pl:Platform) RETURN m, r, pl, p"
            ).single()
            m, r, pl, p = rec["m"], rec["r"], rec["pl"], rec["p"]
            self.assertIsInstance(m, Node)
            self.assertEqual(m.labels, frozenset({"Model"}))
            self.assertEqual(m["name"], "Nissan Ariya")
            self.assertEqual(m.element_id, "ariya")
            self.assertIsInstance(r, Relationship)
            self.assertEqual(r.type, "USES_PLATFORM")
            self.assertEqual(r.start_node.element_id, "ariya")
            self.assertEqual(r.end_node.element_id, pl.element_id)
            self.assertIn("quote", r)
            self.assertIsInstance(p, Path)
            self.assertEqual(len(p), 1)
            self.assertEqual(p.start_node.element_id, "ariya")
            self.assertEqual(p.end_node.element_id, pl.element_id)
            self.assertEqual(p.relationships[0].type, "USES_PLATFORM")
            # Element ids are stable: the same node has the same id in a later query.
            again = s.run("MATCH (m:Model {id: 'ariya'}) RETURN m").single()["m"]
            self.assertEqual(again.element_id, m.element_id)

    def test_path_walked_against_direction(self):
        with driver() as d, d.session() as s:
            p = s.run(
                "MATCH p = (:Platform {id: 'cmf-ev'})<-[:USES_PLATFORM]-(m:Model {id: 'ariya'}) RETURN p"
            ).single()["p"]
            self.assertEqual(p.start_node["id"], "cmf-ev")
            self.assertEqual(p.end_node["id"], "ariya")
            rel = p.relationships[0]
            self.assertEqual(rel.start_node["id"], "ariya")

    def test_paging_with_small_fetch_size(self):
        with driver(fetch_size=3) as d, d.session() as s:
            ids = [r["id"] for r in s.run("MATCH (n) RETURN n.id AS id ORDER BY id")]
            with d.session(fetch_size=-1) as s2:
                all_ids = s2.run("MATCH (n) RETURN n.id AS id ORDER BY id").value()
            self.assertEqual(ids, all_ids)
            self.assertGreater(len(ids), 10)


class Transactions(unittest.TestCase):
    def count(self, s, ident):
        return s.run("MATCH (n {id: $id}) RETURN count(n) AS c", id=ident).single()["c"]

    def test_rolled_back_write_leaves_no_trace(self):
        with driver() as d, d.session() as s:
            before = s.run("MATCH (n) RETURN count(n) AS c").single()["c"]
            tx = s.begin_transaction()
            tx.run("CREATE (:Scratch {id: 'bolt-rollback-1'})")
            tx.run("MATCH (m:Model {id: 'leaf'}) SET m.rolled = true")
            self.assertEqual(self.count(tx, "bolt-rollback-1"), 1)
            tx.rollback()
            self.assertEqual(self.count(s, "bolt-rollback-1"), 0)
            self.assertEqual(s.run("MATCH (n) RETURN count(n) AS c").single()["c"], before)
            rolled = s.run("MATCH (m:Model {id: 'leaf'}) RETURN m.rolled AS r").single()["r"]
            self.assertIsNone(rolled)

    def test_committed_transaction_and_counters(self):
        with driver() as d, d.session() as s:
            with s.begin_transaction() as tx:
                summary = tx.run(
                    "CREATE (a:Scratch {id: 'bolt-commit-1', n: 1})-[:LINKS]->(b:Scratch {id: 'bolt-commit-2'})"
                ).consume()
                c = summary.counters
                self.assertEqual(c.nodes_created, 2)
                self.assertEqual(c.relationships_created, 1)
                self.assertEqual(c.properties_set, 3)
                self.assertEqual(c.labels_added, 2)
                self.assertTrue(c.contains_updates)
                self.assertEqual(summary.query_type, "w")
                tx.commit()
            self.assertEqual(self.count(s, "bolt-commit-1"), 1)
            summary = s.run("MATCH (n:Scratch) DETACH DELETE n").consume()
            self.assertEqual(summary.counters.nodes_deleted, 2)
            self.assertEqual(summary.counters.relationships_deleted, 1)
            self.assertEqual(self.count(s, "bolt-commit-1"), 0)

    def test_managed_transactions(self):
        with driver() as d, d.session() as s:
            def work(tx):
                tx.run("CREATE (:Scratch {id: 'bolt-managed'})")
                return tx.run("MATCH (n:Scratch) RETURN count(n) AS c").single()["c"]

            self.assertEqual(s.execute_write(work), 1)
            self.assertEqual(
                s.execute_read(lambda tx: self.count(tx, "bolt-managed")), 1
            )
            s.run("MATCH (n:Scratch) DELETE n").consume()

    def test_failure_inside_transaction_rolls_it_back(self):
        with driver() as d, d.session() as s:
            tx = s.begin_transaction()
            tx.run("CREATE (:Scratch {id: 'bolt-failed-tx'})").consume()
            with self.assertRaises(ClientError):
                tx.run("RETURN 1 / 0 AS x").consume()
            tx.close()
            self.assertEqual(self.count(s, "bolt-failed-tx"), 0)


class Errors(unittest.TestCase):
    def test_syntax_error(self):
        with driver() as d, d.session() as s:
            with self.assertRaises(CypherSyntaxError) as e:
                s.run("MATCH (n RETURN n").consume()
            self.assertEqual(e.exception.code, "Neo.ClientError.Statement.SyntaxError")
            self.assertIn("1:10", e.exception.message)
            # The connection is usable after the failure (RESET).
            self.assertEqual(s.run("RETURN 1 AS x").single()["x"], 1)

    def test_other_error_codes(self):
        cases = {
            "RETURN $missing AS x": "Neo.ClientError.Statement.ParameterMissing",
            "RETURN 'a' * 2 AS x": "Neo.ClientError.Statement.TypeError",
            "CALL db.nope()": "Neo.ClientError.Procedure.ProcedureNotFound",
            "RETURN x": "Neo.ClientError.Statement.SyntaxError",
        }
        with driver() as d, d.session() as s:
            for query, code in cases.items():
                with self.assertRaises(ClientError, msg=query) as e:
                    s.run(query).consume()
                self.assertEqual(e.exception.code, code, query)

    def test_unsupported_parameter_type(self):
        with driver() as d, d.session() as s:
            with self.assertRaises(ClientError) as e:
                s.run("RETURN $b AS b", b=bytearray(b"xy")).consume()
            self.assertEqual(e.exception.code, "Neo.ClientError.Statement.TypeError")


class Procedures(unittest.TestCase):
    def test_introspection(self):
        with driver() as d, d.session() as s:
            labels = s.run("CALL db.labels() YIELD label RETURN collect(label) AS l").single()["l"]
            self.assertIn("Model", labels)
            types = s.run("CALL db.relationshipTypes()").value()
            self.assertIn("USES_PLATFORM", types)
            comp = s.run("CALL dbms.components() YIELD name, versions, edition").data()
            self.assertEqual(comp[0]["name"], "Neo4j Kernel")


class ReadOnly(unittest.TestCase):
    def test_write_is_forbidden(self):
        with driver(RO) as d, d.session() as s:
            with self.assertRaises(Forbidden) as e:
                s.run("CREATE (:Scratch {id: 'nope'})").consume()
            self.assertEqual(e.exception.code, "Neo.ClientError.Security.Forbidden")

    def test_reads_in_transactions_work(self):
        with driver(RO) as d:
            records, _, _ = d.execute_query("MATCH (m:Model) RETURN count(m) AS c")
            self.assertGreater(records[0]["c"], 0)
            with d.session() as s:
                with s.begin_transaction() as tx:
                    self.assertEqual(tx.run("RETURN 1 AS x").single()["x"], 1)
                    tx.commit()
                self.assertGreater(
                    s.execute_read(lambda tx: tx.run("MATCH (n) RETURN count(n) AS c").single()["c"]),
                    0,
                )
                with self.assertRaises(Forbidden):
                    s.execute_write(lambda tx: tx.run("CREATE ()").consume())


class Token(unittest.TestCase):
    def test_wrong_password_is_refused(self):
        with driver(TOKEN_URL, auth=("anyone", "wrong")) as d:
            with self.assertRaises(AuthError):
                d.verify_connectivity()

    def test_token_as_password(self):
        with driver(TOKEN_URL, auth=("anyone", TOKEN)) as d:
            records, _, _ = d.execute_query("RETURN 40 + 2 AS x")
            self.assertEqual(records[0]["x"], 42)


class Threads(unittest.TestCase):
    def test_eight_threads_with_their_own_sessions(self):
        errors = []
        counts = []
        with driver() as d:
            def worker(k):
                try:
                    with d.session() as s:
                        for i in range(25):
                            c = s.run(
                                "MATCH (m:Model) WHERE m.launched >= $y RETURN count(m) AS c",
                                y=2000 + (i + k) % 30,
                            ).single()["c"]
                            counts.append(c)
                except Exception as e:  # noqa: BLE001 - reported below
                    errors.append(e)

            threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(counts), 200)


if __name__ == "__main__":
    print(f"neo4j driver {neo4j.__version__}")
    unittest.main(argv=sys.argv[:1], verbosity=2)
