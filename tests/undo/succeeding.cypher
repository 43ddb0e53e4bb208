// Write statements that succeed: after each, every derived structure must agree with the graph.
// One statement per line, run in order on one graph; `//` lines are comments.
MATCH (m:Model) DETACH DELETE m
MATCH (m:Model) SET m:Fresh, m.extra = 5 REMOVE m.name
MATCH (a {id: 'nissan'}), (b:Model) CREATE (a)-[:NEW_REL {w: 1}]->(b)
MATCH (a)-[r]->(b) DELETE r
MATCH (n {id: 'leaf'}) SET n.id = 'leaf-renamed', n.name = 'Other', n.launched = 99999999999
MERGE (x:Brand {name: 'New'}) ON CREATE SET x.k = 1
MATCH (n:Model) REMOVE n:Model
MATCH (n) WHERE n.name IS NOT NULL SET n.name = n.name + '!' WITH n MATCH (n)-[r]-() SET r.note = 'x'
CREATE (a:Temp {name: 'a'}) DELETE a CREATE (b:Temp {name: 'b'})-[:T]->(c:Temp) WITH b, c MATCH (b)-[r:T]->(c) DELETE r, b, c
MATCH (n {id: 'nissan'})-[r]->(m) DELETE r CREATE (n)-[:MAKES]->(m)
UNWIND range(1, 50) AS i CREATE (:Temp {name: 'n' + toString(i), i: i})-[:T {i: i}]->(:Other {id: 'o' + toString(i)})
MATCH (t:Temp) WHERE t.i % 2 = 0 DETACH DELETE t
UNWIND range(1, 10) AS i CREATE (:Temp {name: 'again' + toString(i), i: i * 1000000000000})
MATCH (o:Other) SET o:Temp, o.id = o.id + '-x'
MATCH (n) DETACH DELETE n
