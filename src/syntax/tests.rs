//! Unit tests for the parser: AST shapes, spans and error positions.
