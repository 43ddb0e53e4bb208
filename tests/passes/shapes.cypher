// Statements each optimisation pass changes; one a line, run on the Nissan graph with every
// pass on, with each pass off in turn and with all off: the answers must not change.
MATCH (m:Model) WHERE m.launched >= 2020 RETURN count(m)
MATCH (m:Model) WHERE 2020 > m.launched AND m.launched <> 2010 RETURN count(*)
MATCH (m:Model) RETURN count(m)
MATCH ()-[r]->() RETURN type(r), count(*) ORDER BY type(r)
MATCH ()<-[r:MAKES]-() RETURN count(r)
MATCH (c:Company)-[:MAKES]->(m)-[r]->(x) RETURN c.name, count(*) AS n ORDER BY c.name
MATCH (c)-[:MAKES]->(m:Model)-[:USES_PLATFORM]->(p) RETURN p.name, count(m) AS n ORDER BY p.name
MATCH (n) WHERE n.id = 'nissan' MATCH (n)-[r]->(x) RETURN type(r), x.id ORDER BY type(r), x.id
MATCH (n) WHERE n.name = 'Nissan LEAF' RETURN n.id
MATCH (a)-[r]->(b) WHERE b.id = 'ariya' AND a.name STARTS WITH 'N' RETURN a.id, type(r) ORDER BY a.id, type(r)
MATCH (x)-[:MAKES]->(m), (c:Company {id: 'nissan'}) WHERE (c)-[:MAKES]->(m) RETURN m.id ORDER BY m.id
MATCH (a)-[*1..2]-(b:Model) WHERE a.id = 'nissan' RETURN count(DISTINCT b)
MATCH (a:Company)-->(b)-->(c) RETURN a.id, count(*) AS n ORDER BY a.id
MATCH (n) WHERE n.launched > 2015 OR n.name =~ 'Nissan.*' RETURN n.id ORDER BY n.id
MATCH (n) WHERE NOT (n.launched >= 2010) RETURN count(*)
MATCH (n) WHERE n.launched * 1.5 > 3020.5 AND n.launched % 2 = 0 RETURN n.id ORDER BY n.id
MATCH (n) WHERE n.name < 'M' AND n.launched IS NULL RETURN count(*)
MATCH (n) WHERE n.launched = '2010' OR n.name = 2010 RETURN count(*)
MATCH (n) WHERE n.name IN ['Nissan LEAF', null] RETURN count(*)
MATCH (n) WHERE n.id IN ['leaf', 'ariya'] XOR n.value > 1 RETURN n.id ORDER BY n.id
MATCH (n) WHERE n.aliases = ['LEAF'] OR n.value IS NOT NULL RETURN n.id ORDER BY n.id
MATCH (n)-[r]->(m) WHERE r.quote CONTAINS 'battery' AND m.name ENDS WITH 'y' RETURN n.id, type(r), m.id ORDER BY n.id, m.id
MATCH (n) WHERE -n.value < -40 RETURN n.id ORDER BY n.id
UNWIND range(1, 3000) AS x WITH x WHERE x % 7 = 0 RETURN count(*), sum(x), min(x), max(x)
UNWIND range(200, -50, -3) AS x WITH x, x * 2 AS y WHERE y > 10 AND x % 5 <> 0 RETURN x, y
MATCH (n) WHERE n.launched IS NOT NULL UNWIND range(1, 100) AS k WITH n, k WHERE k > n.launched - 1990 RETURN n.id, count(k) AS c ORDER BY n.id
UNWIND [1, 2.5, 'a', null, 3, [4], 5] + range(1, 80) AS x WITH x WHERE x IS NOT NULL AND x = 3 RETURN count(*)
UNWIND range(1, 100) AS i UNWIND range(1, i) AS j WITH i, j WHERE (i + j) % 10 = 0 RETURN count(*), sum(i * j)
UNWIND range(1, 90) AS i WITH i, toString(i) AS s WHERE s STARTS WITH '8' RETURN collect(s) AS c
UNWIND range(1, 500) AS x MATCH (n {launched: 2000 + x}) RETURN n.id, x ORDER BY n.id
UNWIND range(1, 200) AS x WITH DISTINCT x % 9 AS r RETURN r ORDER BY r
UNWIND range(1, 200) AS x WITH x SKIP 150 WITH x WHERE x % 2 = 0 RETURN collect(x)
MATCH (a:Company)-->(x)-->(c), (a)-->(y)-->(c) RETURN a.id, x.id, y.id, c.id ORDER BY a.id, x.id, y.id, c.id
MATCH (a:Company)-->(x)-->(c), (c)<--(y)<--(a) RETURN a.id, x.id, y.id, c.id ORDER BY a.id, x.id, y.id, c.id
MATCH (a:Company)-[r]->(x)-->(c), (a)-[s]->(y)-[u]->(c) WHERE u.quote CONTAINS 'e' RETURN a.id, type(s), type(u), c.id ORDER BY a.id, type(s), type(u), c.id
MATCH (a:Company)-[:BUILDS|OPERATES]->(p:Plant)-->(t), (a)-[r]->(z)-[s]->(t) WHERE type(r) <> 'BUILDS' AND s.quote IS NOT NULL RETURN a.id, p.id, z.id, t.id ORDER BY a.id, p.id, z.id, t.id
MATCH (a:Company)-->(x)-->(c), (a)-->(y)-->(w)-->(c) RETURN count(*) AS n, count(DISTINCT w) AS w
MATCH p = (a:Company)-->(x)-->(c), (a)-->(y)-->(c) RETURN length(p), count(*) AS n
MATCH (a:Company)-->(x)-->(c), (a)-->(y)-->(c) WHERE y.id > x.id RETURN count(*)
MATCH (a:Company) OPTIONAL MATCH (a)-->(x)-->(c), (a)-->(y)-->(c) RETURN a.id, collect(DISTINCT c.id) AS cs, count(y) AS n ORDER BY a.id
UNWIND range(1, 300) AS x WITH x, 7 AS k, 'a' AS s WHERE x % k = 0 RETURN count(*), sum(x), collect(DISTINCT s)
MATCH (n) WITH n, 1 AS one, n.id AS id RETURN id, sum(one) AS c ORDER BY id
UNWIND range(1, 200) AS x WITH x, x * 2 AS y, 'z' AS z RETURN x % 5 AS k, count(*), sum(y), min(z) ORDER BY k
MATCH (c:Company)-[:MAKES]->(m) WITH c, count(m) AS n WHERE n > 1 RETURN c.id, n ORDER BY c.id
MATCH (c)-[r]->(m:Model) WITH c, c.name AS name, collect(m.id) AS ms, count(*) AS k WHERE size(ms) >= 1 RETURN name, size(ms), k ORDER BY name
MATCH (c:Company)-[:MAKES]->(m:Model) RETURN DISTINCT c.name ORDER BY c.name
MATCH (m:Model)-[r]->(x) RETURN DISTINCT type(r) AS t, r.since IS NULL AS open ORDER BY t, open
MATCH (m)-[r]->(x) WITH DISTINCT x, labels(x) AS l WHERE size(l) > 0 RETURN count(*)
MATCH (m)-[]->(x) RETURN DISTINCT x.name + '!' AS n, CASE WHEN x.launched > 2015 THEN 'new' ELSE 'old' END AS age ORDER BY n LIMIT 7
MATCH (m)-[]->(x) RETURN DISTINCT x.name, m.name ORDER BY x.name, m.name LIMIT 5
OPTIONAL MATCH (m:Nothing)-[]->(x) RETURN DISTINCT x.name
