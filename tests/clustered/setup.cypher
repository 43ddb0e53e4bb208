// 3,000 :P nodes each reach 6 to 28 of 200 :Q nodes by R (about 51,000 relationships, so a
// MATCH over them is estimated large enough to split between the cores), some :P reach
// none; names repeat every 50 nodes, so a key read from a node is not the node.
UNWIND range(0, 2999) AS i CREATE (:P {i: i, name: 'p' + (i % 50), g: i % 7})
UNWIND range(0, 199) AS i CREATE (:Q {i: i, w: i % 9})
MATCH (p:P), (q:Q) WHERE p.i % 97 <> 5 AND (p.i * 7 + q.i * (1 + p.i % 3)) % 29 < 1 + p.i % 4 CREATE (p)-[:R {w: (p.i + q.i) % 5}]->(q)
