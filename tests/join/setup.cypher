// Hubs (:A) reach middle nodes (:B, :C) by X, Y and Z relationships, which reach targets
// (:T); some A-B and B-T pairs carry two parallel relationships, and Z runs both ways
// between A and C, so cycles share relationship types and relationship uniqueness matters.
UNWIND range(0, 29) AS i CREATE (:A {i: i, name: 'a' + i})
UNWIND range(0, 79) AS i CREATE (:B {i: i, w: i % 7})
UNWIND range(0, 49) AS i CREATE (:C {i: i})
UNWIND range(0, 119) AS i CREATE (:T {i: i, tag: CASE i % 4 WHEN 0 THEN 'red' WHEN 1 THEN 'blue' ELSE null END})
MATCH (a:A), (b:B) WHERE (a.i * 7 + b.i * 3) % 11 = 0 CREATE (a)-[:X {since: (a.i + b.i) % 30}]->(b)
MATCH (a:A), (b:B) WHERE (a.i + b.i) % 13 = 0 CREATE (a)-[:X {since: 99}]->(b)
MATCH (b:B), (t:T) WHERE (b.i * 5 + t.i) % 17 = 0 CREATE (b)-[:Y {w: b.i % 5}]->(t)
MATCH (b:B), (t:T) WHERE (b.i + t.i * 2) % 29 = 0 CREATE (b)-[:Y {w: 7}]->(t)
MATCH (a:A), (c:C) WHERE (a.i * 3 + c.i) % 7 = 0 CREATE (a)-[:Z]->(c)
MATCH (a:A), (c:C) WHERE (a.i + c.i * 5) % 9 = 0 CREATE (c)-[:Z]->(a)
MATCH (c:C), (t:T) WHERE (c.i * 2 + t.i) % 6 = 0 CREATE (c)-[:Y {w: c.i % 3}]->(t)
MATCH (a:A), (t:T) WHERE (a.i + t.i) % 10 = 0 CREATE (a)-[:X {since: 5}]->(t)
