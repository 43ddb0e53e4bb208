//! Subgraph export: what a query touched, as JSON (the graph file format) and other formats.
