// Where does the model launched in 2010 lead? (WHERE on a node bound by an earlier clause)
MATCH (a:Model) WITH a MATCH (a)-->(b) WHERE a.launched = 2010 RETURN a.name, b.name
