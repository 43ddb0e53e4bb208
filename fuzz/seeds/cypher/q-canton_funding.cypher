// Is at least $500M going into a US plant?
MATCH (i:Investment)-[:FUNDS]->(p:Plant)-[:LOCATED_IN]->(:Region)-[:LOCATED_IN]->(:Region {name: 'US'})
RETURN p.name, i.amount >= 500000000 AS at_least_500m, i.currency
