"""A scripted, local LLM server speaking the Anthropic Messages and OpenAI Chat Completions APIs.

Tests (and the offline demo) point the real ``anthropic`` / ``openai`` SDKs at it through
``base_url``; nothing is mocked, every byte crosses a real socket.

Usage::

    server = LLMServer().start()            # or the ``llm_server`` pytest fixture
    server.script(Reply(answer="Done.", reasoning="Let me think.", shape="reasoning_content"))
    client = openai.OpenAI(base_url=server.openai_base_url, api_key="k", max_retries=0)
    ...
    server.requests[-1].body["model"]       # what the SDK sent
    server.close()

Endpoints: ``POST /v1/messages`` (Anthropic) and ``POST /v1/chat/completions`` (OpenAI); the
paths also answer without the ``/v1`` prefix, so ``base_url`` may be the root or ``.../v1``.
Both stream (SSE, chunked transfer encoding) when the request body says ``"stream": true``.

Each request pops the next scripted :class:`Reply` from the queue. When the queue is empty the
server answers HTTP 418 with a message saying so, a status no client retries, so a test that
makes an unexpected call fails loudly (unless a ``default`` reply is given). Both
``x-api-key`` and ``Authorization: Bearer`` are accepted; a request with neither gets 401.
Every request is recorded in ``.requests``.

Adaptive-thinking Claude models: the server keeps Anthropic's request rules for the model ids in
``.adaptive`` (id -> accepted ``thinking.type`` values; ``ADAPTIVE_MODELS`` holds the documented
ones, off unless a test passes them in). Such a request is refused with Anthropic's 400 shape,
before any scripted reply is used, when it sends ``thinking.type`` "enabled" (or another type the
model does not take), ``budget_tokens``, a non-default ``temperature``/``top_p``/``top_k``, or an
unknown ``output_config.effort``/``thinking.display``. Unless ``thinking.display`` is "summarized",
its thinking blocks come back with empty text, as the API's default "omitted" does.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl

# accepted thinking.type per model id (checked 2026-11): platform.claude.com/docs/.../build-with-claude/
# thinking-troubleshooting, models/sonnet-5/overview, whats-new-sonnet-5-5, whats-new-opus-5-5
ADAPTIVE_MODELS: dict[str, frozenset[str]] = {
    "claude-sonnet-5": frozenset({"adaptive", "disabled"}),
    "claude-opus-5": frozenset({"adaptive", "disabled"}),
    "claude-sonnet-5-5": frozenset({"adaptive", "between_tools"}),
    "claude-opus-5-5": frozenset({"adaptive"}),
}
EFFORTS = ("low", "medium", "high", "xhigh", "max")
DISPLAYS = ("summarized", "omitted")
_SAMPLING_DEFAULTS = {"temperature": 1.0, "top_p": None, "top_k": None}  # None: any value is refused

ReasoningShape = Literal["reasoning_content", "reasoning", "think", "think_no_open", "none"]
"""How an OpenAI-style stream carries reasoning (Anthropic always uses thinking blocks).

