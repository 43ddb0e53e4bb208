// Which technologies Nissan develops have a dated target?
MATCH (:Company {id: 'nissan'})-[:DEVELOPS]->(t:Technology)
OPTIONAL MATCH (t)<-[:APPLIES_TO]-(g:Target)
RETURN t.name, g.year
