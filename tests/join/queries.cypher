// One statement a line. `+ ` before a statement: the hash-join pass must fire on it.
// Two chains from the same hub to the same target (the G31 shape).
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z]->(c:C)-[:Y]->(t) RETURN count(*)
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z]->(c:C)-[:Y]->(t) RETURN a.i, b.i, c.i, t.i
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (t)<-[:Y]-(c:C)<-[:Z]-(a) RETURN a.i, t.i, count(*) AS n ORDER BY n DESC, a.i, t.i LIMIT 15
// The same types on both sides: the join must keep relationship uniqueness.
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:X]->(b2:B)-[:Y]->(t) RETURN count(*), count(DISTINCT b2)
+ MATCH (a:A)-[r]->(b)-[s]->(t:T), (a)-[u]->(b2)-[v]->(t) RETURN a.i, b.i, b2.i, t.i, type(u)
+ MATCH (a:A)-->(b)-->(t:T), (a)-->(b2)-->(t) WHERE a.i < 10 WITH a, t, b2 ORDER BY b2.i RETURN a.i, t.i, collect(b2.i) AS bs ORDER BY a.i, t.i
// Predicates on the joined pattern's own nodes and relationships, and on its start.
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[z:Z]->(c:C)-[y:Y]->(t) WHERE y.w > 0 AND c.i % 2 = 0 AND a.i > 3 RETURN a.i, c.i, t.i, y.w
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[x:X]->(b2:B)-[:Y]->(t) WHERE x.since < 20 AND b2.w <> 3 RETURN count(*), sum(b2.i)
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z]->(c:C)-[:Y]->(t {tag: 'red'}) RETURN count(*)
// Three hops, a named path, a longer first pattern, OPTIONAL MATCH, a WITH in front.
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z]->(c:C)<-[:Z]-(a2:A)-[:X]->(t) RETURN count(*), count(DISTINCT a2)
+ MATCH p = (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z]->(c:C)-[:Y]->(t) RETURN length(p), nodes(p)[0].i AS a, count(*) AS n ORDER BY a, n
+ MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T) OPTIONAL MATCH (a)-[:X]->(x:B), (x)-[:Y]->(t2:T)<-[:Y]-(b) RETURN a.i, count(t2) AS n ORDER BY a.i
+ MATCH (a:A) WHERE a.i % 3 = 0 WITH a MATCH (a)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z]->(c:C)-[:Y]->(t) RETURN a.i, count(*) AS n ORDER BY a.i
// Not joined: a predicate reads the first pattern's inner node; a variable-length hop; the
// bound node sits inside the longer pattern (planned after the shorter one), not at its end.
MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z]->(c:C)-[:Y]->(t) WHERE c.i > b.i RETURN count(*)
MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T), (a)-[:Z*1..2]-(c:C)-[:Y]->(t) RETURN count(*)
MATCH (a:A)-[:X]->(b:B)-[:Y]->(t:T)<-[:X]-(a3:A), (a)-[:Z]->(c:C)-[:Y]->(t) RETURN count(*)