``reasoning_content``: DeepSeek field; ``reasoning``: OpenRouter field; ``think``: inline
``<think>...</think>`` in the content; ``think_no_open``: only the closing ``</think>`` appears;
``none``: the reasoning is not sent at all (only counted in usage, as OpenAI o-series do).
"""


@dataclass
class Reply:
    """One scripted response. Defaults give a plain successful answer."""

    answer: str = "OK"
    reasoning: str = ""
    shape: ReasoningShape = "reasoning_content"
    input_tokens: int = 20
    cached_input_tokens: int = 0
    output_tokens: int | None = None  # default: a word count of reasoning + answer
    reasoning_tokens: int | None = None  # default: word count of the reasoning
    usage: bool = True  # False: no usage at all (llama.cpp style)
    stop_reason: str | None = None  # default: end_turn / stop
    chunk_chars: int = 12  # characters per streamed delta
    delay_s: float = 0.0  # sleep before each streamed chunk
    stall_after_chunks: int | None = None  # stop sending (keep the socket open) after N chunks
    stall_s: float = 30.0
    keepalive_s: float | None = None  # during that stall, an Anthropic `ping` every this many seconds
    drop_after_chunks: int | None = None  # close the connection mid-stream after N chunks
    endless_reasoning: str | None = None  # repeat this reasoning text until the client hangs up
    endless: Literal["reasoning", "answer"] | None = None  # never-repeating text of that kind, forever
    status: int = 200  # non-200: an error response
    error_type: str = "api_error"
    error_message: str = "scripted error"
    retry_after: str | None = None
    malformed: bool = False  # send broken JSON (a broken SSE data line when streaming)
    not_utf8: bool = False  # a 200 whose body (or first streamed delta) carries bytes that are not UTF-8
    stream_error: str | None = None  # Anthropic: an `event: error` of this type after the first chunk
    headers: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def error(
        status: int,
        message: str = "scripted error",
        *,
        error_type: str | None = None,
        retry_after: str | None = None,
    ) -> Reply:
        kind = error_type or {
            429: "rate_limit_error",
            529: "overloaded_error",
            401: "authentication_error",
            400: "invalid_request_error",
            404: "not_found_error",
        }.get(status, "api_error")
        return Reply(status=status, error_message=message, error_type=kind, retry_after=retry_after)

    def words(self, text: str) -> int:
        return len(text.split())


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: Any  # parsed JSON (or the raw text when it did not parse)
    at: float = field(default_factory=time.time)  # when the request arrived (epoch seconds)

    @property
    def api_key(self) -> str | None:
        if "x-api-key" in self.headers:
            return self.headers["x-api-key"]
        auth = self.headers.get("authorization", "")
        return auth[7:] if auth.lower().startswith("bearer ") else None


class LLMServer:
    """The scripted server; see the module docstring."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        default: Reply | None = None,
        adaptive: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.default = default  # played when the queue is empty (standalone use); None: answer 418
        self.adaptive = dict(adaptive or {})  # model id -> accepted thinking.type (see module docstring)
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        # what a server says about itself, by path ("/v1/models", "/props", "/api/show", "/api/ps",
        # "/api/generate"): a payload, or a function of the query's parameters (for pages); answered
        # to GET and POST alike (other GETs are 404) and recorded in ``asked``, apart from ``requests``
        self.info: dict[str, Any] = {}
        self.asked: list[RecordedRequest] = []
        self.closing = threading.Event()
        handler = type("_BoundHandler", (_Handler,), {"llm": self})
        self._httpd = ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.05,), name="llm-server", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def openai_base_url(self) -> str:
        return self.base_url + "/v1"

    def start(self) -> LLMServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def script(self, *replies: Reply | str) -> LLMServer:
        """Queue replies (a bare string is shorthand for ``Reply(answer=s)``)."""
        with self._lock:
            self._queue.extend(Reply(answer=r) if isinstance(r, str) else r for r in replies)
        return self

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self.requests.clear()

    @property
    def pending(self) -> int:
        return len(self._queue)

    def _next(self, request: RecordedRequest) -> Reply | None:
        with self._lock:
            self.requests.append(request)
            return self._queue.popleft() if self._queue else self.default

    def refusal(self, body: Any) -> str | None:
        """Why Anthropic would answer this Messages request with a 400; None when it would not."""
        if not isinstance(body, dict) or str(body.get("model")) not in self.adaptive:
            return None
        accepted = self.adaptive[str(body["model"])]
        thinking = body.get("thinking")
        if isinstance(thinking, dict):
            kind = thinking.get("type")
            if kind not in accepted:
                return (
                    f'"thinking.type.{kind}" is not supported for this model. Use "thinking.type.adaptive" '
                    'and "output_config.effort" to control thinking behavior.'
                )
            if "budget_tokens" in thinking:
                return "thinking.budget_tokens: Extra inputs are not permitted"
            if thinking.get("display", "omitted") not in DISPLAYS:
                return f"thinking.display: Input should be {' or '.join(DISPLAYS)}"
        for knob, default in _SAMPLING_DEFAULTS.items():
            if knob in body and (default is None or body[knob] != default):
                return f"`{knob}` is deprecated for this model."
        config = body.get("output_config")
        if isinstance(config, dict) and "effort" in config and config["effort"] not in EFFORTS:
            return f"output_config.effort: Input should be {', '.join(EFFORTS)}"
        return None

    def omits_thinking(self, body: Any) -> bool:
        """An adaptive model returns empty thinking text unless the request asks for the summary."""
        if not isinstance(body, dict) or str(body.get("model")) not in self.adaptive:
            return False
        thinking = body.get("thinking")
        return not (isinstance(thinking, dict) and thinking.get("display") == "summarized")

    def __enter__(self) -> LLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Handler(BaseHTTPRequestHandler):
    llm: LLMServer
    protocol_version = "HTTP/1.1"
    omit_thinking = False  # this request's thinking blocks carry no text (display "omitted")

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    # ---- entry ----
    def do_GET(self) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        self._info(RecordedRequest("GET", self.path, headers, None))

    def _info(self, request: RecordedRequest) -> None:
        self.llm.asked.append(request)
        path, _, query = self.path.partition("?")
        if path in self.llm.info:
            answer = self.llm.info[path]  # a payload, or a function of the query (pages)
            self._json(200, answer(dict(parse_qsl(query))) if callable(answer) else answer)
        else:
            self._json(404, {"error": {"type": "not_found_error", "message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw
        headers = {k.lower(): v for k, v in self.headers.items()}
        if self.path.split("?")[0] in self.llm.info:
            self._info(RecordedRequest("POST", self.path, headers, body))
            return
        path = self.path.split("?")[0]
        if path.startswith("/v1/"):
            path = path[3:]
        request = RecordedRequest("POST", self.path, headers, body)
        api = {"/messages": "anthropic", "/chat/completions": "openai"}.get(path)
        if api is None:  # not a model call: what a server says about itself, or 404
            self._info(request)
            return
        if request.api_key is None:
            self.llm.requests.append(request)
            self._json(401, _error_body(api, "authentication_error", "missing API key"))
            return
        refused = self.llm.refusal(body) if api == "anthropic" else None
        if refused is not None:  # checked before the script, as the API checks before generating
            self.llm.requests.append(request)
            self._json(400, _error_body(api, "invalid_request_error", refused))
            return
        self.omit_thinking = api == "anthropic" and self.llm.omits_thinking(body)
        reply = self.llm._next(request)
        if reply is None:
            self._json(
                418, _error_body(api, "invalid_request_error", "llm test server: no scripted reply left")
            )
            return
        if reply.status != 200:
            extra = {"retry-after": reply.retry_after} if reply.retry_after else {}
            self._json(reply.status, _error_body(api, reply.error_type, reply.error_message), extra)
            return
        stream = isinstance(body, dict) and bool(body.get("stream"))
        model = str(body.get("model", "model")) if isinstance(body, dict) else "model"
        if not stream and reply.stall_after_chunks is not None:
            self.llm.closing.wait(reply.stall_s)  # nothing at all arrives for a while
        if not stream and reply.drop_after_chunks is not None:
            self._drop_whole(api, reply, model)
            return
        if reply.malformed and not stream:
            self._send(200, b'{"id": "broken", "choices": [', "application/json")
            return
        if reply.not_utf8 and not stream:
            self._send(200, b'{"id": "x", "answer": "caf\xe9 \xff\xfe"}', "application/json")
            return
        if api == "anthropic":
            self._anthropic_stream(reply, model) if stream else self._json(
                200, _anthropic_message(reply, model, self.omit_thinking)
            )
        else:
            self._openai_stream(reply, model) if stream else self._json(200, _openai_message(reply, model))

    # ---- plain responses ----
    def _json(self, status: int, payload: Any, extra: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", extra)

    def _send(self, status: int, data: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(data)))
        self.send_header("connection", "close")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def _drop_whole(self, api: str, reply: Reply, model: str) -> None:
        """Announces a whole body, sends half of it, then hangs up."""
        message = (
            _anthropic_message(reply, model, self.omit_thinking)
            if api == "anthropic"
            else _openai_message(reply, model)
        )
        data = json.dumps(message).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.connection.shutdown(2)
        self.close_connection = True

    # ---- streaming ----
    def _start_stream(self, reply: Reply) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("connection", "close")
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.close_connection = True

    def _write(self, text: str) -> None:
        self._write_bytes(text.encode())

    def _write_bytes(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _finish(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _pace(self, reply: Reply, sent: int) -> bool:
        """Before chunk number ``sent``: sleep, stall or drop as scripted. False: stop sending."""
        if reply.drop_after_chunks is not None and sent >= reply.drop_after_chunks:
            self.wfile.flush()
            self.connection.shutdown(2)  # no terminating chunk: the client sees a broken body
            return False
        if reply.stall_after_chunks is not None and sent == reply.stall_after_chunks:
            if reply.keepalive_s:  # a long quiet think: no content, but Anthropic's keep-alive pings
                quiet_until = time.monotonic() + reply.stall_s
                while time.monotonic() < quiet_until and not self.llm.closing.wait(reply.keepalive_s):
                    self._write('event: ping\ndata: {"type": "ping"}\n\n')
            else:
                self.llm.closing.wait(reply.stall_s)
        if reply.delay_s:
            time.sleep(reply.delay_s)
        return True

    def _pieces(self, reply: Reply, text: str) -> list[str]:
        n = max(1, reply.chunk_chars)
        return [text[i : i + n] for i in range(0, len(text), n)]

    def _stream_items(self, reply: Reply) -> Any:
        """Yields ("reasoning" | "answer", text) pieces, the endless reasoning never ending."""
        if reply.endless_reasoning is not None:
            while not self.llm.closing.is_set():
                for piece in self._pieces(reply, reply.endless_reasoning):
                    yield "reasoning", piece
            return
        if reply.endless is not None:  # a model that ignores max_tokens and never repeats itself
            n = 0
            while not self.llm.closing.is_set():
                n += 1
                yield reply.endless, f"Step {n} weighs {n * 7919 % 10007} against {n * 104729 % 7907}. "
            return
        for piece in self._pieces(reply, reply.reasoning):
            yield "reasoning", piece
        for piece in self._pieces(reply, reply.answer):
            yield "answer", piece

    def _anthropic_stream(self, reply: Reply, model: str) -> None:
        self._start_stream(reply)

        def event(kind: str, data: dict[str, Any]) -> None:
            self._write(f"event: {kind}\ndata: {json.dumps({'type': kind, **data})}\n\n")

        try:
            msg = _anthropic_message(reply, model)
            start = {**msg, "content": [], "stop_reason": None}
            start["usage"] = {**msg["usage"], "output_tokens": 1}
            event("message_start", {"message": start})
            index, current = -1, ""
            for sent, (kind, piece) in enumerate(self._stream_items(reply)):
                if not self._pace(reply, sent):
                    return
                if reply.malformed and sent == 1:
                    self._write('event: content_block_delta\ndata: {"type": "content_block_delta", \n\n')
                if reply.not_utf8 and sent == 1:
                    self._write_bytes(b'event: ping\ndata: {"type": "ping", "x": "caf\xe9"}\n\n')
                if reply.stream_error and sent == 1:
                    err = {"type": "error", "error": {"type": reply.stream_error, "message": "Overloaded"}}
                    self._write(f"event: error\ndata: {json.dumps(err)}\n\n")
                    self._finish()
                    return
                if kind != current:
                    if index >= 0:
                        self._anthropic_block_end(event, index, current)
                    index, current = index + 1, kind
                    block = (
                        {"type": "thinking", "thinking": "", "signature": ""}
                        if kind == "reasoning"
                        else {"type": "text", "text": ""}
                    )
                    event("content_block_start", {"index": index, "content_block": block})
                    if sent == 0:
                        event("ping", {})
                delta = (
                    {"type": "thinking_delta", "thinking": piece}
                    if kind == "reasoning"
                    else {"type": "text_delta", "text": piece}
                )
                if not (kind == "reasoning" and self.omit_thinking):
                    event("content_block_delta", {"index": index, "delta": delta})
            if index >= 0:
                self._anthropic_block_end(event, index, current)
            event(
                "message_delta",
                {
                    "delta": {"stop_reason": msg["stop_reason"], "stop_sequence": None},
                    "usage": {"output_tokens": msg["usage"]["output_tokens"]},
                },
            )
            event("message_stop", {})
            self._finish()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    @staticmethod
    def _anthropic_block_end(event: Any, index: int, kind: str) -> None:
        if kind == "reasoning":
            event(
                "content_block_delta",
                {"index": index, "delta": {"type": "signature_delta", "signature": "c2lnbmF0dXJl"}},
            )
        event("content_block_stop", {"index": index})

    def _openai_stream(self, reply: Reply, model: str) -> None:
        self._start_stream(reply)
        ident, created = f"chatcmpl-{uuid.uuid4().hex[:12]}", int(time.time())

        def chunk(
            delta: dict[str, Any], finish: str | None = None, usage: Any = None, choices: bool = True
        ) -> None:
            data: dict[str, Any] = {
                "id": ident,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [],
            }
            if choices:
                data["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish}]
            if usage is not None:
                data["usage"] = usage
            self._write(f"data: {json.dumps(data)}\n\n")

        try:
            msg = _openai_message(reply, model)
            chunk({"role": "assistant", "content": ""})
            inline = reply.shape in ("think", "think_no_open") and bool(
                reply.reasoning or reply.endless_reasoning or reply.endless == "reasoning"
            )
            opened, closed, sent = reply.shape != "think", False, 0
            for kind, piece in self._stream_items(reply):
                if not self._pace(reply, sent):
                    return
                if reply.malformed and sent == 1:
                    self._write('data: {"id": "x", "choices": [{"delta": \n\n')
                if reply.not_utf8 and sent == 1:
                    self._write_bytes(b'data: {"id": "x", "caf\xe9": 1}\n\n')
                sent += 1
                if kind == "reasoning" and reply.shape in ("reasoning_content", "reasoning"):
                    chunk({reply.shape: piece})
                    continue
                if kind == "reasoning" and reply.shape == "none":
                    continue
                if inline and kind == "reasoning" and not opened:
                    piece, opened = "<think>" + piece, True
                if inline and kind == "answer" and not closed:
                    piece, closed = "</think>" + piece, True
                chunk({"content": piece})
            if inline and not closed:
                chunk({"content": "</think>"})
            finish = msg["choices"][0]["finish_reason"]
            chunk({}, finish)
            if reply.usage:
                chunk({}, usage=msg["usage"], choices=False)
            self._write("data: [DONE]\n\n")
            self._finish()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def _error_body(api: str, kind: str, message: str) -> dict[str, Any]:
    if api == "anthropic":
        return {"type": "error", "error": {"type": kind, "message": message}}
    return {"error": {"message": message, "type": kind, "code": None, "param": None}}


def _counts(reply: Reply) -> tuple[int, int]:
    reasoning = reply.reasoning_tokens if reply.reasoning_tokens is not None else len(reply.reasoning.split())
    output = reply.output_tokens if reply.output_tokens is not None else reasoning + len(reply.answer.split())
    return reasoning, output


def _anthropic_message(reply: Reply, model: str, omit_thinking: bool = False) -> dict[str, Any]:
    content: list[dict[str, Any]] = []
    if reply.reasoning:
        text = "" if omit_thinking else reply.reasoning
        content.append({"type": "thinking", "thinking": text, "signature": "c2lnbmF0dXJl"})
    content.append({"type": "text", "text": reply.answer})
    _, output = _counts(reply)
    return {
        "id": f"msg_{uuid.uuid4().hex[:12]}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": reply.stop_reason or "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": reply.input_tokens,
            "output_tokens": output,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": reply.cached_input_tokens,
        },
    }


def _openai_message(reply: Reply, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.answer}
    if reply.reasoning and reply.shape in ("reasoning_content", "reasoning"):
        message[reply.shape] = reply.reasoning
    elif reply.reasoning and reply.shape == "think":
        message["content"] = f"<think>{reply.reasoning}</think>{reply.answer}"
    elif reply.reasoning and reply.shape == "think_no_open":
        message["content"] = f"{reply.reasoning}</think>{reply.answer}"
    reasoning, output = _counts(reply)
    body: dict[str, Any] = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": reply.stop_reason or "stop"}],
    }
    if reply.usage:
        body["usage"] = {
            "prompt_tokens": reply.input_tokens,
            "completion_tokens": output,
            "total_tokens": reply.input_tokens + output,
            "prompt_tokens_details": {"cached_tokens": reply.cached_input_tokens},
            "completion_tokens_details": {"reasoning_tokens": reasoning},
        }
    return body


def main() -> None:
    """Standalone: ``python -m tests.servers.llm --port 8765 --answer A --reasoning R --shape think``."""
    import argparse

    parser = argparse.ArgumentParser(description="Scripted LLM server answering every request the same way.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--answer", default="OK")
    parser.add_argument("--reasoning", default="")
    parser.add_argument("--shape", default="reasoning_content", choices=list(ReasoningShape.__args__))  # type: ignore[attr-defined]
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each streamed chunk")
    args = parser.parse_args()
    reply = Reply(answer=args.answer, reasoning=args.reasoning, shape=args.shape, delay_s=args.delay)
    server = LLMServer(port=args.port, default=reply).start()
    print(f"LLM test server on {server.base_url} (OpenAI: {server.openai_base_url})", flush=True)
    try:
        server._thread.join()
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
