// How is Renault connected to the Ariya?
MATCH p = shortestPath((:Company {id: 'renault'})-[*]-(:Model {id: 'ariya'}))
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS via
