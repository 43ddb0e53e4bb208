// Which entity is called ASSB?
MATCH (n) WHERE 'ASSB' IN n.aliases RETURN n.id
