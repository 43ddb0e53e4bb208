"""Drives `evroad mcp` with the official MCP Python SDK over stdio, then with raw JSON-RPC lines.

Usage: python .ci/mcp-client.py PATH/TO/evroad
Exits non-zero on the first failed check.
"""

import asyncio
import json
import subprocess
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

EVROAD = sys.argv[1]
TOOLS = {"get_schema", "read_cypher", "why", "explain_path", "timeline", "describe",
         "neighbors", "export_subgraph"}


def check(cond, what):
    if not cond:
        raise SystemExit(f"FAIL: {what}")
    print(f"ok: {what}")


def text_of(result):
    return "".join(c.text for c in result.content if c.type == "text")


async def sdk_session(args, body):
    params = StdioServerParameters(command=EVROAD, args=args)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await body(session)


async def read_only(session):
    init = await session.initialize()
    check(init.server_info.name == "evroad", "initialize names the server")
    tools = {t.name: t for t in (await session.list_tools()).tools}
    check(set(tools) == TOOLS, f"tools/list offers the read tools: {sorted(tools)}")
    for name, tool in tools.items():
        schema = tool.input_schema
        check(schema["type"] == "object" and "properties" in schema and tool.description,
              f"{name} has an object input schema and a description")
    check(tools["read_cypher"].input_schema["required"] == ["query"], "read_cypher requires query")
    check(tools["why"].input_schema["required"] == ["about"], "why requires about")

    r = await session.call_tool("get_schema", {})
    schema_text = text_of(r)
    check(not r.is_error and "USES_PLATFORM" in schema_text and "(:Model)" in schema_text,
          "get_schema lists labels and relationship patterns")
    check("Which models share the CMF-EV platform?" in schema_text,
          "get_schema carries the README's example questions")
    small = await session.call_tool("get_schema", {"max_chars": 400})
    check(len(text_of(small)) < 600 and "cut at 400 characters" in text_of(small),
          "get_schema keeps to its character budget and says so")

    r = await session.call_tool("read_cypher", {
        "query": "MATCH (m:Model)-[:USES_PLATFORM]->(:Platform {name: $p}) RETURN m.name AS m ORDER BY m",
        "params": {"p": "CMF-EV"}})
    s = r.structured_content
    check(not r.is_error and s["rows"] == [["Nissan Ariya"], ["Renault Megane E-Tech"]],
          "read_cypher: the CMF-EV models")
    r = await session.call_tool("read_cypher", {"query": "MATCH (m:Model {id: 'leaf'}) RETURN m.launched"})
    check(r.structured_content["rows"] == [[2010]], "read_cypher: the LEAF launched in 2010")

    r = await session.call_tool("read_cypher", {"query": "MATCH (m:Model RETURN m"})
    err = r.structured_content["error"]
    check(r.is_error and err["type"] == "SyntaxError" and err["line"] == 1 and err["column"] == 16,
          f"a syntax error is a tool error with its position: {err}")
    r = await session.call_tool("read_cypher", {"query": "MATCH (m:Model) DETACH DELETE m"})
    check(r.is_error and r.structured_content["error"]["type"] == "Forbidden",
          "a write through read_cypher is refused")
    r = await session.call_tool("read_cypher", {"query": "MATCH (m:Model) RETURN count(m)"})
    check(r.structured_content["rows"] == [[6]],
          "the refused write changed nothing (still 6 models)")
    r = await session.call_tool("read_cypher", {"query": "UNWIND range(1, 1000000) AS i RETURN i, 'x' + toString(i) AS s"})
    s = r.structured_content
    check(not r.is_error and s["truncated"] and "cut at" in s["note"] and len(s["rows"]) == 100,
          f"a huge result is cut with a note: {s.get('note')}")
    r = await session.call_tool("read_cypher", {"query": "UNWIND range(1, 900) AS i RETURN i, reduce(s = '', j IN range(1, 60) | s + 'x') AS pad", "max_rows": 900})
    s = r.structured_content
    check(s["truncated"] and "characters" in s["note"], "the character cap cuts too, and says so")

    r = await session.call_tool("why", {"about": "(battery-gigafactory)-[:NEAR]->(sunderland plant)"})
    rel = r.structured_content["relationships"][0]
    check(rel["sources"][0]["quote"] == "a battery gigafactory near its Sunderland plant"
          and rel["sources"][0]["section"] == "4. Localization and Production",
          "why: the Sunderland gigafactory and its verbatim quote")
    r = await session.call_tool("why", {"about": "(nissan)-[:MAKES]>(leaf)"})
    check(r.is_error and r.structured_content["error"]["column"] == 18, "why: a bad pattern has a position")
    r = await session.call_tool("explain_path", {"from": "renault", "to": "ariya"})
    steps = r.structured_content["paths"][0]
    check(any("Renault" in s["text"] for s in steps), "explain_path: sentences with sections")
    r = await session.call_tool("timeline", {"from_year": 2010, "to_year": 2010})
    ev = r.structured_content["events"]
    check(ev[0]["text"] == "Nissan LEAF launched" and "2010" in ev[0]["source"]["quote"],
          "timeline: the LEAF's launch year with its quote")
    r = await session.call_tool("describe", {"entity": "aryia"})
    d = r.structured_content
    check(d["node"]["id"] == "ariya" and d["notes"], "describe: a misspelling is taken and noted")
    r = await session.call_tool("describe", {"entity": "zzzz"})
    check(r.is_error, "describe: an unknown name is a tool error")
    r = await session.call_tool("neighbors", {"entity": "cmf-ev", "type": "USES_PLATFORM"})
    others = sorted(l["other"]["id"] for l in r.structured_content["links"])
    check(others == ["ariya", "renault-megane-e-tech"], "neighbors: the CMF-EV models")
    r = await session.call_tool("export_subgraph", {"query": "MATCH p = (:Platform {id: 'cmf-ev'})--() RETURN p"})
    g = json.loads(text_of(r))
    check(len(g["nodes"]) == 4 and len(g["relationships"]) == 3, "export_subgraph: the graph-file JSON")

    res = (await session.list_resources()).resources
    uris = [str(x.uri) for x in res]
    check("evroad://schema" in uris and "evroad://document/nissans-ev-road" in uris,
          "resources: the schema and the source document")
    doc = await session.read_resource("evroad://document/nissans-ev-road/section/4")
    check("battery gigafactory near its Sunderland plant" in doc.contents[0].text,
          "resources: a section of the document holds the quote")


