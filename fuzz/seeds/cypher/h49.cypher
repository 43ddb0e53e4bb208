// comment
MATCH /* block */ (n) RETURN n.name; 