"""LangChain's Neo4jGraph against `evroad serve --bolt` (run by .ci/bolt.sh).

Usage: python langchain_test.py BOLT_URL   (a read-only server without a token)
"""

import sys
import unittest

from langchain_neo4j import Neo4jGraph

URL = sys.argv[1]


class LangChain(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Connecting runs refresh_schema(): apoc.meta.data through managed transactions.
        cls.graph = Neo4jGraph(url=URL, username="neo4j", password="unused")

    @classmethod
    def tearDownClass(cls):
        cls.graph.close()

    def test_structured_schema_describes_the_nissan_graph(self):
        s = self.graph.get_structured_schema
        self.assertIn("Model", s["node_props"])
        model = {p["property"]: p["type"] for p in s["node_props"]["Model"]}
        self.assertEqual(model["name"], "STRING")
        self.assertEqual(model["launched"], "INTEGER")
        self.assertIn("USES_PLATFORM", s["rel_props"])
        self.assertIn(
            {"start": "Model", "type": "USES_PLATFORM", "end": "Platform"},
            s["relationships"],
        )

    def test_refresh_schema_and_text_schema(self):
        self.graph.refresh_schema()
        self.assertIn("Node properties:", self.graph.schema)
        self.assertIn("(:Model)-[:USES_PLATFORM]->(:Platform)", self.graph.schema)

    def test_query(self):
        rows = self.graph.query(
            "MATCH (m:Model)-[:USES_PLATFORM]->(p:Platform {id: $p}) RETURN m.name AS model ORDER BY model",
            {"p": "cmf-ev"},
        )
        self.assertEqual(
            rows, [{"model": "Nissan Ariya"}, {"model": "Renault Megane E-Tech"}]
        )


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