async def writes(session):
    await session.initialize()
    names = {t.name for t in (await session.list_tools()).tools}
    check("write_cypher" in names, "--allow-writes offers write_cypher")
    r = await session.call_tool("write_cypher", {"query": "CREATE (:Model {id: 'concept', name: 'Concept'})"})
    check(not r.is_error and r.structured_content["stats"]["nodes_created"] == 1, "write_cypher returns counters")
    r = await session.call_tool("write_cypher", {"query": "CREATE (:Model {id: 'half', name: 'Half'}) WITH 1 AS x RETURN 1 / 0"})
    check(r.is_error, "a failing write is a tool error")
    r = await session.call_tool("read_cypher", {"query": "MATCH (m:Model) WHERE m.id IN ['concept', 'half'] RETURN m.id"})
    check(r.structured_content["rows"] == [["concept"]], "writes are atomic: the failed one left nothing")


def raw_protocol():
    p = subprocess.Popen([EVROAD, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def send(line):
        p.stdin.write(line + "\n")
        p.stdin.flush()
        return json.loads(p.stdout.readline())

    check(send("this is not json")["error"]["code"] == -32700, "malformed JSON gets a parse error")
    check(send('{"jsonrpc": "2.0", "id": 1}')["error"]["code"] == -32600, "no method: invalid request")
    check(send('[{"jsonrpc": "2.0", "id": 1, "method": "ping"}]')["error"]["code"] == -32600, "a batch: invalid request")
    r = send('{"jsonrpc": "2.0", "id": 2, "method": "no/such/method"}')
    check(r["error"]["code"] == -32601 and r["id"] == 2, "an unknown method gets method-not-found")
    r = send('{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "describe", "arguments": {"entity": "leaf"}}}')
    check(r["result"]["structuredContent"]["node"]["properties"]["launched"] == 2010, "the server keeps serving")
    p.stdin.close()
    check(p.wait(timeout=30) == 0, "closing stdin ends the server with status 0")


asyncio.run(sdk_session(["mcp"], read_only))
asyncio.run(sdk_session(["mcp", "--allow-writes"], writes))
raw_protocol()
print("mcp client test: all checks passed")
