// Which relationship types are most common?
MATCH ()-[r]->() RETURN type(r) AS type, count(*) ORDER BY count(*) DESC, type LIMIT 3
