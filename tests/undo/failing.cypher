// Write statements that change the graph and then fail: each must leave it exactly as it was.
// One statement per line; `//` lines are comments.
UNWIND range(1, 20) AS i CREATE (:Temp {name: 'x', i: i}) WITH i MATCH (m {id: 'ariya'}) SET m.launched = 10 / (10 - i)
MATCH (n) WHERE n.id IN ['toyota', 'nissan'] DELETE n
MATCH (m:Model) DETACH DELETE m WITH count(*) AS c RETURN 1 / (c - c)
MATCH (m:Model) SET m:Fresh, m.extra = 5 REMOVE m.name WITH m RETURN 1 / (m.extra - 5)
MATCH (a {id: 'nissan'}), (b:Model) CREATE (a)-[:NEW_REL {w: 1}]->(b) WITH count(*) AS c RETURN 1 / (c - c)
MATCH (a)-[r]->(b) DELETE r WITH count(*) AS c RETURN 1 / (c - c)
MATCH (n {id: 'leaf'}) SET n.id = 'leaf-renamed', n.name = 'Other', n.launched = 99999999999 WITH n RETURN 1 / (n.launched - n.launched)
MERGE (x:Brand {name: 'New'}) ON CREATE SET x.k = 1 WITH x RETURN 1 / (x.k - 1)
MATCH (n) DETACH DELETE n CREATE (:Fresh {name: 'f'})-[:LINKS {since: 1}]->(:Fresh {name: 'g'}) WITH 1 AS one RETURN 1 / (one - 1)
MATCH (n:Model) REMOVE n:Model WITH count(*) AS c RETURN 1 / (c - c)
MATCH (n) WHERE n.name IS NOT NULL SET n.name = n.name + '!' WITH n MATCH (n)-[r]-() SET r.note = 'x' WITH count(*) AS c RETURN 1 / (c - c)
CREATE (a:Temp {name: 'a'}) DELETE a CREATE (b:Temp {name: 'b'})-[:T]->(c:Temp) WITH b, c MATCH (b)-[r:T]->(c) DELETE r, b, c WITH 1 AS one RETURN 1 / (one - 1)
MATCH (n {id: 'nissan'})-[r]->(m) DELETE r CREATE (n)-[:MAKES]->(m) WITH count(*) AS c RETURN 1 / (c - c)
