// A graph whose property columns hold every case: one type per key with other types spilled
// to the arena (k), nulls, strings, floats, and relationship properties. 3,000 nodes, so
// grouping and sorting run over several batches.
UNWIND range(0, 2999) AS i CREATE (:T {i: i, k: CASE i % 5 WHEN 0 THEN i % 7 WHEN 1 THEN toFloat(i % 7) WHEN 2 THEN 'x' + (i % 3) WHEN 3 THEN null ELSE [i % 2] END, v: i % 11, f: (i % 13) / 4.0, s: 'n' + (i % 17), b: i % 3 = 0})
UNWIND range(0, 99) AS i CREATE (:H {i: i, name: 'h' + (i % 9)})
MATCH (t:T), (h:H) WHERE t.i % 100 = h.i CREATE (t)-[:AT {w: t.i % 4, tag: CASE WHEN t.i % 6 = 0 THEN 'even' ELSE null END}]->(h)
CREATE (:B {x: 9223372036854775000}), (:B {x: 1000}), (:B {x: -5}), (:B {y: 1})
MATCH (t:T), (h:H {i: 0}) WHERE t.i < 300 CREATE (h)-[:HAS {w: t.i % 4, k: CASE t.i % 5 WHEN 0 THEN t.i % 7 WHEN 1 THEN toFloat(t.i % 7) WHEN 2 THEN 'x' + (t.i % 3) WHEN 3 THEN null ELSE [t.i % 2] END, tag: CASE WHEN t.i % 6 = 0 THEN 'even' ELSE null END}]->(t)
MATCH (t:T), (h:H {i: 1}) WHERE t.i >= 200 CREATE (h)-[:MANY {w: t.i % 5, tag: CASE WHEN t.i % 4 = 0 THEN 'q' ELSE null END}]->(t)
