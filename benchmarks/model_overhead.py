"""Adapter overhead per streamed token: our parsing + guards vs iterating the raw SDK stream.

Both sides read the same scripted response from the local LLM server, which runs in a child
process so that only the client's CPU time is measured. Prints CPU microseconds per chunk and
the adapter's extra share (goal: under 10 %).

    python benchmarks/model_overhead.py [--chunks 4000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datetime import date

import anthropic
import openai

from bot.models import CallSettings, Message, RetryPolicy, make_model
from tests.servers.llm import LLMServer, Reply

SERVED = date(2026, 6, 1)  # measures wire formats, retired presets' included: a day they were served
CASES = [  # (label, model name, reasoning shape)
    ("anthropic thinking", "anthropic/claude-opus-4-5", "reasoning_content"),
    ("deepseek reasoning_content", "deepseek/deepseek-reasoner", "reasoning_content"),
    ("ollama <think> tags", "ollama/qwq", "think"),
]


def _words(n: int) -> str:
    # varied text, so the loop detector works as on real reasoning
    return " ".join(f"step{i} checks value{i * 7 % 101} against bound{i % 13}" for i in range(n))


def _serve(conn: Any, reply: Reply, count: int) -> None:
    server = LLMServer().start()
    server.script(*[reply] * count)
    conn.send(server.base_url)
    conn.recv()  # wait until the parent is done
    server.close()


def raw_anthropic(base: str) -> int:
    client = anthropic.Anthropic(api_key="k", base_url=base, max_retries=0)
    n = 0
    stream = client.messages.create(
        model="claude-opus-4-5",
        max_tokens=64000,
        messages=[{"role": "user", "content": "go"}],
        stream=True,
        thinking={"type": "enabled", "budget_tokens": 4000},
        timeout=60,
    )
    for event in stream:
        if event.type == "content_block_delta":
            n += 1
    return n


def raw_openai(base: str, model: str) -> int:
    client = openai.OpenAI(api_key="k", base_url=base + "/v1", max_retries=0)
    n = 0
    stream = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "go"}],
        stream=True,
        stream_options={"include_usage": True},
        timeout=60,
    )
    for chunk in stream:
        for choice in chunk.choices:
            if choice.delta.content or getattr(choice.delta, "reasoning_content", None):
                n += 1
    return n


def measure(label: str, name: str, shape: str, chunks: int, repeat: int) -> tuple[float, float, int]:
    reasoning, answer = _words(chunks // 10 * 3), _words(chunks // 10)
    reply = Reply(
        answer=answer, reasoning=reasoning, shape=shape, chunk_chars=max(1, len(reasoning + answer) // chunks)
    )  # type: ignore[arg-type]
    parent, child = mp.Pipe()
    proc = mp.Process(target=_serve, args=(child, reply, 2 * repeat), daemon=True)
    proc.start()
    base = parent.recv()
    try:
        model = make_model(
            name,
            base_url=base if name.startswith("anthropic/") else base + "/v1",
            api_key="k",
            retry=RetryPolicy(max_attempts=1),
            today=SERVED,
        )
        settings = CallSettings(thinking_budget_tokens=4000, max_reasoning_tokens=10**9, deadline_s=600)
        raw_times, ours_times, n = [], [], 0
        for _ in range(repeat):
            t = time.process_time()
            n = (
                raw_anthropic(base)
                if name.startswith("anthropic/")
                else raw_openai(base, name.split("/", 1)[1])
            )
            raw_times.append(time.process_time() - t)
            t = time.process_time()
            model.complete([Message("user", "go")], settings)
            ours_times.append(time.process_time() - t)
        return min(raw_times), min(ours_times), n
    finally:
        parent.send("done")
        proc.join(5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'case':30} {'chunks':>7} {'raw us/chunk':>13} {'adapter us/chunk':>17} {'extra':>7}")
    for label, name, shape in CASES:
        raw, ours, n = measure(label, name, shape, args.chunks, args.repeat)
        extra = (ours - raw) / raw * 100 if raw else float("nan")
        print(f"{label:30} {n:7d} {raw / n * 1e6:13.1f} {ours / n * 1e6:17.1f} {extra:6.1f}%")


if __name__ == "__main__":
    main()
