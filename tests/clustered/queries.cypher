// Each statement gives the same rows with every pass on, with clustered-grouping,
// row-kernels or parallel-scan off, and with every pass off (tests/clustered.rs).
// `+ `: the clustered-grouping pass fires (and only there); `! `: the statement fails, with
// the same error every way.
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, count(q) AS c WHERE c > 14 RETURN count(*), sum(c)
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, p.name AS name, count(*) AS c, collect(q.i) AS qs WHERE c > 10 RETURN name, count(*), sum(size(qs)) ORDER BY name
+ MATCH (p:P)-[r:R]->(q:Q) RETURN p, p.i AS i, count(*) AS c, max(r.w) AS w ORDER BY c DESC, i LIMIT 10
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, avg(q.w) AS a WHERE a > 4.5 RETURN count(*), min(a)
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, count(*) AS c RETURN DISTINCT c ORDER BY c
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, p.g AS g, count(*) AS c WHERE c % 2 = 0 AND g <> 3 RETURN g, count(*) ORDER BY g
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, count(*) AS c, count(*) + 1 AS d WHERE d > 15 RETURN count(*), sum(d), sum(c)
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, collect(q.i) AS qs ORDER BY size(qs) DESC, p.i LIMIT 3 RETURN p.i, size(qs)
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, collect(q.i) AS qs, collect(q.i) AS again WHERE size(qs) > 15 RETURN count(*), sum(size(again))
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, count(*) AS c WHERE p.i % 3 = 0 AND c > 12 RETURN count(*)
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, count(*) AS c SKIP 5 LIMIT 100 WHERE c > 13 RETURN count(*)
+ MATCH (p:P)-[r:R]->(q:Q) WITH DISTINCT p, count(*) AS c WHERE c > 14 RETURN count(*)
+ MATCH (p:P)-[r:R]->(q:Q) WITH p, sum(r.w) AS s WHERE s > 30 RETURN count(*), max(s)
+ MATCH (p:P)-[:R]->(q:Q) WITH p, count(*) AS c WHERE c > 10 WITH p, c MATCH (p)-[:R]->(q2:Q) WITH p, c, count(q2) AS c2 WHERE c2 = c RETURN count(*)
+ MATCH (p:P) OPTIONAL MATCH (p)-[:R]->(q:Q {w: 3}) WITH p, count(q) AS c WHERE c = 0 RETURN count(*)
+ UNWIND [1, 2] AS x MATCH (p:P)-[:R]->(q:Q) WITH p, count(*) AS c WHERE c > 20 RETURN count(*), sum(c)
+ MATCH (p:P) WITH p LIMIT 40 MATCH (p)-[:R]->(q:Q) WITH p, count(*) AS c RETURN count(*), sum(c), max(c)
MATCH (p:P)-[r:R]->(q:Q) WITH p.name AS name, count(*) AS c WHERE c > 100 RETURN name, c ORDER BY name
MATCH (p:P)-[r:R]->(q:Q) WITH p, q.w AS w, count(*) AS c WHERE c > 1 RETURN w, count(*), sum(c) ORDER BY w
+ MATCH (q:Q {i: 3})<-[:R]-(p:P) WITH q, count(*) AS c RETURN c
MATCH (p:P)-[:R]->(q:Q) RETURN count(*)
! + MATCH (p:P)-[r:R]->(q:Q) WITH p, count(*) AS c WHERE c > 1 / 0 RETURN count(*)
MATCH (p:P)-[r:R]->(q:Q) RETURN DISTINCT q.w AS w, r.w AS rw ORDER BY w DESC, rw LIMIT 7
MATCH (p:P)-[r:R]->(q:Q) RETURN DISTINCT p.name AS name ORDER BY name SKIP 3 LIMIT 20
MATCH (p:P)-[r:R]->(q:Q) RETURN DISTINCT p.g AS g, q.w % 3 AS k ORDER BY g DESC, k
MATCH (p:P)-[r:R]->(q:Q) WHERE q.w > 2 RETURN DISTINCT p.i % 40 AS x ORDER BY x DESC
MATCH (p:P)-[r:R]->(q:Q) RETURN DISTINCT q.w AS w, q.i AS i ORDER BY w DESC, i
MATCH (p:P)-[r:R]->(q:Q) WHERE p.g < 3 RETURN DISTINCT p.name AS name, p.g AS g ORDER BY g DESC, name
MATCH (p:P)-[r:R]->(q:Q) RETURN q.w AS w, r.w AS rw ORDER BY w, rw DESC
MATCH (p:P)-[r:R]->(q:Q) WITH q.w AS w, count(*) AS c, sum(r.w) AS s RETURN w, c, s ORDER BY w
MATCH (p:P)-[r:R]->(q:Q) WITH p.g AS g, collect(q.i) AS qs RETURN g, size(qs) ORDER BY g
MATCH (p:P) OPTIONAL MATCH (p)-[:R]->(q:Q {i: 7}) WITH q.w AS w, count(*) AS c RETURN w, c ORDER BY w
